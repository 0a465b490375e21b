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
