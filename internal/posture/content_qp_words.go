package posture

import (
	"encoding/base64"
	"regexp"
	"strings"
)

// RFC 2047 encoded words ("=?charset?Q?text?=" or "=?charset?B?text?=")
// carry non-ASCII text in header fields (a Subject, a display name, a
// file name): "Q" is quoted-printable with "_" for a space, "B" base64. A
// mail reader shows them decoded, so a value written in one ("Card=204111
// =201111...") is whole on screen and in no raw line. decodeEncodedWords
// reads them wherever they are (a header block, or text quoting one):
// reading more than a reader does only adds.

// encodedWord matches an encoded word. The charset may carry an RFC 2231
// language ("UTF-8*en"); the text is anything up to "?=", spaces included
// (lenient readers, Python's among them, accept them). RE2 matches in
// linear time.
var encodedWord = regexp.MustCompile(`=\?([^?\s]{1,64})\?([QqBb])\?([^?]*)\?=`)

// maxEncodedWordUnit bounds the folded header lines unfolded into one
// line before decoding (encoded words on consecutive folded lines are
// joined by a reader): a longer field is read in pieces of about this
// size, each line in one piece.
const maxEncodedWordUnit = 8 << 10

// decodeEncodedWords hands add each unfolded field (a line and the folded
// lines after it) that holds an encoded word, with its words decoded and
// the white space between adjacent words dropped (RFC 2047, 6.2), at the
// 1-based raw line the field starts on. Decoding never lengthens a word
// more than 9/4 times (base64 of Windows-1252 bytes).
func decodeEncodedWords(lines []string, add func(text string, line int)) {
	for i := 0; i < len(lines); {
		j, n := i+1, len(lines[i])
		words, params := strings.Contains(lines[i], "=?"), strings.Contains(lines[i], "*=")
		for j < len(lines) && n < maxEncodedWordUnit && lines[j] != "" && (lines[j][0] == ' ' || lines[j][0] == '\t') {
			n += len(lines[j])
			words = words || strings.Contains(lines[j], "=?")
			params = params || strings.Contains(lines[j], "*=")
			j++
		}
		if words {
			unit := lines[i:j]
			var field string
			if len(unit) == 1 {
				field = strings.TrimRight(unit[0], "\r")
			} else {
				var b strings.Builder
				for _, l := range unit {
					b.WriteString(strings.TrimRight(l, "\r"))
				}
				field = b.String()
			}
			if s, ok := decodeWordsIn(field); ok {
				add(s, i+1)
			}
		}
		if params {
			field := strings.Join(lines[i:j], "")
			if s, ok := decodeExtendedParams(field); ok {
				add(s, i+1)
			}
		}
		// A field longer than a unit goes on in the next one, which starts
		// a few of this unit's last lines back (up to encodedWordOverlap
		// bytes, at least one line), so words a reader joins across the
		// cut are in one unit.
		next := j
		if j < len(lines) && n >= maxEncodedWordUnit && lines[j] != "" && (lines[j][0] == ' ' || lines[j][0] == '\t') {
			for back := 0; next-1 > i && back < encodedWordOverlap; {
				next--
				back += len(lines[next])
			}
		}
		i = next
	}
}

// encodedWordOverlap is about how many bytes consecutive units of one
// long field share.
const encodedWordOverlap = 1 << 10

// decodeWordsIn decodes the encoded words of one unfolded field; ok says
// there was one.
func decodeWordsIn(field string) (string, bool) {
	if !strings.Contains(field, "=?") {
		return "", false
	}
	matches := encodedWord.FindAllStringSubmatchIndex(field, -1)
	if len(matches) == 0 {
		return "", false
	}
	var b strings.Builder
	pos, prevWord := 0, false
	for _, m := range matches {
		gap := field[pos:m[0]]
		if !(prevWord && strings.TrimLeft(gap, " \t") == "") {
			b.WriteString(gap)
		}
		charset, enc, text := field[m[2]:m[3]], field[m[4]:m[5]], field[m[6]:m[7]]
		raw, ok := decodeWordText(enc, text)
		if ok {
			charset, _, _ = strings.Cut(charset, "*")
			legacy := legacyDecoder(charset)
			if o := utf16Order(charset); o != "" {
				b.WriteString(decodeUTF16(raw, o))
			} else if s, ok := legacyRead(legacy, raw); ok {
				b.WriteString(s)
			} else {
				b.WriteString(textFromBytes(raw))
			}
		} else {
			b.WriteString(field[m[0]:m[1]])
		}
		prevWord, pos = ok, m[1]
	}
	b.WriteString(field[pos:])
	return b.String(), true
}

// decodeWordText decodes an encoded word's text: "Q" as quoted-printable
// with "_" for a space ("=" before no hex pair kept), "B" as base64,
// padded or not.
func decodeWordText(enc, text string) ([]byte, bool) {
	if enc == "B" || enc == "b" {
		// White space inside (a word folded in its middle) is dropped,
		// as Python's decoder and lenient readers do.
		t := strings.TrimRight(dropWhiteSpace(text), "=")
		if len(t)%4 == 1 {
			t = t[:len(t)-1]
		}
		out, err := base64.RawStdEncoding.DecodeString(t)
		return out, err == nil
	}
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '_':
			out = append(out, ' ')
		case '=':
			if hi, lo, ok := hexPair(text, i+1); ok {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out, true
}

// RFC 2231 extended parameters (filename*=UTF-8''Card%204111%20...,
// split over filename*0*=, filename*1*=...) carry a parameter value
// percent-encoded in a charset: a reader shows an attachment's name
// decoded and joined.

// extendedParam matches one section of an extended parameter: the name,
// the section number, whether it is encoded ("*" last), and the value.
var extendedParam = regexp.MustCompile(`(?i)([a-z0-9_.-]{1,64})\*(?:(\d{1,4})(\*)?|())[ \t]*=[ \t]*("[^"]*"|[^\s;"]*)`)

// maxExtendedParams bounds the parameters of one field decoded.
const maxExtendedParams = 64

// decodeExtendedParams decodes the extended parameters of one unfolded
// field, each as "name: value" on its own line (sections joined in the
// order written); ok says there was one.
func decodeExtendedParams(field string) (string, bool) {
	type param struct {
		charset string
		value   []byte
	}
	var names []string
	params := map[string]*param{}
	for _, m := range extendedParam.FindAllStringSubmatchIndex(field, maxExtendedParams) {
		name := strings.ToLower(field[m[2]:m[3]])
		encoded := m[6] >= 0 || m[8] >= 0 // "name*=" or "name*N*="
		value := strings.Trim(field[m[10]:m[11]], `"`)
		p := params[name]
		if p == nil {
			p = &param{}
			params[name] = p
			names = append(names, name)
			if encoded {
				// The first encoded section starts charset'language'.
				if cs, rest, ok := strings.Cut(value, "'"); ok {
					if _, v, ok := strings.Cut(rest, "'"); ok {
						p.charset, value = cs, v
					}
				}
			}
		}
		if encoded {
			p.value = append(p.value, percentDecode(value)...)
		} else {
			p.value = append(p.value, value...)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	var b strings.Builder
	for i, name := range names {
		if i > 0 {
			b.WriteByte('\n')
		}
		p := params[name]
		b.WriteString(name + ": ")
		if o := utf16Order(p.charset); o != "" {
			b.WriteString(decodeUTF16(p.value, o))
		} else if s, ok := legacyRead(legacyDecoder(p.charset), p.value); ok {
			b.WriteString(s)
		} else {
			b.WriteString(textFromBytes(p.value))
		}
	}
	return b.String(), true
}

// percentDecode undoes %XX escapes ("%" before no hex pair is kept).
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if hi, lo, ok := hexPair(s, i+1); ok {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}

// dropWhiteSpace removes spaces, tabs, CRs and LFs.
func dropWhiteSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, s)
}
