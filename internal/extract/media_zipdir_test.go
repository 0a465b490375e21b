package extract

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// zipEOCD is an end of central directory record naming a directory of
// size bytes at offset, with no comment.
func zipEOCD(records uint16, size, offset uint32) []byte {
	b := []byte("PK\x05\x06\x00\x00\x00\x00")
	b = binary.LittleEndian.AppendUint16(b, records)
	b = binary.LittleEndian.AppendUint16(b, records)
	b = binary.LittleEndian.AppendUint32(b, size)
	b = binary.LittleEndian.AppendUint32(b, offset)
	return binary.LittleEndian.AppendUint16(b, 0)
}

// A zip directory is found wherever its record is, whatever follows it,
// as long as a central directory is where a zip reader reads it.
func TestHasZipDirectoryLayouts(t *testing.T) {
	z := zipOf(t, map[string]string{"notes.txt": "SSN 123-45-6789"})
	eocd := bytes.LastIndex(z, []byte("PK\x05\x06"))
	big := strings.Repeat("\x00\x01", 40<<10) // past the readers' 64 KiB window
	commentTooLong := bytes.Clone(z)
	binary.LittleEndian.PutUint16(commentTooLong[eocd+20:], 0xfff0)
	absolute := append([]byte("junk before the zip"), z...) // offsets from the zip's start
	for name, data := range map[string][]byte{
		"zip":                           z,
		"zip then bytes":                append(bytes.Clone(z), "\x00trailing"...),
		"zip then 80 KiB":               append(bytes.Clone(z), big...),
		"comment longer than the rest":  commentTooLong,
		"after bytes, relative offsets": absolute,
		"zip in a chunk, big chunk after": testPNG([2]string{"prVt", string(z)},
			[2]string{"prVu", big}),
		"zip64 locator": append([]byte("PK\x06\x07"+strings.Repeat("\x00", 16)),
			zipEOCD(0xffff, 0xffffffff, 0xffffffff)...),
	} {
		if !hasZipDirectory(data) {
			t.Errorf("%s: zip directory not found", name)
		}
	}
	// A record that names no central directory is not an archive.
	empty := new(bytes.Buffer)
	if err := zip.NewWriter(empty).Close(); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"record alone":           zipEOCD(1, 46, 0),
		"record naming junk":     append([]byte(strings.Repeat("x", 100)), zipEOCD(1, 46, 10)...),
		"record cut short":       zipEOCD(1, 46, 0)[:21],
		"empty archive":          empty.Bytes(),
		"size past the start":    append([]byte("PK\x01\x02"), zipEOCD(1, 4000, 4000)...),
		"directory after record": append(zipEOCD(1, 0, 22), "PK\x01\x02"...),
	} {
		if hasZipDirectory(data) {
			t.Errorf("%s: taken for a zip directory", name)
		}
	}
}

// A PNG holding a whole zip in a private chunk, followed by more than the
// 64 KiB zip readers search, is refused all the same: 7-Zip-style tools
// and a carved copy open it, and nothing reads its deflated text.
func TestOfficePictureZipInChunkFarFromEnd(t *testing.T) {
	z := rt5DeflatedZip(t, "Card 4111 1111 1111 1111 exp 12/29\n")
	poly := testPNG([2]string{"prVt", string(z)}, [2]string{"prVu", strings.Repeat("\x00\x01", 40<<10)})
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(poly)), "card_number"); !ok {
		t.Fatalf("a PNG with a zip in a chunk 80 KiB before its end passes: %s", why)
	}
}
