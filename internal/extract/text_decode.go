package extract

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Byte order marks. UTF-32LE's starts with UTF-16LE's, so UTF-32 is tried
// first: read as UTF-16 it decodes to each character followed by U+0000,
// text no detector matches.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText returns data as UTF-8 text, or false when it is not text: UTF-8
// (an optional BOM), UTF-16 or UTF-32 with a BOM, or Windows-1252 mixed with
// UTF-8 or not (see decodeUTF8Or1252). Text holding U+0000 after decoding is binary, whatever
// its encoding claimed.
func decodeText(data []byte) (string, bool) {
	var s string
	switch {
	case bytes.HasPrefix(data, bomUTF32LE):
		t, ok := decodeUTF32(data[4:], false)
		if !ok {
			return "", false
		}
		s = t
	case bytes.HasPrefix(data, bomUTF32BE):
		t, ok := decodeUTF32(data[4:], true)
		if !ok {
			return "", false
		}
		s = t
	case bytes.HasPrefix(data, bomUTF16LE):
		s = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		s = decodeUTF16(data[2:], true)
	default:
		data = bytes.TrimPrefix(data, bomUTF8)
		if utf8.Valid(data) {
			s = string(data)
			break
		}
		t, ok := decodeUTF8Or1252(data)
		if !ok {
			return "", false
		}
		s = t
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", false
	}
	return s, true
}

// decodeUTF16 decodes UTF-16 without its BOM; a trailing odd byte is
// dropped and unpaired surrogates become U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for _, r := range utf16.Decode(u) {
		sb.WriteRune(r)
	}
	return sb.String()
}

// decodeUTF32 decodes UTF-32 without its BOM. A length that is not a
// multiple of 4, a surrogate or a value past U+10FFFF is not UTF-32: binary.
func decodeUTF32(b []byte, bigEndian bool) (string, bool) {
	if len(b)%4 != 0 {
		return "", false
	}
	var sb strings.Builder
	sb.Grow(len(b) / 4)
	for i := 0; i < len(b); i += 4 {
		var v uint32
		if bigEndian {
			v = uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
		} else {
			v = uint32(b[i+3])<<24 | uint32(b[i+2])<<16 | uint32(b[i+1])<<8 | uint32(b[i])
		}
		if v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
			return "", false
		}
		sb.WriteRune(rune(v))
	}
	return sb.String(), true
}

// decodeUTF8Or1252 reads data, which is not valid UTF-8 as a whole, as text
// that mixes the two encodings a text file that is not UTF-8 most often
// holds: UTF-8 sequences where the bytes form them, and each other byte as
// Windows-1252 (what Excel on Windows saves as CSV and Notepad as "ANSI";
// a UTF-8 file edited by such a tool mixes both). A control character
// other than tab, line feed, form feed and carriage return, or a byte
// Windows-1252 leaves undefined, makes it binary (false): compressed or
// encrypted data holds such bytes within a few hundred bytes, so a binary
// is not read as text by this. Reading the UTF-8 sequences as UTF-8 keeps
// their separators (a no-break space, an en dash) what they are, where
// reading every byte as Windows-1252 would turn them into letters.
func decodeUTF8Or1252(data []byte) (string, bool) {
	s, plain := utf8Or1252(data)
	if !plain {
		return "", false
	}
	return s, true
}

// utf8Or1252 reads data as UTF-8 where its bytes form UTF-8 and each other
// byte as Windows-1252 (U+FFFD for the five bytes it leaves undefined).
// plain says whether the text holds no control character other than tab,
// line feed, form feed and carriage return, and no undefined byte. One
// pass.
func utf8Or1252(data []byte) (s string, plain bool) {
	var sb strings.Builder
	sb.Grow(len(data) + len(data)/4)
	plain = true
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' || b == 0x7f {
				plain = false
			}
			sb.WriteByte(b)
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if r, n = cp1252(b), 1; r == utf8.RuneError {
				plain = false
			}
		}
		sb.WriteRune(r)
		i += n
	}
	return sb.String(), plain
}
