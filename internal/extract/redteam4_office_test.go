package extract

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// Red-team round 4: an HTML altChunk inside a .docx carries a document in
// a data: URI. A page on its own has its data: URIs read (html_datauri.go);
// the same page as an Office member goes through htmlToText, which drops
// them: the embedded PDF's (compressed) text is neither read nor refused.
// Asserts the safe behaviour; skips with "REDTEAM4 FAIL" unless
// REDTEAM_RUN=1.
func TestRedTeam4OfficeAltChunkDataURINotRead(t *testing.T) {
	pdfDoc := rt2OnePage(rt2Flate("BT /F1 12 Tf 72 712 Td ("+rtMarker+") Tj ET"), "FlateDecode", "")
	page := `<html><body><p>Annex</p><iframe src="data:application/pdf;base64,` + base64.StdEncoding.EncodeToString(pdfDoc) + `"></iframe></body></html>`
	if res, err := Text("annex.html", []byte(page), Limits{}); err != nil || !strings.Contains(res.Text, rtMarker) {
		t.Fatalf("control: the page alone does not give the marker: %v", err)
	}
	res, err := Text("a.docx", mediaDocx(t, "word/afchunk.htm", "", page), Limits{})
	var ns *NotScannedError
	if errors.As(err, &ns) || err == nil && strings.Contains(res.Text, rtMarker) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	msg := "a data: URI document in an Office member's HTML is neither read nor refused (fix: in office.go read an HTML member with htmlConvert and readURIs, sharing the run's budgets and depth)"
	t.Fatal(msg)
}
