package extract

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// FuzzPDFText: no PDF panics, runs past its limits or fails with anything
// but a NotScannedError; seeded with forms, annotations and fields.
func FuzzPDFText(f *testing.F) {
	f.Add(onePagePDF("BT /F1 12 Tf 72 712 Td (one) Tj 0 -14 Td [(two) -500 (three)] TJ ET q /Fm1 Do Q", "/XObject << /Fm1 7 0 R >>",
		pdfStream(formDict+" /Resources << /Font << /F2 6 0 R >> /XObject << /Fm1 7 0 R >> >>", "BT /F2 1 Tf 12 0 0 12 72 600 Tm (form) Tj ET /Fm1 Do")))
	f.Add(pdfFile(
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> /Outlines << /First 7 0 R >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
		pdfStream("", "BT /F1 12 Tf 72 712 Td (Cover) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Annot /Subtype /Widget /FT /Tx /V (value) /Contents (note) /Rect [0 0 1 1] >>",
		"<< /Title (bookmark) >>",
	))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxTextBytes: 1 << 16, Timeout: 5 * time.Second}
		if !bytes.HasPrefix(data, magicPDF) {
			data = append([]byte("%PDF-1.4\n"), data...)
		}
		res, err := Text("a.pdf", data, lim)
		if err != nil {
			var ns *NotScannedError
			if !errors.As(err, &ns) {
				t.Fatalf("error is not a NotScannedError: %v", err)
			}
			return
		}
		if int64(len(res.Text)) > lim.MaxTextBytes {
			t.Fatalf("text of %d bytes past the cap", len(res.Text))
		}
	})
}
