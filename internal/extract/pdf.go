package extract

import (
	"bytes"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfText reads a PDF's text with github.com/ledongthuc/pdf. The reader can
// panic on malformed input; that is a corrupt file, not a crash. An
// encrypted PDF opens only when its user password is empty.
func pdfText(data []byte, lim Limits) (res Result, err error) {
	defer func() {
		if x := recover(); x != nil {
			res, err = Result{}, notScanned("pdf", "corrupt PDF")
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return Result{}, notScanned("pdf", "encrypted PDF (password protected or unsupported encryption)")
		}
		return Result{}, notScanned("pdf", "corrupt or unsupported PDF (the reader handles PDF 1.0 to 1.7)")
	}
	tr, err := r.GetPlainText()
	if err != nil {
		return Result{}, notScanned("pdf", "text not readable")
	}
	text, err := io.ReadAll(io.LimitReader(tr, lim.MaxTextBytes+1))
	if err != nil {
		return Result{}, notScanned("pdf", "text not readable")
	}
	if int64(len(text)) > lim.MaxTextBytes {
		return Result{}, notScanned("pdf", "extracted text larger than %d bytes", lim.MaxTextBytes)
	}
	if len(bytes.TrimSpace(text)) == 0 && r.NumPage() > 0 {
		// Scanned images or text in a form this reader cannot decode:
		// nothing was read, so nothing can be said to be clean.
		return Result{}, notScanned("pdf", "no extractable text (scanned image or unsupported encoding)")
	}
	// The reader starts with a line break before the first text line;
	// dropping it makes line 1 the page's first line.
	return Result{Format: "pdf", Text: strings.TrimLeft(string(text), "\r\n")}, nil
}
