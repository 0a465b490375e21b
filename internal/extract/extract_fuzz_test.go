package extract

import (
	"errors"
	"testing"
)

// FuzzText: no input panics or escapes the limits; every failure is a
// NotScannedError (a finding), never another error.
func FuzzText(f *testing.F) {
	f.Add("a.txt", []byte("hello"))
	f.Add("a.docx", docx(f, "one", "two"))
	f.Add("a.xlsx", xlsx(f, "one"))
	f.Add("a.pptx", pptx(f, "one"))
	f.Add("a.pdf", pdfOf([]string{"one", "two"}, ""))
	f.Add("a.pdf", pdfOf([]string{"x"}, "/Encrypt << /V 4 /R 4 >> "))
	f.Add("a.html", []byte(`<!DOCTYPE html><p title="t">AK<span>IA</span>&#65;<!-- c --><script>x<y</script><x a=b c='d' e>`))
	f.Add("a.txt", []byte("<p>x</p>"))
	f.Add("a.rtf", []byte(`{\rtf1\ansi{\fonttbl\f0 A;}{\*\bkmkstart b}\'41\u-10179?\u-8704?{\pict 00}\bin2 ab{\field{\*\fldinst X}{\fldrslt Y}}\par}`))
	f.Add("a.docx", zipOf(f, map[string]string{"word/document.xml": `<w:document><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document>`, "word/media/a.png": "\x89PNG\r\n\x1a\n\x00", "word/c.html": "<html><b>x</b>"}))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		lim := Limits{MaxTextBytes: 1 << 16, MaxUncompressedBytes: 1 << 18, MaxArchiveEntries: 50}
		res, err := Text(name, data, lim)
		if err != nil {
			var ns *NotScannedError
			if !errors.As(err, &ns) {
				t.Fatalf("error is not a NotScannedError: %v", err)
			}
			return
		}
		if int64(len(res.Text)) > lim.MaxTextBytes*2 {
			t.Fatalf("text of %d bytes past the cap", len(res.Text))
		}
	})
}
