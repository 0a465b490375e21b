package extract

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Field is s in UTF-16 (little endian unless be), with a BOM when bom.
func utf16Field(s string, be, bom bool) string {
	var b []byte
	var order binary.AppendByteOrder = binary.LittleEndian
	if be {
		order = binary.BigEndian
	}
	if bom {
		b = order.AppendUint16(b, 0xfeff)
	}
	for _, r := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, r)
	}
	return string(b)
}

// A picture's text field written in UTF-16 (either byte order, with or
// without a BOM, or after bytes of another encoding) is read as text:
// the key is on one line.
func TestFieldTextUTF16(t *testing.T) {
	k := strongFakeKey
	text := "Grüße, key " + k + " – end"
	for name, field := range map[string]string{
		"LE with BOM":               utf16Field(text, false, true),
		"BE with BOM":               utf16Field(text, true, true),
		"LE without BOM":            utf16Field(text, false, false),
		"BE without BOM":            utf16Field(text, true, false),
		"Latin-1 then UTF-16":       "caf\xe9 \x00\x01" + utf16Field(text, false, false),
		"UTF-8 then odd UTF-16":     "titre é\x00\x01\x02" + utf16Field(text, true, false),
		"UTF-16 then an ASCII tail": utf16Field(text, false, true) + "\x00\x00tail " + k,
	} {
		got := fieldText([]byte(field))
		if !strings.Contains(got, k) {
			t.Errorf("%s: key not on a line: %q", name, got)
		}
		if strings.Contains(name, "BOM") && !strings.Contains(got, text) {
			t.Errorf("%s: text not decoded: %q", name, got)
		}
	}
	// Other fields: UTF-8, Latin-1 or Windows-1252 (mixed with UTF-8), NULs
	// separating words.
	for field, want := range map[string]string{
		"Grüße " + k:       "Grüße " + k,
		"Gr\xfc\xdfe " + k: "Grüße " + k,
		"a\x00b\x00" + k:   "a\nb\n" + k,
		// UTF-8 where the bytes form it, Windows-1252 elsewhere.
		"4111\u00a01111 \xff\x96 " + k: "4111\u00a01111 \u00ff\u2013 " + k,
	} {
		if got := fieldText([]byte(field)); got != want {
			t.Errorf("fieldText(%q) = %q, want %q", field, got, want)
		}
	}
}

// The key in a UTF-16 text field of each picture format is found.
func TestOfficePictureUTF16FieldsWritten(t *testing.T) {
	k := strongFakeKey
	u := utf16Field("key "+k, false, false)
	for name, payload := range map[string]string{
		"jpeg COM":    string(testJPEG(jpegSegment{0xfe, u})),
		"jpeg XMP BE": string(testJPEG(jpegSegment{0xe1, string(xmpNamespace) + utf16Field("<x:xmpmeta>"+k+"</x:xmpmeta>", true, true)})),
		"gif comment": string(testGIF(7, [2]string{"\xfe", u})),
		"png tEXt":    string(testPNG([2]string{"tEXt", "Comment\x00" + u})),
		"png zTXt":    string(testPNG([2]string{"zTXt", "Comment\x00\x00" + zlibOf(u)})),
	} {
		inBoth(t, name, payload, skippedWithKey, k)
	}
}
