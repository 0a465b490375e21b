package posture

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Decoded quoted-printable bytes are text in the part's charset. The
// detectors read ASCII digits and keys, which every charset a mailer
// writes quoted-printable in keeps as they are, but two kinds of charset
// change what a reader shows around them:
//   - a single-byte charset (ISO-8859-x, Windows-1252): =A0 is a
//     no-break space, =96 and =97 dashes, the separators Word and Outlook
//     put in numbers. Bytes that are not UTF-8 are read as Windows-1252
//     (what readers show for ISO-8859-1 too, and the same no-break space
//     as every ISO-8859 charset), whatever the charset says: a byte the
//     charset does not explain is shown as something, not dropped;
//   - UTF-16 (UTF-32): every ASCII character is two (four) bytes, NULs
//     but one. A body whose Content-Type says so is also read so, in
//     addition to its bytes (a mislabelled body still reads as bytes);
//   - other multi-byte and single-byte charsets (Shift_JIS, GBK, Big5,
//     EUC-KR, KOI8-R...) write full-width digits and dashes, which the
//     detectors read, as bytes that are not UTF-8: a body (or an encoded
//     word) in one is also read in it (the WHATWG encoding index, what
//     browsers and mail readers use), in addition to its bytes.

// charsetReading names how a charset reads bytes differently from
// textFromBytes: "wide " and the utf16Order, the WHATWG name of another encoding,
// or "" (UTF-8, ASCII, ISO-8859-1, Windows-1252, or a name no index
// knows: read as bytes only).
func charsetReading(charset string) string {
	if o := utf16Order(charset); o != "" {
		return "wide " + o
	}
	name, _ := legacyEncoding(charset)
	return name
}

// legacyEncoding looks a charset up in the WHATWG index: its canonical
// name and decoder, or "" for one textFromBytes reads as well (UTF-8,
// Windows-1252, which the index also gives for ISO-8859-1 and US-ASCII),
// for UTF-16 (utf16Stream) and for the "replacement" encoding (which
// decodes nothing).
func legacyEncoding(charset string) (string, func([]byte) (string, bool)) {
	c := strings.Trim(strings.TrimSpace(charset), `"'`)
	if c == "" || len(c) > 64 {
		return "", nil
	}
	enc, err := htmlindex.Get(c)
	if err != nil {
		return "", nil
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return "", nil
	}
	switch name {
	case "utf-8", "windows-1252", "utf-16le", "utf-16be", "replacement":
		return "", nil
	}
	return name, func(b []byte) (string, bool) {
		s, err := enc.NewDecoder().Bytes(b)
		return string(s), err == nil
	}
}

// legacyDecoder is legacyEncoding's decoder (nil if none), reading only
// bytes that ASCII does not explain (every charset here keeps ASCII, but
// for ISO-2022's escapes): ok says it read the bytes.
func legacyDecoder(charset string) func([]byte) (string, bool) {
	_, dec := legacyEncoding(charset)
	if dec == nil {
		return nil
	}
	return func(b []byte) (string, bool) {
		for _, c := range b {
			if c >= 0x80 || c == 0x1B {
				return dec(b)
			}
		}
		return "", false
	}
}

// legacyRead reads b with dec, if there is one.
func legacyRead(dec func([]byte) (string, bool), b []byte) (string, bool) {
	if dec == nil {
		return "", false
	}
	return dec(b)
}

// textFromBytes reads decoded bytes as UTF-8, each byte that is not part
// of a UTF-8 character as Windows-1252. It is at most three times as long
// as b, and no longer than the quoted-printable text b was decoded from:
// a byte that is not UTF-8 comes from a =XX escape (the raw text is UTF-8).
func textFromBytes(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var s strings.Builder
	s.Grow(len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			// The five bytes Windows-1252 leaves undefined read as the C1
			// control, as ISO-8859-1 does.
			if r = charmap.Windows1252.DecodeByte(b[0]); r == utf8.RuneError {
				r = rune(b[0])
			}
		}
		s.WriteRune(r)
		b = b[n:]
	}
	return s.String()
}

// utf16Order reads a charset name: "le" or "be" for UTF-16 (and UCS-2) in
// that byte order, "?" for one that leaves it to a byte order mark; "32le",
// "32be" and "32?" for UTF-32 (and UCS-4); "" for any other charset.
func utf16Order(charset string) string {
	c := strings.ToLower(strings.Trim(strings.TrimSpace(charset), `"'`))
	c = strings.ReplaceAll(c, "_", "-")
	c = strings.ReplaceAll(strings.ReplaceAll(c, "ucs-2", "utf-16"), "ucs-4", "utf-32")
	switch c {
	case "utf-16le", "utf-16-le", "unicode", "unicodelittleunmarked":
		return "le"
	case "utf-16be", "utf-16-be", "unicodefffe", "unicodebigunmarked":
		return "be"
	case "utf-16", "utf16", "csunicode":
		return "?"
	case "utf-32le", "utf-32-le", "utf32le":
		return "32le"
	case "utf-32be", "utf-32-be", "utf32be":
		return "32be"
	case "utf-32", "utf32":
		return "32?"
	}
	return ""
}

// wideWidth is the bytes of one code unit in the order's encoding.
func wideWidth(order string) int {
	if strings.HasPrefix(order, "32") {
		return 4
	}
	return 2
}

// wideUnit reads the code unit at b[i:] (len(b)-i >= wideWidth).
func wideUnit(b []byte, i int, order string) uint32 {
	switch order {
	case "le":
		return uint32(b[i]) | uint32(b[i+1])<<8
	case "be":
		return uint32(b[i])<<8 | uint32(b[i+1])
	case "32le":
		return uint32(b[i]) | uint32(b[i+1])<<8 | uint32(b[i+2])<<16 | uint32(b[i+3])<<24
	}
	return uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
}

// decodeUTF16 reads b as UTF-16 or UTF-32 in the given order ("?": by
// the byte order mark, else by where the NUL bytes of ASCII text fall).
// An incomplete last unit is dropped. The text is at most 3/2 as long as
// b.
func decodeUTF16(b []byte, order string) string {
	order = resolveWideOrder(b, order)
	w := wideWidth(order)
	if w == 2 {
		units := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			units = append(units, uint16(wideUnit(b, i, order)))
		}
		if len(units) > 0 && units[0] == 0xFEFF {
			units = units[1:]
		}
		return string(utf16.Decode(units))
	}
	var s strings.Builder
	for i := 0; i+3 < len(b); i += 4 {
		u := wideUnit(b, i, order)
		if i == 0 && u == 0xFEFF {
			continue
		}
		r := rune(u)
		if u > utf8.MaxRune || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		s.WriteRune(r)
	}
	return s.String()
}

// resolveWideOrder settles a "?" order by the byte order mark, else by
// where the NUL bytes of ASCII text fall.
func resolveWideOrder(b []byte, order string) string {
	switch order {
	case "?":
		return guessUTF16Order(b)
	case "32?":
		switch {
		case len(b) >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0:
			return "32le"
		case len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF:
			return "32be"
		}
		first, last := 0, 0 // NULs where a LE unit's low byte is, a BE unit's
		for i := 0; i+3 < len(b); i += 4 {
			if b[i] == 0 {
				first++
			}
			if b[i+3] == 0 {
				last++
			}
		}
		if first > last {
			return "32be"
		}
		return "32le"
	}
	return order
}

// utf16Stream gathers the decoded bytes of one UTF-16 body, its logical
// lines joined by "\n" as a reader joins them, with the raw line each
// starts on, and decodes them as one: a character may straddle a line
// end.
type utf16Stream struct {
	order string
	b     []byte
	marks []utf16Mark
}

type utf16Mark struct{ off, line int }

func (s *utf16Stream) reset(order string) {
	s.order, s.b, s.marks = order, s.b[:0], s.marks[:0]
}

func (s *utf16Stream) add(decoded []byte, line int) {
	if s.order == "" {
		return
	}
	if len(s.marks) > 0 {
		s.b = append(s.b, '\n')
	}
	s.marks = append(s.marks, utf16Mark{len(s.b), line})
	s.b = append(s.b, decoded...)
}

// decode hands add each line of the body read as UTF-16 (or UTF-32),
// with the raw line the bytes of its first character came from.
func (s *utf16Stream) decode(add func(text string, line int)) {
	if s.order == "" || len(s.marks) == 0 {
		return
	}
	order := resolveWideOrder(s.b, s.order)
	w := wideWidth(order)
	m := 0
	lineAt := func(off int) int {
		for m+1 < len(s.marks) && s.marks[m+1].off <= off {
			m++
		}
		return s.marks[m].line
	}
	start := 0
	for i := 0; i+w <= len(s.b); i += w {
		if wideUnit(s.b, i, order) == '\n' {
			add(decodeUTF16(s.b[start:i], order), lineAt(start))
			start = i + w
		}
	}
	if start < len(s.b) {
		add(decodeUTF16(s.b[start:], order), lineAt(start))
	}
}

func guessUTF16Order(b []byte) string {
	if len(b) >= 2 {
		switch {
		case b[0] == 0xFF && b[1] == 0xFE:
			return "le"
		case b[0] == 0xFE && b[1] == 0xFF:
			return "be"
		}
	}
	even, odd := 0, 0
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	if even > odd {
		return "be"
	}
	return "le"
}
