package extract

import (
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// pdfCMap is a ToUnicode charmap read here rather than by the reader, which
// applies one only to Identity-H fonts: composite fonts with another CMap
// (Identity-V, a legacy CJK CMap, an embedded one) would otherwise be
// drawn text read as raw codes. Only the parts that map codes to text are
// read: code space ranges, bfchar and bfrange; anything else is skipped.
type pdfCMap struct {
	space  [4][][2]string // code space ranges by code length
	chars  map[string]string
	ranges []pdfCMapRange
}

type pdfCMapRange struct {
	lo, hi string
	dst    string   // the first code's text (UTF-16BE), or
	dsts   []string // one text per code
}

// pdfCMapToken is a token of a charmap: a string (hex or literal), an
// array of strings, or a keyword or number (word).
type pdfCMapToken struct {
	word   string
	str    string
	isStr  bool
	array  []string
	isList bool
}

// parseCMap reads a ToUnicode stream (already measured against the budget
// and the charmap entry cap).
func (x *pdfExtractor) parseCMap(strm pdf.Value, codeLen int) *pdfCMap {
	rd := readerOf(strm)
	data, _ := io.ReadAll(io.LimitReader(rd, x.lim.MaxTextBytes+1))
	_ = rd.Close()
	m := &pdfCMap{chars: map[string]string{}}
	var block []pdfCMapToken
	lx := pdfCMapLexer{data: data}
	for {
		x.tick()
		tok, ok := lx.next()
		if !ok {
			break
		}
		if strings.HasPrefix(tok.word, "/") {
			// A glyph name as a destination (legacy): kept as no text, so
			// the pairs stay aligned.
			tok = pdfCMapToken{isStr: true}
		}
		if numberLike(tok.word) && !tok.isStr && !tok.isList {
			continue // a block's count
		}
		if tok.isStr || tok.isList {
			block = append(block, tok)
			if len(block) > 3*pdfMaxCharmapEntries {
				stopPDF("font charmap with more than %d entries", pdfMaxCharmapEntries)
			}
			continue
		}
		switch tok.word {
		case "endcodespacerange":
			for i := 0; i+1 < len(block); i += 2 {
				lo, hi := block[i].str, block[i+1].str
				if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
					m.space[n-1] = append(m.space[n-1], [2]string{lo, hi})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(block); i += 2 {
				m.chars[block[i].str] = block[i+1].str
			}
		case "endbfrange":
			for i := 0; i+2 < len(block); i += 3 {
				r := pdfCMapRange{lo: block[i].str, hi: block[i+1].str}
				if block[i+2].isList {
					r.dsts = block[i+2].array
				} else {
					r.dst = block[i+2].str
				}
				if len(r.lo) > 0 && len(r.lo) == len(r.hi) {
					m.ranges = append(m.ranges, r)
				}
			}
		}
		block = block[:0]
	}
	if len(m.space[0])+len(m.space[1])+len(m.space[2])+len(m.space[3]) == 0 {
		// Producers omit the code space now and then: take the font's
		// usual code length.
		m.space[codeLen-1] = [][2]string{{strings.Repeat("\x00", codeLen), strings.Repeat("\xff", codeLen)}}
	}
	return m
}

// Decode maps codes to text as the reader's own charmap does (the longest
// code space match from one byte up; an unmapped code is U+FFFD).
func (m *pdfCMap) Decode(raw string) string {
	var b strings.Builder
Parse:
	for len(raw) > 0 {
		for n := 1; n <= 4 && n <= len(raw); n++ {
			code := raw[:n]
			for _, sp := range m.space[n-1] {
				if sp[0] > code || code > sp[1] {
					continue
				}
				raw = raw[n:]
				b.WriteString(m.lookup(code))
				continue Parse
			}
		}
		b.WriteRune(utf8.RuneError)
		raw = raw[1:]
	}
	return b.String()
}

func (m *pdfCMap) lookup(code string) string {
	if s, ok := m.chars[code]; ok {
		return utf16BE(s)
	}
	for _, r := range m.ranges {
		if len(r.lo) != len(code) || code < r.lo || code > r.hi {
			continue
		}
		off := int(code[len(code)-1]) - int(r.lo[len(r.lo)-1])
		if r.dsts != nil {
			if off >= 0 && off < len(r.dsts) {
				return utf16BE(r.dsts[off])
			}
			return string(utf8.RuneError)
		}
		if r.dst == "" {
			return string(utf8.RuneError)
		}
		d := []byte(r.dst)
		d[len(d)-1] += byte(off)
		return utf16BE(string(d))
	}
	return string(utf8.RuneError)
}

// utf16BE decodes big-endian UTF-16; an odd last byte is U+FFFD.
func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	out := string(utf16.Decode(u))
	if len(s)%2 == 1 {
		out += string(utf8.RuneError)
	}
	return out
}

// pdfCMapLexer splits a charmap into tokens.
type pdfCMapLexer struct {
	data []byte
	pos  int
}

func (l *pdfCMapLexer) next() (pdfCMapToken, bool) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return pdfCMapToken{}, false
	}
	c := l.data[l.pos]
	switch {
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		l.pos += 2
		return pdfCMapToken{word: "<<"}, true
	case c == '<':
		return pdfCMapToken{str: l.hex(), isStr: true}, true
	case c == '(':
		return pdfCMapToken{str: l.literal(), isStr: true}, true
	case c == '[':
		l.pos++
		var arr []string
		for {
			l.skipSpace()
			if l.pos >= len(l.data) {
				break
			}
			if l.data[l.pos] == ']' {
				l.pos++
				break
			}
			if l.data[l.pos] == '[' {
				l.pos++ // nesting is not charmap syntax: flattened, never recursed
				continue
			}
			tok, ok := l.next()
			if !ok {
				break
			}
			if tok.isStr && len(arr) < 256 {
				arr = append(arr, tok.str)
			}
		}
		if arr == nil {
			arr = []string{}
		}
		return pdfCMapToken{array: arr, isList: true}, true
	case isPDFDelim(c):
		l.pos++
		if c == '/' {
			return pdfCMapToken{word: "/" + l.word()}, true
		}
		return pdfCMapToken{word: string(c)}, true
	}
	return pdfCMapToken{word: l.word()}, true
}

func (l *pdfCMapLexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *pdfCMapLexer) word() string {
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) {
		l.pos++
	}
	return string(l.data[start:l.pos])
}

func (l *pdfCMapLexer) hex() string {
	l.pos++ // '<'
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhexByte(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}

func unhexByte(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *pdfCMapLexer) literal() string {
	l.pos++ // '('
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '\\':
			out = l.escape(out)
			continue
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// escape appends the character a literal string's backslash escape stands
// for (l.pos is after the backslash).
func (l *pdfCMapLexer) escape(out []byte) []byte {
	if l.pos >= len(l.data) {
		return out
	}
	c := l.data[l.pos]
	l.pos++
	switch c {
	case 'n':
		return append(out, '\n')
	case 'r':
		return append(out, '\r')
	case 't':
		return append(out, '\t')
	case 'b':
		return append(out, '\b')
	case 'f':
		return append(out, '\f')
	case '\r', '\n':
		return out // a line continuation
	}
	if c < '0' || c > '7' {
		return append(out, c)
	}
	v := c - '0'
	for i := 0; i < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; i++ {
		v = v<<3 | (l.data[l.pos] - '0')
		l.pos++
	}
	return append(out, v)
}
