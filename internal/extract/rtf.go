package extract

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// RTF is read as Word shows it, so a word the document shows whole is
// whole in the text: Word writes a run (a group) wherever formatting or
// editing history (rsid) changes, splitting words in the file's bytes, and
// spells characters as \'hh and \uN. Control words are dropped; text in
// the body is kept in place. Destinations that are not body text (font and
// style tables, document properties, field instructions, bookmarks,
// shape properties, headers and footers, footnotes, and every \*
// destination) are held and written at the end of the line they stand on:
// still scanned, never splitting the body's words. Pictures and other hex
// data are skipped (no text, as images in PDFs), except what in them is
// not a picture's data: text that is not hex, digit runs a card number
// could be, printable runs of \bin data (all held). The fallback text
// after \uN is held too (rtf_fallback.go). An embedded object
// (\objdata) is refused, like one in an Office package.

// maxRTFDepth bounds group nesting (Word writes a few dozen levels).
const maxRTFDepth = 1024

var magicRTF = []byte(`{\rtf`)

// isRTF says whether data is RTF: "{\rtf" first, after an optional UTF-8
// BOM and white space.
func isRTF(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return bytes.HasPrefix(data, magicRTF)
}

func rtfText(data []byte, lim Limits) (Result, error) {
	if int64(len(data)) > lim.MaxTextBytes {
		return Result{}, notScanned("rtf", "text larger than %d bytes (the text cap); not scanned, not truncated", lim.MaxTextBytes)
	}
	text, why := rtfToText(data, lim.MaxTextBytes)
	if why != "" {
		return Result{}, notScanned("rtf", "%s", why)
	}
	return Result{Format: "rtf", Text: text}, nil
}

type rtfMode int

const (
	rtfBody rtfMode = iota // text in place
	rtfHeld                // text for the end of the line
	rtfDrop                // no text (picture and other hex data)
)

type rtfGroup struct {
	mode  rtfMode
	uc    int  // characters after \uN that spell its fallback (\ucN)
	first bool // no control word yet: the next one may name a destination
}

// Destinations whose text is held (not the body's) and those with no text.
var (
	rtfHeldDestinations = setOf("fonttbl", "colortbl", "stylesheet", "info", "title", "subject",
		"author", "operator", "keywords", "comment", "doccomm", "company", "category", "manager",
		"hlinkbase", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
		"footerf", "footnote", "annotation", "atnid", "atnauthor", "fldinst", "listtable",
		"listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "latentstyles",
		"pgdsctbl", "filetbl", "bkmkstart", "bkmkend", "sp", "sn", "sv", "txe", "xe", "tc",
		"private", "userprops", "docvar", "ffdeftext", "ffname", "ffhelptext", "ffstattext",
		"datafield", "formfield", "leveltext", "levelnumbers", "template", "shpinst", "shptxt")
	rtfDropDestinations = setOf("pict", "themedata", "colorschememapping", "datastore", "blipuid",
		"panose", "fontemb", "fontfile", "passwordhash", "wgrffmtfilter")
)

// rtfSymbols are control words that stand for a character.
var rtfSymbols = map[string]string{
	"par": "\n", "line": "\n", "row": "\n", "sect": "\n", "page": "\n",
	"cell": "\t", "nestcell": "\t", "tab": "\t",
	"emdash": "\u2014", "endash": "\u2013", "bullet": "\u2022", "lquote": "\u2018",
	"rquote": "\u2019", "ldblquote": "\u201c", "rdblquote": "\u201d",
	"emspace": " ", "enspace": " ", "qmspace": " ",
}

// cp1252 reads one byte of Windows-1252 (\'hh in an \ansi document, a text
// file saved as "ANSI"); the five bytes the code page leaves undefined read
// as U+FFFD (utf8.RuneError), which callers that judge text refuse.
func cp1252(b byte) rune { return charmap.Windows1252.DecodeByte(b) }

// rtfConv is one conversion.
type rtfConv struct {
	out, held strings.Builder
	cur       rtfGroup
	stack     []rtfGroup
	drop      strings.Builder // text of the data group being read
	dropText  bool            // it holds more than hex data
	skip      int             // fallback characters of the last \uN still to skip
	fallback  rtfFallback     // the raw reading of the word around \uN fallbacks
	high      uint16          // a high surrogate waiting for its low half
	capBytes  int64
}

// rtfToText converts RTF; why is the reason it could not ("" when it
// could). One pass: every step consumes at least a byte.
func rtfToText(data []byte, capBytes int64) (text, why string) {
	c := &rtfConv{cur: rtfGroup{uc: 1}, capBytes: capBytes}
	for i := 0; i < len(data); {
		b := data[i]
		switch b {
		case '{':
			if len(c.stack) >= maxRTFDepth {
				return "", "RTF groups nested deeper than 1024 levels"
			}
			c.stack = append(c.stack, c.cur)
			c.cur.first = true
			c.skip = 0
			i++
		case '}':
			if n := len(c.stack); n > 0 {
				if c.cur.mode == rtfHeld && c.held.Len() > 0 {
					c.held.WriteByte(' ') // two held groups are two words
				}
				wasDrop := c.cur.mode == rtfDrop
				c.cur = c.stack[n-1]
				if wasDrop && c.cur.mode != rtfDrop {
					c.endDrop()
				}
				c.stack = c.stack[:n-1]
			}
			c.skip = 0
			i++
		case '\\':
			n, why := c.control(data[i:])
			if why != "" {
				return "", why
			}
			i += n
		case '\r', '\n':
			if c.cur.mode == rtfDrop {
				c.drop.WriteByte(' ') // a data group's lines are its runs
			}
			i++
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				r, n = cp1252(b), 1
			}
			c.char(r)
			i += n
		}
		if int64(c.out.Len()+c.held.Len()) > c.capBytes {
			return "", "extracted text larger than the text cap; not scanned, not truncated"
		}
	}
	c.endDrop()
	c.endFallback()
	c.flushHeld()
	if int64(c.out.Len()) > c.capBytes {
		return "", "extracted text larger than the text cap; not scanned, not truncated"
	}
	return c.out.String(), ""
}

// control reads the control word or symbol at the start of s ('\\' first)
// and returns the bytes consumed.
func (c *rtfConv) control(s []byte) (int, string) {
	if len(s) < 2 {
		return len(s), ""
	}
	switch sym := s[1]; {
	case sym == '\'':
		if len(s) >= 4 {
			if v, ok := hexByte(s[2], s[3]); ok {
				c.cur.first = false
				c.char(cp1252(v))
				return 4, ""
			}
		}
		return 2, ""
	case sym == '*':
		if c.cur.first && c.cur.mode == rtfBody {
			c.cur.mode = rtfHeld
		}
		return 2, ""
	case !isASCIILetter(sym):
		c.cur.first = false
		switch sym {
		case '\\', '{', '}':
			c.char(rune(sym))
		case '~':
			c.char(' ')
		case '_':
			c.char('-')
		case '\n', '\r':
			c.emit("\n")
		}
		return 2, ""
	}
	i := 1
	for i < len(s) && i < 33 && isASCIILetter(s[i]) {
		i++
	}
	word := string(s[1:i])
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	for i < len(s) && i-start < 11 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	param, hasParam := 0, i > start && !(i == start+1 && s[start] == '-')
	if hasParam {
		param = atoiBounded(string(s[start:i]))
	}
	if i < len(s) && s[i] == ' ' {
		i++
	}
	first := c.cur.first
	c.cur.first = false
	switch {
	case word == "objdata":
		return i, "embedded object (\\objdata) in RTF not scanned"
	case first && rtfDropDestinations[word]:
		c.cur.mode = rtfDrop
	case first && rtfHeldDestinations[word] && c.cur.mode == rtfBody:
		c.cur.mode = rtfHeld
	case word == "bin":
		if param > 0 {
			end := min(len(s), i+param)
			c.binary(s[i:end])
			i = end
		}
	case word == "uc":
		if hasParam && param >= 0 {
			c.cur.uc = min(param, 16)
		}
	case word == "u" && hasParam:
		c.unicode(param)
	case strings.ToLower(word) != word:
		// Not a control word RTF has (they are lower case): Word ignores
		// it, a reader of the file sees it. Held, like markup in HTML.
		c.held.Write(s[1:i])
		c.held.WriteByte(' ')
	default:
		if sym, ok := rtfSymbols[word]; ok {
			c.emit(sym)
		}
	}
	return i, ""
}

// binary holds the printable text of \binN data outside a picture (a
// reader of the raw file sees it); in a picture or other data group,
// whose bytes are mostly image data, its printable runs of 8 or more
// characters (as strings(1) finds them).
func (c *rtfConv) binary(b []byte) {
	if c.cur.mode == rtfDrop {
		c.holdRuns(b)
		return
	}
	for _, x := range b {
		if x >= 0x20 && x < 0x7f {
			c.held.WriteByte(x)
		} else if c.held.Len() > 0 && !strings.HasSuffix(c.held.String(), " ") {
			c.held.WriteByte(' ')
		}
	}
	c.held.WriteByte(' ')
}

// holdRuns holds the runs of 8 or more printable ASCII characters of b.
func (c *rtfConv) holdRuns(b []byte) {
	for _, run := range printableRuns(b, minHeldRun) {
		c.held.Write(run)
		c.held.WriteByte(' ')
	}
}

func atoiBounded(s string) int {
	neg := strings.HasPrefix(s, "-")
	n := 0
	for _, d := range strings.TrimPrefix(s, "-") {
		if n > 1<<30 {
			break
		}
		n = n*10 + int(d-'0')
	}
	if neg {
		return -n
	}
	return n
}

func hexByte(a, b byte) (byte, bool) {
	v := func(x byte) (byte, bool) {
		switch {
		case x >= '0' && x <= '9':
			return x - '0', true
		case x|0x20 >= 'a' && x|0x20 <= 'f':
			return x | 0x20 - 'a' + 10, true
		}
		return 0, false
	}
	hi, ok1 := v(a)
	lo, ok2 := v(b)
	return hi<<4 | lo, ok1 && ok2
}

// unicode writes \uN (negative N is N+65536, as Word writes above
// U+7FFF), joining surrogate pairs, and starts skipping its fallback.
// The character is not in the raw reading of its word (the fallback is).
func (c *rtfConv) unicode(n int) {
	if n < 0 {
		n += 65536
	}
	if c.cur.uc > 0 && c.cur.mode != rtfDrop {
		c.startFallback()
	}
	u := uint16(n)
	switch {
	case utf16.IsSurrogate(rune(u)) && u < 0xDC00:
		c.high = u
	case utf16.IsSurrogate(rune(u)) && c.high != 0:
		c.emitRaw(string(utf16.DecodeRune(rune(c.high), rune(u))))
		c.high = 0
	default:
		c.high = 0
		c.emitRaw(string(rune(u)))
	}
	c.skip = c.cur.uc
}

// char writes one character of text, or skips it as a \uN fallback
// (kept in the raw reading of its word, see rtfFallback).
func (c *rtfConv) char(r rune) {
	c.cur.first = false
	if c.skip > 0 {
		c.skip--
		if c.cur.mode == rtfDrop {
			c.emitRaw(string(r)) // judged with the group's data
		} else {
			c.fallbackSkipped(r)
		}
		return
	}
	if r < 0x20 && r != '\t' {
		return
	}
	c.emit(string(r))
}

// emit writes text by the group's mode; a line break in the body ends the
// line with the held text.
func (c *rtfConv) emit(s string) {
	if c.cur.mode != rtfDrop {
		c.fallbackText(s)
	}
	c.emitRaw(s)
}

// emitRaw is emit without the raw reading of a \uN fallback's word.
func (c *rtfConv) emitRaw(s string) {
	switch c.cur.mode {
	case rtfBody:
		if s == "\n" {
			c.flushHeld()
		}
		c.out.WriteString(s)
	case rtfHeld:
		if s == "\n" || s == "\t" {
			s = " "
		}
		c.held.WriteString(s)
	case rtfDrop:
		// A picture's data is hex digits; anything else in it is text a
		// reader of the file sees: kept until the group ends.
		c.drop.WriteString(s)
		if strings.Trim(s, "0123456789abcdefABCDEF \t\n") != "" {
			c.dropText = true
		}
	}
}

// endDrop ends a picture or other data group: its text is held when it
// was not all hex data; when it was, its runs that are not a picture's hex
// (a run of 9-19 decimal digits, as a card or account number, or a run
// of an odd count of hex digits, at least minHeldRun) are held.
func (c *rtfConv) endDrop() {
	if c.dropText {
		c.held.WriteString(c.drop.String())
		c.held.WriteByte(' ')
	} else {
		for _, run := range strings.Fields(c.drop.String()) {
			odd := len(run)%2 == 1 && len(run) >= minHeldRun
			if odd || len(run) >= 9 && len(run) <= 19 && strings.Trim(run, "0123456789") == "" {
				c.held.WriteString(run)
				c.held.WriteByte(' ')
			}
		}
	}
	c.drop.Reset()
	c.dropText = false
}

func (c *rtfConv) flushHeld() {
	held := strings.TrimSpace(c.held.String())
	c.held.Reset()
	if held == "" {
		return
	}
	if s := c.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
		c.out.WriteByte('\t')
	}
	c.out.WriteString(held)
}
