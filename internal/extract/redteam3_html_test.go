package extract

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

// Red-team round 3 (issue 11): the HTML tokenizer on pathological input
// stays linear (each input a few MiB, read in well under the timeout) and
// keeps the planted text after the markup.
func TestRedTeam3HTMLPathologicalInputsLinear(t *testing.T) {
	const size = 4 << 20
	rep := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	for name, body := range map[string]string{
		"unclosed script openers":  rep("<script>x"),
		"unclosed title openers":   rep("<title>&amp;"),
		"attributes without '>'":   "<a " + rep(`x="y" `),
		"stray '<' before letters": rep("a<b "),
		"comments and PIs":         rep("<!--x--><?y?>"),
		"many lines of held text":  rep("<q v=\"w\">t\n"),
		"block boundaries":         rep("<div>a</div>"),
	} {
		doc := "<html><body><p>" + rtMarker + "</p>" + body
		start := time.Now()
		res, err := Text("page.html", []byte(doc), Limits{})
		if d := time.Since(start); d > 10*time.Second*timeScale {
			t.Errorf("%s: %v for %d bytes", name, d, len(doc))
		}
		if err == nil && !strings.Contains(res.Text, rtMarker) {
			t.Errorf("%s: marker missing from the text", name)
		}
	}
}

// A page shows a document embedded as a data: URI in an <iframe>,
// <object> or <embed> (the browser renders the PDF or text inline). The
// URI is held as an attribute value, base64 as written: the text the page
// shows is neither extracted nor refused (an RTF's embedded object is
// refused; an HTML one passes). The secret engine's base64 decoding sees
// only the compressed PDF bytes.
func TestRedTeam3HTMLDataURIDocumentNotScanned(t *testing.T) {
	pdfDoc := rt2OnePage(rt2Flate("BT /F1 12 Tf 72 712 Td ("+rtMarker+") Tj ET"), "FlateDecode", "")
	if res, err := Text("embedded.pdf", pdfDoc, Limits{}); err != nil || !strings.Contains(res.Text, rtMarker) {
		t.Fatalf("control: the embedded PDF alone does not give the marker: %v %q", err, res.Text)
	}
	var missed []string
	for name, tag := range map[string]string{
		"iframe PDF": `<iframe src="data:application/pdf;base64,` + base64.StdEncoding.EncodeToString(pdfDoc) + `"></iframe>`,
		"embed PDF":  `<embed type="application/pdf" src="data:application/pdf;base64,` + base64.StdEncoding.EncodeToString(pdfDoc) + `">`,
		"object DOCX": `<object data="data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,` +
			base64.StdEncoding.EncodeToString(docx(t, rtMarker)) + `"></object>`,
	} {
		doc := "<!doctype html><html><body><h1>Quarterly report</h1>" + tag + "</body></html>"
		res, err := Text("report.html", []byte(doc), Limits{})
		var ns *NotScannedError
		if errors.As(err, &ns) || (err == nil && strings.Contains(res.Text, rtMarker)) {
			continue
		}
		missed = append(missed, name)
	}
	if len(missed) > 0 {
		t.Fatalf("a document embedded in HTML as a base64 data: URI is neither read nor refused: %v", missed)
	}
}
