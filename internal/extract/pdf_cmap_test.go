package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// Composite fonts are decoded, not just refused: through ToUnicode for
// Identity-H/V and other CMaps, directly for the Unicode CMaps; a font
// whose codes cannot be decoded, or text that still holds control codes,
// makes the file not scanned.
func TestPDFCompositeFontsDecoded(t *testing.T) {
	toUnicode := rtStream("", "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0041> <0041> <0042> (\\000B)\nendbfchar\n1 beginbfrange <0020> <FFFF> <0020> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end")
	font := func(enc string) string {
		return "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /" + enc + " /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>"
	}
	noTU := func(enc string) string {
		return "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /" + enc + " /DescendantFonts [8 0 R] >>"
	}
	utf8Hex := "<" + strings.ToUpper(hexOf(rtMarker)) + ">"
	cases := []struct {
		name, font, str string
		want            bool // marker read; else not scanned
	}{
		{"Identity-H", font("Identity-H"), rt2UTF16Hex(rtMarker), true},
		{"Identity-V", font("Identity-V"), rt2UTF16Hex(rtMarker), true},
		{"legacy CMap with ToUnicode", font("90ms-RKSJ-H"), rt2UTF16Hex(rtMarker), true},
		{"UniKS-UCS2-V", noTU("UniKS-UCS2-V"), rt2UTF16Hex(rtMarker), true},
		{"UniJIS-UTF8-H", noTU("UniJIS-UTF8-H"), utf8Hex, true},
		{"Identity-H without ToUnicode", noTU("Identity-H"), rt2UTF16Hex(rtMarker), false},
		{"unknown CMap without ToUnicode", noTU("GBK-EUC-H"), rt2UTF16Hex(rtMarker), false},
		{"Unicode CMap drawing NULs", noTU("UniGB-UTF16-H"), "<0000" + strings.TrimPrefix(rt2UTF16Hex(rtMarker), "<"), false},
	}
	for _, c := range cases {
		page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj /F2 12 Tf 72 600 Td " + c.str + " Tj ET"
		data := rt2OnePage(page, "", "/Font << /F1 5 0 R /F2 6 0 R >>", c.font, toUnicode,
			"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> >>")
		data = bytes.Replace(data, []byte("/Font << /F1 5 0 R >> /Font << /F1 5 0 R /F2 6 0 R >>"), []byte("/Font << /F1 5 0 R /F2 6 0 R >>                      "), 1)
		res, err := Text("cjk.pdf", data, Limits{})
		switch {
		case c.want && (err != nil || !strings.Contains(res.Text, rtMarker)):
			t.Errorf("%s: marker not read: %q %v", c.name, res.Text, err)
		case !c.want:
			wantNotScanned(t, c.name, err, "unsupported font encoding")
		}
	}
}

func hexOf(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&15])
	}
	return b.String()
}

// A subset font's /Differences names its glyphs "g1", "g2"...: the reader
// leaves such codes as raw bytes, so the text is read through ToUnicode;
// without one the codes are control characters and the file not scanned.
func TestPDFDifferencesFontUsesToUnicode(t *testing.T) {
	var codes, bfchar strings.Builder
	for i := 0; i < len(rtMarker); i++ {
		fmt.Fprintf(&codes, "%02X", i+1)
		fmt.Fprintf(&bfchar, "<%02X> <%04X>\n", i+1, rtMarker[i])
	}
	toUnicode := rtStream("", fmt.Sprintf("begincmap\n%d beginbfchar\n%sendbfchar\nendcmap", len(rtMarker), bfchar.String()))
	font := "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Subset /FirstChar 1 /LastChar 40 /Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3] >>%s >>"
	for _, withTU := range []bool{true, false} {
		tu := ""
		if withTU {
			tu = " /ToUnicode 7 0 R"
		}
		page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj /F2 12 Tf 72 600 Td <" + codes.String() + "> Tj ET"
		data := rt2OnePage(page, "", "/Font << /F1 5 0 R /F2 6 0 R >>", fmt.Sprintf(font, tu), toUnicode)
		data = bytes.Replace(data, []byte("/Font << /F1 5 0 R >> /Font << /F1 5 0 R /F2 6 0 R >>"), []byte("/Font << /F1 5 0 R /F2 6 0 R >>                      "), 1)
		res, err := Text("subset.pdf", data, Limits{})
		if withTU {
			if err != nil || !strings.Contains(res.Text, rtMarker) {
				t.Errorf("with ToUnicode: marker not read: %q %v", res.Text, err)
			}
			continue
		}
		wantNotScanned(t, "without ToUnicode", err, "unsupported font encoding")
	}
}

// The charmap lexer always moves on and never recurses into nested arrays,
// whatever the bytes.
func FuzzPDFCMapLexer(f *testing.F) {
	f.Add([]byte("1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00> <05> [<0041> <0042>] endbfrange"))
	f.Add([]byte("[[[[[(\\101\\\n)<4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := pdfCMapLexer{data: data}
		for i := 0; i <= len(data); i++ {
			before := l.pos
			if _, ok := l.next(); !ok {
				return
			}
			if l.pos <= before {
				t.Fatalf("lexer stuck at %d", before)
			}
		}
		t.Fatalf("more tokens than bytes")
	})
}
