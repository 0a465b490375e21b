package posture

import (
	"unicode"
	"unicode/utf8"
)

// piiText is the form of a text the PII patterns read, with, for each of
// its bytes, the byte span of the original text it came from (so a match
// maps back to the original, to redact it there).
type piiText struct {
	s string
	// from and to are, per byte of s, the start and end in the original.
	from, to []int
}

// span returns the original byte span of s[a:b] (b > a).
func (p piiText) span(a, b int) (int, int) { return p.from[a], p.to[b-1] }

// newPIIText rewrites what a word processor, a PDF or a form puts in and
// between the groups of a number as the ASCII the PII patterns read:
//   - every space character (Unicode Zs: no-break, narrow no-break, figure,
//     thin, ideographic spaces...) as a space, the Unicode dashes and minus
//     signs (full-width too) as a dash, and the decimal digits of any script
//     (full-width digits of Japanese and Chinese forms, Arabic-Indic...) as
//     ASCII digits;
//   - with punctAsSpace (file names), the ASCII punctuation other than the
//     separators '-' and '.' as a space: '_' is a word character for the
//     patterns' \b, so "ssn_123-45-6789" would hold no candidate;
//   - two or three spaces between digits as one, and a dash with up to two
//     spaces on either side between digits as a dash ("4111  1111",
//     "123 - 45 - 6789": PDF extraction and fixed-width layouts).
//
// No line break is added or removed, so line numbers stay.
func newPIIText(s string, punctAsSpace bool) piiText {
	b := make([]byte, 0, len(s))
	from := make([]int, 0, len(s))
	to := make([]int, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		var c rune = -1
		switch {
		case r < 0x80:
			c = r
			if punctAsSpace && r != '-' && r != '.' && unicode.IsPunct(r) || punctAsSpace && unicode.IsSymbol(r) {
				c = ' '
			}
		case unicode.Is(unicode.Zs, r):
			c = ' '
		case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE63, r == 0xFF0D:
			c = '-'
		case unicode.Is(unicode.Nd, r):
			if d, ok := digitValue(r); ok {
				c = '0' + d
			}
		}
		if c >= 0 {
			b = append(b, byte(c))
			from = append(from, i)
			to = append(to, i+n)
		} else {
			for k := 0; k < n; k++ {
				b = append(b, s[i+k])
				from = append(from, i)
				to = append(to, i+n)
			}
		}
		i += n
	}
	return collapseGroupSeparators(piiText{s: string(b), from: from, to: to})
}

// digitValue is the value of a Unicode decimal digit. Unicode assigns the
// digits of each script as a run of ten from zero (a stability policy), and
// the Nd table's ranges are whole runs, so the value is the offset in its
// range modulo ten.
func digitValue(r rune) (rune, bool) {
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return (r - rune(rg.Lo)) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return (r - rune(rg.Lo)) % 10, true
		}
	}
	return 0, false
}

// collapseGroupSeparators rewrites a wide separator between two digits
// (two or three spaces; a dash with up to two spaces either side) as one
// space or dash. Wider gaps are columns, not groups, and stay.
func collapseGroupSeparators(p piiText) piiText {
	s := p.s
	out := piiText{from: make([]int, 0, len(s)), to: make([]int, 0, len(s))}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if i > 0 && isDigit(rune(s[i-1])) && (s[i] == ' ' || s[i] == '-') {
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			before := j - i
			dash := j < len(s) && s[j] == '-'
			after := 0
			if dash {
				j++
				for j < len(s) && s[j] == ' ' {
					j++
				}
				after = j - i - before - 1
			}
			wide := (dash && before+after > 0 && before <= 2 && after <= 2) || (!dash && before >= 2 && before <= 3)
			if wide && j < len(s) && isDigit(rune(s[j])) {
				c := byte(' ')
				if dash {
					c = '-'
				}
				b = append(b, c)
				out.from = append(out.from, p.from[i])
				out.to = append(out.to, p.to[j-1])
				i = j
				continue
			}
		}
		b = append(b, s[i])
		out.from = append(out.from, p.from[i])
		out.to = append(out.to, p.to[i])
		i++
	}
	out.s = string(b)
	return out
}
