package extract

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
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
	// The reader builds all text in memory from the inflated content
	// streams, at many times their size, and cannot be stopped midway: a
	// 3 MB PDF of repeated text inflating to 300 MB took 7.85 GB. Measure
	// what the content streams inflate to first, streaming, and refuse
	// beyond the text cap (text is never longer than the streams it is
	// drawn from).
	if over := pdfContentInflatesBeyond(data, lim.MaxTextBytes); over {
		return Result{}, notScanned("pdf", "content streams inflate beyond %d bytes", lim.MaxTextBytes)
	}
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

// streamStart finds the start of each stream's data: the stream keyword and
// its end-of-line.
var streamStart = regexp.MustCompile(`stream\r?\n`)

// imageDict tells an image XObject's dictionary, which text extraction never
// inflates, so images do not count against the budget.
var imageDict = regexp.MustCompile(`/Subtype\s*/Image`)

// pdfContentInflatesBeyond reports whether the Flate streams of data that
// are not images inflate to more than budget bytes together. It inflates
// into io.Discard, so it costs time bounded by budget, not memory.
func pdfContentInflatesBeyond(data []byte, budget int64) bool {
	var total int64
	for _, loc := range streamStart.FindAllIndex(data, -1) {
		dictFrom := max(loc[0]-512, 0)
		if imageDict.Match(data[dictFrom:loc[0]]) {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[loc[1]:]))
		if err != nil {
			continue // not Flate (or not compressed): its size is its length
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, budget-total+1))
		_ = zr.Close()
		total += n
		if total > budget {
			return true
		}
	}
	return false
}
