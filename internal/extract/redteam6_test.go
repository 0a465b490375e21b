package extract

import (
	"bytes"
	"testing"
	"time"
)

// Red team 6 (rt6): an outsider's pass over hasZipDirectory and the
// picture field text (media_fieldtext.go). Each test asserts the safe
// behaviour (every attack here held).

// A picture of nothing but end-of-central-directory look-alikes (every
// record naming a directory at an offset where none is, sizes near the
// top, zip64 markers without a locator, overlapping records): the search
// stays linear and finds no directory.
func TestRT6ZipDirectoryManyRecordsLinear(t *testing.T) {
	var rec bytes.Buffer
	rec.WriteString("PK\x05\x06")
	rec.Write([]byte{0, 0, 0, 0, 1, 0, 1, 0})                         // disks, records here, records
	rec.Write([]byte{0xfe, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff}) // size, offset
	rec.Write([]byte{0, 0})                                           // comment length
	zip64 := bytes.Replace(rec.Bytes(), []byte{1, 0, 1, 0}, []byte{0xff, 0xff, 0xff, 0xff}, 1)
	overlapping := []byte("PK\x05\x06PK\x05\x06PK\x05\x06PK\x05\x06PK\x05\x06PK\x05\x06")
	var data []byte
	for len(data) < 24<<20 {
		data = append(data, rec.Bytes()...)
		data = append(data, zip64...)
		data = append(data, overlapping...)
	}
	start := time.Now()
	allocs := testing.AllocsPerRun(1, func() {
		if hasZipDirectory(data) {
			t.Error("records naming no directory header were read as a zip directory")
		}
	})
	if d := time.Since(start); d > 20*time.Second || allocs > 10 {
		t.Fatalf("24 MiB of EOCD look-alikes took %v and %v allocations", d, allocs)
	}
}

// Records cut at every length at the end of the data, and zip64 markers
// at the very start (no room for a locator), read no byte out of range.
func TestRT6ZipDirectoryEdgesNoPanic(t *testing.T) {
	full := append([]byte("PK\x05\x06"), bytes.Repeat([]byte{0xff}, 18)...)
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("hasZipDirectory panics at a record's edge: %v", r)
		}
	}()
	for n := 0; n <= len(full); n++ {
		hasZipDirectory(full[:n])
		hasZipDirectory(append([]byte("PK\x06\x07"), full[:n]...))
	}
}

// Field text of odd lengths, a lone byte order mark, a mark and one byte,
// NUL patterns at both parities: decoded without a panic.
func TestRT6FieldTextEdgesNoPanic(t *testing.T) {
	inputs := [][]byte{
		nil, {0}, {0xff}, {0xff, 0xfe}, {0xfe, 0xff}, {0xff, 0xfe, 'a'}, {0xfe, 0xff, 0},
		{'a', 0, 'b'}, {0, 'a', 0}, bytes.Repeat([]byte{'a', 0}, 200), append(bytes.Repeat([]byte{0, 'a'}, 200), 0),
		append(bytes.Repeat([]byte{'a', 0}, 128), []byte("SSN 123-45-6789 \xe9\x80")...),
	}
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("fieldText panics: %v", r)
		}
	}()
	for _, in := range inputs {
		fieldText(in)
	}
}

// A field that reads as UTF-16 by its first 256 bytes and then holds
// plain ASCII: the ASCII is still in the text (a viewer that sniffs
// per field shows it).
func TestRT6FieldTextUTF16ThenASCII(t *testing.T) {
	in := append(bytes.Repeat([]byte{'a', 0}, 128), []byte("SSN 123-45-6789 on file")...)
	if !bytes.Contains([]byte(fieldText(in)), []byte("123-45-6789")) {
		t.Fatalf("ASCII after a UTF-16-looking start is garbled into UTF-16 and its SSN lost")
	}
}
