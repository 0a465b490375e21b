package extract

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// fieldText decodes a text field of a picture: UTF-16 when it starts with
// a byte order mark or has a NUL in every other byte (an XMP packet may
// be UTF-16, a Windows tool writes comments so), else UTF-8 where its
// bytes form UTF-8 and Windows-1252 elsewhere (utf8Or1252); NULs
// separate words. The runs of the other reading
// follow (the ASCII runs of a field read as UTF-16, the UTF-16 runs of
// one that holds a NUL), so a field mixing both is read whole.
func fieldText(b []byte) string {
	if s, ok := utf16FieldText(b); ok {
		var w strings.Builder
		w.WriteString(s)
		for _, run := range printableRuns(b, minHeldRun) {
			w.WriteByte('\n')
			w.Write(run)
		}
		return w.String()
	}
	s := string(b)
	if !utf8.Valid(b) {
		// A field is never refused as binary: its control bytes are kept
		// (NULs separate words).
		s, _ = utf8Or1252(b)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		var w strings.Builder
		w.WriteString(strings.ReplaceAll(s, "\x00", "\n"))
		for _, run := range utf16Runs(b, minHeldRun) {
			w.WriteByte('\n')
			w.WriteString(run)
		}
		s = w.String()
	}
	return s
}

// utf16FieldText decodes b as UTF-16 when it starts with a byte order
// mark, or when most of its first bytes at one parity are NUL and few at
// the other (text mostly below U+0100, either byte order).
func utf16FieldText(b []byte) (string, bool) {
	le := true
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		b = b[2:]
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		b, le = b[2:], false
	default:
		var zeros [2]int
		n := min(len(b), 256) &^ 1
		if n < 4 {
			return "", false
		}
		for i, c := range b[:n] {
			if c == 0 {
				zeros[i&1]++
			}
		}
		pairs := n / 2
		switch {
		case zeros[1]*4 >= pairs*3 && zeros[0]*4 < pairs:
		case zeros[0]*4 >= pairs*3 && zeros[1]*4 < pairs:
			le = false
		default:
			return "", false
		}
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if le {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		} else {
			u[i] = binary.BigEndian.Uint16(b[2*i:])
		}
	}
	return strings.ReplaceAll(string(utf16.Decode(u)), "\x00", "\n"), true
}
