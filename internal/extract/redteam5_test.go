package extract

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
)

// Red team 5 (rtdlp5): a last pass over the media members (media_*.go).
// Each test asserts the safe behaviour (the value found, or the document
// not scanned); every attack found is fixed, so each one fails outright.

// rt5DeflatedZip is a zip of one deflated member holding text.
func rt5DeflatedZip(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "notes.txt", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rt5Opens checks that Go's zip reader opens data and reads text from its
// member: a zip tool opens the polyglot.
func rt5Opens(t *testing.T, data []byte, text string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("zip reader refuses the polyglot: %v", err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	if err != nil || string(got) != text {
		t.Fatalf("member reads %q, %v", got, err)
	}
}

// A PNG followed by a zip (a polyglot any zip tool opens) is refused by
// its zip local header after IEND or by its directory record ending the
// member. Zip readers (Go's archive/zip, Python's zipfile) take the
// method and sizes from the central directory and read nothing of the
// local header but its signature and name lengths, and they accept bytes
// after the end of central directory record. So a local header whose
// "version needed" and method are 0xFFFF, and one byte after the record,
// pass both checks, and the member's deflated text is in no printable run.
func TestRTDLP5PNGZipPolyglotDodgesSignatures(t *testing.T) {
	const text = "Card 4111 1111 1111 1111 exp 12/29\n"
	z := rt5DeflatedZip(t, text)
	plain := append(testPNG(), z...)
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(plain)), "card_number"); !ok {
		t.Fatalf("control: a PNG with a zip appended passes: %s", why)
	}
	bogus := bytes.Clone(z)
	binary.LittleEndian.PutUint16(bogus[4:], 0xffff) // version needed
	binary.LittleEndian.PutUint16(bogus[8:], 0xffff) // method
	bogus = append(bogus, '\n')
	rt5Opens(t, bogus, text)
	poly := append(testPNG(), bogus...)
	rt5Opens(t, poly, text)
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(poly)), "card_number"); !ok {
		t.Fatalf("a PNG carrying a zip whose local header has unknown version and method and whose directory record is followed by one byte passes: %s", why)
	}
}

// The same for the end of central directory record alone: its comment
// length says less than the bytes after it (zip tools read the comment
// and ignore the rest), and the local header is inside a private PNG
// chunk, before IEND, where no zip header is looked for.
func TestRTDLP5PNGZipEntryInChunkDirectoryAfterIEND(t *testing.T) {
	const text = "SSN 123-45-6789 on file\n"
	z := rt5DeflatedZip(t, text)
	cd := bytes.Index(z, []byte("PK\x01\x02"))
	if cd < 0 {
		t.Fatal("no central directory")
	}
	// The entries in a chunk (a zip offset is relative: readers find the
	// base from the directory's size and offset), the directory after IEND
	// with 40 bytes after its record.
	png := testPNG([2]string{"prVt", string(z[:cd])})
	dir := bytes.Clone(z[cd:])
	eocd := bytes.LastIndex(dir, []byte("PK\x05\x06"))
	entries := bytes.Index(png, z[:cd])
	binary.LittleEndian.PutUint32(dir[eocd+16:], uint32(len(png)-entries))
	poly := append(bytes.Clone(png), dir...)
	poly = append(poly, strings.Repeat("\x00", 40)...)
	zr, err := zip.NewReader(bytes.NewReader(poly), int64(len(poly)))
	if err != nil {
		t.Skipf("zip reader refuses this layout (%v): no attack", err)
	}
	if rc, err := zr.File[0].Open(); err != nil {
		t.Skipf("zip reader cannot open the member (%v): no attack", err)
	} else if got, _ := io.ReadAll(rc); string(got) != text {
		t.Skipf("zip reader reads %q: no attack", got)
	}
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(poly)), "us_ssn"); !ok {
		t.Fatalf("a PNG with zip entries in a private chunk and the directory after IEND, followed by 40 bytes, passes: %s", why)
	}
}

// A picture's text field that is not valid UTF-8 as a whole is read as
// Latin-1, instead of as UTF-8 where its bytes form UTF-8: one stray byte
// (0xFF) in a JPEG comment or an iTXt chunk (UTF-8 by the PNG spec)
// turns the no-break spaces and en dashes between the digit groups
// (two and three bytes of UTF-8) into letters, and the card or SSN that
// a reader shows (the stray byte as U+FFFD) is in no reading. Its
// digit groups are too short for a printable run.
func TestRTDLP5FieldTextStrayByteReadsLatin1(t *testing.T) {
	for name, c := range map[string]struct{ text, rule string }{
		"card grouped by U+00A0": {"Patient card 4111\u00a01111\u00a01111\u00a01111 on file", "card_number"},
		"SSN with en dashes":     {"Patient SSN 123\u201345\u20136789 on file", "us_ssn"},
	} {
		for kind, member := range map[string]func(string) []byte{
			"jpeg comment": func(s string) []byte { return testJPEG(jpegSegment{0xfe, s}) },
			"png iTXt":     func(s string) []byte { return testPNG([2]string{"iTXt", "Comment\x00\x00\x00\x00\x00" + s}) },
		} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(member(c.text))), c.rule); !ok {
					t.Fatalf("control: the field in valid UTF-8 is not caught: %s", why)
				}
				if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(member(c.text+" \xff"))), c.rule); !ok {
					t.Fatalf("one stray byte makes the whole field Latin-1: %s", why)
				}
			})
		}
	}
}

// Simplest of all: a whole, ordinary zip in a private PNG chunk. Its
// directory record is within the last 64 KiB, where zip tools look, and
// they accept the chunk's CRC and IEND after it (its comment is empty);
// no zip header is looked for before IEND, and the record does not end
// the member.
func TestRTDLP5PNGWholeZipInChunk(t *testing.T) {
	const text = "Card 4111 1111 1111 1111 exp 12/29\n"
	z := rt5DeflatedZip(t, text)
	poly := testPNG([2]string{"prVt", string(z)})
	rt5Opens(t, poly, text)
	if ok, why := rtd4Caught(t, "a.docx", rtd4PictureDocx(t, string(poly)), "card_number"); !ok {
		t.Fatalf("a PNG carrying a whole zip in a private chunk (which zip tools open) passes: %s", why)
	}
}
