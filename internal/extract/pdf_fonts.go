package extract

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

const (
	pdfMaxWidths         = 1 << 16
	pdfDecodeChunk       = 4096
	pdfMaxCharmapEntries = 100000
)

// pdfFont is what text layout needs from a font: its decoding and glyph
// widths (in thousandths of an em).
type pdfFont struct {
	enc     pdf.TextEncoding // nil: bytes as they are
	widths  []float64
	first   int
	twoByte bool // composite (Type0) font: two-byte codes assumed
	// unsupported: codes this extractor cannot turn into text (a composite
	// font with an unknown CMap and no ToUnicode): drawing with it makes
	// the file not scanned.
	unsupported bool
	// type3 is a Type3 font's glyph procedures (CharProcs) until they are
	// read, with the font's resources.
	type3          *pdf.Value
	type3Resources pdf.Value
}

// font resolves a font resource by name, parsing each distinct font once
// per document (its charmap can be large).
func (x *pdfExtractor) font(resources pdf.Value, local map[string]*pdfFont, name string) *pdfFont {
	if f, ok := local[name]; ok {
		return f
	}
	dict := resources.Key("Font").Key(name)
	var f *pdfFont
	if dict.Kind() == pdf.Dict {
		key := dict.String()
		if f = x.fonts[key]; f == nil {
			f = x.parseFont(dict)
			x.fonts[key] = f
		}
	}
	local[name] = f
	return f
}

func (x *pdfExtractor) parseFont(dict pdf.Value) *pdfFont {
	// The reader's /Differences decoder scans the whole array for every
	// byte of text; a crafted array of millions of entries would make each
	// string cost seconds past any deadline check.
	if enc := dict.Key("Encoding"); enc.Kind() == pdf.Dict && enc.Key("Differences").Len() > pdfMaxDifferences {
		stopPDF("font encoding with more than %d differences", pdfMaxDifferences)
	}
	// The reader builds the charmap in memory from /ToUnicode: measure it
	// against the inflation budget first, like a content stream.
	x.measure(dict.Key("ToUnicode"), newCharmapScan())
	x.checkCharmap(dict.Key("ToUnicode"))
	pf := pdf.Font{V: dict}
	f := &pdfFont{twoByte: dict.Key("Subtype").Name() == "Type0"}
	if dict.Key("Subtype").Name() == "Type3" {
		procs := dict.Key("CharProcs")
		f.type3, f.type3Resources = &procs, dict.Key("Resources")
	}
	if f.twoByte {
		f.enc, f.unsupported = x.compositeEncoding(dict)
	} else if tu := dict.Key("ToUnicode"); tu.Kind() == pdf.Stream && dict.Key("Encoding").Kind() == pdf.Dict {
		// The reader decodes a /Differences encoding by glyph name and
		// leaves a code whose name it does not know (a subset's "g12",
		// "uni4E2D") as the raw byte; ToUnicode is the text (PDF 32000-1
		// 9.10.2 puts it first).
		f.enc = x.parseCMap(tu, 1)
	} else {
		f.enc = pf.Encoder()
	}
	if w := dict.Key("Widths"); w.Kind() == pdf.Array && !f.twoByte {
		f.first = int(dict.Key("FirstChar").Int64())
		n := min(w.Len(), pdfMaxWidths)
		f.widths = make([]float64, n)
		for i := 0; i < n; i++ {
			x.tick()
			f.widths[i] = w.Index(i).Float64()
		}
	}
	return f
}

// decode decodes a string in chunks, checking the deadline between them:
// the reader's charmap decoder scans every mapping for every code, so one
// long string can cost seconds. A chunk is a multiple of every usual code
// length (1, 2 and 4 bytes), so codes are not split.
func (x *pdfExtractor) decode(f *pdfFont, raw string) string {
	if f.enc == nil {
		return raw
	}
	if len(raw) <= pdfDecodeChunk {
		return f.enc.Decode(raw)
	}
	var b strings.Builder
	for len(raw) > 0 {
		x.checkDeadline()
		n := min(len(raw), pdfDecodeChunk)
		b.WriteString(f.enc.Decode(raw[:n]))
		raw = raw[n:]
	}
	return b.String()
}

// cmapEntries counts the mappings a ToUnicode charmap declares (the number
// before each begin...range / beginbfchar).
var cmapEntries = regexp.MustCompile(`(\d+)\s+begin(?:bfchar|bfrange|codespacerange|cidchar|cidrange)`)

// checkCharmap refuses a charmap too large to decode text with in bounded
// time (real ones map at most 65,536 codes).
func (x *pdfExtractor) checkCharmap(toUnicode pdf.Value) {
	if toUnicode.Kind() != pdf.Stream {
		return
	}
	rd := readerOf(toUnicode)
	defer rd.Close()
	data, _ := io.ReadAll(io.LimitReader(rd, x.lim.MaxTextBytes+1))
	total := 0
	for _, m := range cmapEntries.FindAllSubmatch(data, -1) {
		n, err := strconv.Atoi(string(m[1]))
		if err != nil || n > pdfMaxCharmapEntries {
			n = pdfMaxCharmapEntries + 1
		}
		if total += n; total > pdfMaxCharmapEntries {
			stopPDF("font charmap with more than %d entries", pdfMaxCharmapEntries)
		}
	}
}

// measure returns the glyphs, single-byte spaces (which word spacing
// applies to) and total width in thousandths of an em of a string. A font
// without widths (the standard 14 fonts often have none) is assumed to be
// pdfUnknownGlyphEms per glyph: only the space-or-not choice between
// strings on one line depends on it.
func (f *pdfFont) measure(raw, text string) (glyphs, spaces int, width float64) {
	if f.twoByte {
		glyphs = len(raw) / 2
		return glyphs, 0, float64(glyphs) * pdfUnknownGlyphEms * 1000
	}
	if f.widths == nil {
		glyphs = utf8.RuneCountInString(text)
		for i := 0; i < len(raw); i++ {
			if raw[i] == ' ' {
				spaces++
			}
		}
		return glyphs, spaces, float64(glyphs) * pdfUnknownGlyphEms * 1000
	}
	for i := 0; i < len(raw); i++ {
		c := int(raw[i])
		if c == ' ' {
			spaces++
		}
		if j := c - f.first; j >= 0 && j < len(f.widths) {
			width += f.widths[j]
		} else {
			width += pdfUnknownGlyphEms * 1000
		}
	}
	return len(raw), spaces, width
}

// compositeEncoding decodes a composite (Type0) font's codes: through its
// ToUnicode charmap for Identity-H/V and other CMaps, and directly for the
// predefined Unicode CMaps, whose codes are UTF-16 (UCS-2), UTF-8 or
// UTF-32 themselves. Any other font is unsupported: its codes are glyph
// ids, not text.
func (x *pdfExtractor) compositeEncoding(dict pdf.Value) (pdf.TextEncoding, bool) {
	name := dict.Key("Encoding").Name()
	if strings.HasPrefix(name, "Uni") && (strings.HasSuffix(name, "-H") || strings.HasSuffix(name, "-V")) {
		switch {
		case strings.Contains(name, "-UTF16-"), strings.Contains(name, "-UCS2-"):
			return pdfUTF16Encoding{}, false
		case strings.Contains(name, "-UTF8-"):
			return pdfUTF8Encoding{}, false
		case strings.Contains(name, "-UTF32-"):
			return pdfUTF32Encoding{}, false
		}
	}
	if tu := dict.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		return x.parseCMap(tu, 2), false
	}
	return nil, true
}

// Encodings of the predefined Unicode CMaps: the codes are the text.
type (
	pdfUTF16Encoding struct{}
	pdfUTF8Encoding  struct{}
	pdfUTF32Encoding struct{}
)

func (pdfUTF16Encoding) Decode(raw string) string { return utf16BE(raw) }

func (pdfUTF8Encoding) Decode(raw string) string { return strings.ToValidUTF8(raw, "\uFFFD") }

func (pdfUTF32Encoding) Decode(raw string) string {
	var b strings.Builder
	for i := 0; i+3 < len(raw); i += 4 {
		r := rune(raw[i])<<24 | rune(raw[i+1])<<16 | rune(raw[i+2])<<8 | rune(raw[i+3])
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	if len(raw)%4 != 0 {
		b.WriteRune(utf8.RuneError)
	}
	return b.String()
}

// hasControl reports C0 control characters other than tab and line breaks
// in drawn text: codes that were not decoded (a key drawn as "\x00A\x00K"
// matches no rule), so the text cannot be called read.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}
