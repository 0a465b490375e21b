package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/extract"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// Red-team round 2 (issue 11): attacks on the verdicts kept across plans.

// rt2PrevLoopPDF is a PDF whose cross-reference /Prev points at itself: the
// reader loops until the parse's deadline stops it.
func rt2PrevLoopPDF() []byte {
	data := openaisim.PDFDocument([]string{"hello"}, "")
	x := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	return openaisim.PDFDocument([]string{"hello"}, fmt.Sprintf("/Prev %d ", x))
}

// Timeouts are transient and never kept (lastingNotScanned keys that on the
// NotScannedError format "timeout", the outer timer of extract.Text). But
// the PDF parse has a deadline of its own, of the same length, which it
// checks as it goes; whichever fires first decides the error. When the
// parse's own check wins, the error is format "pdf" (or the embedding
// Office format) with "took longer than", and the loader keeps it as a
// lasting verdict: the file is never read again (for this extractor
// version), on a machine that was merely busy, and a waiver of its
// not-scanned finding holds for ever. "busy: too many PDF parses running"
// (format "pdf") is load, not content, and is kept the same way.
func TestRedTeam2PDFOwnDeadlineKeptAsLasting(t *testing.T) {
	loop := rt2PrevLoopPDF()
	docx := openaisim.ZipArchive(map[string]string{
		"[Content_Types].xml":   `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":     `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`,
		"word/embeddings/a.bin": string(loop),
	})
	kept := map[string]int{}
	runs := 0
	for i := 0; i < 12; i++ {
		for name, data := range map[string][]byte{"loop.pdf": loop, "loop.docx": docx} {
			runs++
			_, err := extract.Text(name, data, extract.Limits{Timeout: 80 * time.Millisecond})
			var ns *extract.NotScannedError
			if !errors.As(err, &ns) {
				t.Fatalf("%s: want not scanned, got %v", name, err)
			}
			if (strings.Contains(ns.Reason, "took longer") || strings.Contains(ns.Reason, "busy")) && !ns.Transient {
				t.Errorf("%s: a load outcome is not marked transient: %v", name, err)
			}
			if v, ok := lastingNotScanned(err, notScannedReason(err), 1<<20); ok && strings.Contains(v.NotScanned, "took longer") {
				kept[ns.Format]++
			}
		}
	}
	// Load-dependent by construction; the direct cases below are not.
	t.Logf("%d extractions that ran out of time; kept as lasting: %v", runs, kept)
	// The errors as extract gives them: load outcomes carry Transient
	// (extract's own tests check each is marked: TestPDFDeadlineAndSlots,
	// TestRedTeam2OfficeEmbeddedPDFsOutliveTimeout).
	direct := map[string]error{
		"pdf parse deadline":    &extract.NotScannedError{Format: "pdf", Reason: "text extraction took longer than 1m0s", Transient: true},
		"pdf busy":              &extract.NotScannedError{Format: "pdf", Reason: "busy: too many PDF parses running", Transient: true},
		"embedded pdf deadline": &extract.NotScannedError{Format: "docx", Reason: "embedded object (archive member 3) not scanned: pdf: text extraction took longer than 1m0s", Transient: true},
	}
	var lasting []string
	for name, err := range direct {
		if _, ok := lastingNotScanned(err, notScannedReason(err), 1<<20); ok {
			lasting = append(lasting, name)
		}
	}
	if len(kept) > 0 || len(lasting) > 0 {
		t.Fatalf("kept: %v %v", lasting, kept)
	}
}
