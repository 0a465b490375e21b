package extract

import (
	"strings"
	"testing"
	"time"
)

// Outcomes of load (a deadline, of a PDF or of an Office document holding
// PDFs) are marked Transient so they are never kept as verdicts; outcomes
// of content are not.
func TestNotScannedTransientMarker(t *testing.T) {
	pdf := onePagePDF("BT /F1 12 Tf 72 712 Td (hello) Tj ET", "")
	_, _, err := pdfTextWithin(pdf, Limits{}.withDefaults(), time.Now().Add(-time.Second), 1<<20)
	wantNotScanned(t, "pdf past deadline", err, "took longer than")
	if !IsTransient(err) {
		t.Errorf("pdf past its deadline: not transient: %#v", err)
	}

	docx := zipOf(t, map[string]string{
		"[Content_Types].xml":    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":      `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`,
		"word/embeddings/a.bin":  string(pdf),
		"word/embeddings/b.bin":  string(pdf),
		"word/embeddings/c.bin":  string(pdf),
		"word/embeddings/d.bin":  string(pdf),
		"word/embeddings/e.bin":  string(pdf),
		"word/embeddings/nested": string(zipOf(t, map[string]string{"[Content_Types].xml": `<Types/>`, "word/document.xml": `<w:document xmlns:w="w"/>`, "word/embeddings/p.bin": string(pdf)})),
	})
	_, err = officeText(docx, Limits{Timeout: time.Nanosecond}.withDefaults())
	wantNotScanned(t, "docx past deadline", err, "took longer than")
	if !IsTransient(err) || strings.Contains(err.Error(), "pdf: pdf:") {
		t.Errorf("docx past its deadline: %#v", err)
	}

	for name, data := range map[string][]byte{"corrupt pdf": []byte("%PDF-1.4\nnothing"), "binary": {0, 1, 2}} {
		if _, err := Text(name, data, Limits{}); err == nil || IsTransient(err) {
			t.Errorf("%s: want a lasting not-scanned error, got %#v", name, err)
		}
	}
}
