package extract

import (
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

const pdfMaxWidths = 1 << 16

// pdfFont is what text layout needs from a font: its decoding and glyph
// widths (in thousandths of an em).
type pdfFont struct {
	enc     pdf.TextEncoding // nil: bytes as they are
	widths  []float64
	first   int
	twoByte bool // composite (Type0) font: two-byte codes assumed
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
	x.measure(dict.Key("ToUnicode"))
	pf := pdf.Font{V: dict}
	f := &pdfFont{enc: pf.Encoder(), twoByte: dict.Key("Subtype").Name() == "Type0"}
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

func (f *pdfFont) decode(raw string) string {
	if f.enc == nil {
		return raw
	}
	return f.enc.Decode(raw)
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
