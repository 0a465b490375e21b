package extract

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// A document in a data: URI is read (to maxNestedDepth) or refused;
// pictures are skipped.
func TestHTMLDataURIs(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	page := func(tag string) string { return "<html><body><p>Cover</p>" + tag + "</body></html>" }
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	nested := page(`<iframe src="data:text/html;base64,` + b64([]byte(page(`<iframe src="data:text/plain,AKIA%20TEST"></iframe>`))) + `"></iframe>`)
	tooDeep := page(`<iframe src="data:text/html;base64,` + b64([]byte(nested)) + `"></iframe>`)
	for _, c := range []struct {
		name, doc, want string
		refused         bool
	}{
		{"percent-encoded text", page(`<a href="data:,AKIA%41TEST">x</a>`), "AKIAATEST", false},
		{"base64 text without padding", page(`<object data="data:text/plain;base64,` + strings.TrimRight(b64([]byte("AKIATESTKEY1")), "=") + `"></object>`), "AKIATESTKEY1", false},
		{"svg read", page(`<img src="data:image/svg+xml;base64,` + b64([]byte(`<svg><text>AKIASVG</text></svg>`)) + `">`), "AKIASVG", false},
		{"nested page", nested, "AKIA TEST", false},
		{"picture skipped", page(`<img src="data:image/png;base64,` + b64([]byte(png)) + `">`), "Cover", false},
		{"text behind an image type read", page(`<img src="data:image/bmp;base64,` + b64([]byte("BM AKIABMPTEXT")) + `">`), "AKIABMPTEXT", false},
		{"binary refused", page(`<embed src="data:application/octet-stream;base64,` + b64([]byte("\x00\x01\x02\x03")) + `">`), "", true},
		{"undecodable refused", page(`<embed src="data:application/pdf;base64,%%%%">`), "", true},
		{"too deep refused", tooDeep, "", true},
	} {
		res, err := Text("p.html", []byte(c.doc), Limits{})
		var ns *NotScannedError
		switch {
		case c.refused && !errors.As(err, &ns):
			t.Errorf("%s: not refused: %q, %v", c.name, res.Text, err)
		case !c.refused && (err != nil || !strings.Contains(res.Text, c.want)):
			t.Errorf("%s: %q, %v; want %q", c.name, res.Text, err, c.want)
		}
	}
}
