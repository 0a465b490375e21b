package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// pdfFile builds a PDF of the given objects (object 1 the catalog) with a
// correct xref table.
func pdfFile(objs ...string) []byte {
	return openaisim.PDFFromObjects(objs...)
}

func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

// onePagePDF is a page drawing content with font F1 (Helvetica, no widths)
// and F2 (every glyph 600/1000 em wide), plus extra objects from 6 on.
func onePagePDF(content, pageExtra string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> " + pageExtra + " >> >>",
		pdfStream("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + strings.Repeat("600 ", 95) + "] >>",
	}
	return pdfFile(append(objs, extra...)...)
}

// Lines come out as lines and words as words whatever operators place
// them: a break when the baseline moves, a space for a horizontal gap,
// nothing when a string continues where the last one ended.
func TestPDFLayoutSeparators(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"Td lines", "BT /F1 12 Tf 72 712 Td (one) Tj 0 -14 Td (two) Tj ET", "one\ntwo"},
		{"TD lines", "BT /F1 12 Tf 72 712 Td (one) Tj 0 -14 TD (two) Tj T* (three) Tj ET", "one\ntwo\nthree"},
		{"Tm lines", "BT /F1 12 Tf 1 0 0 1 72 712 Tm (one) Tj 1 0 0 1 72 698 Tm (two) Tj ET", "one\ntwo"},
		{"Tm scaled font", "BT /F1 1 Tf 12 0 0 12 72 712 Tm (one) Tj 12 0 0 12 72 698 Tm (two) Tj ET", "one\ntwo"},
		{"quote operator", "BT /F1 12 Tf 14 TL 72 712 Td (one) Tj (two) ' ET", "one\ntwo"},
		{"text objects", "BT /F1 12 Tf 72 712 Td (one) Tj ET BT /F1 12 Tf 72 600 Td (two) Tj ET", "one\ntwo"},
		{"cm moves", "BT /F1 12 Tf 72 712 Td (one) Tj ET q 1 0 0 1 0 -50 cm BT /F1 12 Tf 72 712 Td (two) Tj ET Q", "one\ntwo"},
		{"TJ word gap", "BT /F1 12 Tf 72 712 Td [(one) -1000 (two)] TJ ET", "one two"},
		{"TJ kerning", "BT /F1 12 Tf 72 712 Td [(o) 20 (n) -40 (e)] TJ ET", "one"},
		{"consecutive Tj", "BT /F1 12 Tf 72 712 Td (AKIA) Tj (TESTONLY) Tj ET", "AKIATESTONLY"},
		{"Td jump", "BT /F1 12 Tf 72 712 Td (one) Tj 200 0 Td (two) Tj ET", "one two"},
		{"Td back to margin", "BT /F1 12 Tf 300 712 Td (one) Tj -250 0 Td (two) Tj ET", "one two"},
		// With widths known, a string placed exactly at the end of the
		// last one continues it (2 glyphs x 0.6 em x 12 pt = 14.4).
		{"Td continues with widths", "BT /F2 12 Tf 72 712 Td (AK) Tj 14.4 0 Td (IA) Tj ET", "AKIA"},
		{"Td gap with widths", "BT /F2 12 Tf 72 712 Td (AK) Tj 30 0 Td (IA) Tj ET", "AK IA"},
		{"same line, two objects", "BT /F2 12 Tf 72 712 Td (AK) Tj ET BT /F2 12 Tf 86.4 712 Td (IA) Tj ET", "AKIA"},
	}
	for _, tc := range cases {
		res, err := Text("x.pdf", onePagePDF(tc.content, ""), Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := strings.TrimRight(res.Text, "\n"); got != tc.want {
			t.Errorf("%s: text %q, want %q", tc.name, got, tc.want)
		}
	}
}

// Each page starts a new line, even when its text sits where the last
// page's ended.
func TestPDFPagesAreLines(t *testing.T) {
	data := pdfFile(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 6 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
		pdfStream("", "BT /F1 12 Tf 72 712 Td (same) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	)
	res, err := Text("x.pdf", data, Limits{})
	if err != nil || strings.TrimSpace(res.Text) != "same\nsame" {
		t.Fatalf("text %q, err %v", res.Text, err)
	}
}

// A deep q nesting (beyond the saved-state cap) neither grows memory
// without bound nor loses the text or the q/Q pairing.
func TestPDFGraphicsStateNestingCapped(t *testing.T) {
	content := strings.Repeat("q ", 5000) + "BT /F1 12 Tf 72 712 Td (" + planted + ") Tj ET" + strings.Repeat(" Q", 5000)
	res, err := Text("x.pdf", onePagePDF(content, ""), Limits{})
	if err != nil || !strings.Contains(res.Text, planted) {
		t.Fatalf("text %q, err %v", res.Text, err)
	}
}
