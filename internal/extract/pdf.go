package extract

import (
	"bytes"
	"runtime"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// pdfMaxParses caps the PDF parses alive at once, abandoned ones included:
// Text gives up on a parse at its timeout but cannot kill it, so without a
// cap every slow upload could keep a core busy. A parse holds its slot
// until it really ends (it also stops itself at its deadline).
var pdfSlots = make(chan struct{}, max(2, runtime.NumCPU()))

// pdfText reads a PDF's text. github.com/ledongthuc/pdf parses the file
// (objects, streams, fonts); the page tree, content streams, Form XObjects,
// annotations and form fields are walked here, bounded, so that the line
// structure is kept and nothing a reader sees is skipped.
func pdfText(data []byte, lim Limits) (Result, error) {
	deadline := time.Now().Add(lim.Timeout)
	wait := time.NewTimer(lim.Timeout)
	defer wait.Stop()
	select {
	case pdfSlots <- struct{}{}:
		defer func() { <-pdfSlots }()
	case <-wait.C:
		return Result{}, notScanned("pdf", "busy: too many PDF parses running")
	}
	return pdfTextInSlot(data, lim, deadline)
}

func pdfTextInSlot(data []byte, lim Limits, deadline time.Time) (res Result, err error) {
	defer func() {
		if x := recover(); x != nil {
			var stop pdfStop
			if e, ok := x.(pdfStop); ok {
				stop = e
			}
			if stop.err != nil {
				res, err = Result{}, stop.err
				return
			}
			// The reader panics on malformed input; that is a corrupt
			// file, not a crash.
			res, err = Result{}, notScanned("pdf", "corrupt PDF")
		}
	}()
	// The reader builds text in memory from the inflated streams, at many
	// times their size: a 3 MB PDF of repeated text inflating to 300 MB
	// took 7.85 GB. Refuse raw Flate streams inflating beyond the text cap
	// first, streaming; each content stream is measured again through the
	// reader's own filters (chains included) before it is interpreted.
	if over := pdfContentInflatesBeyond(data, lim.MaxTextBytes); over {
		return Result{}, errPDFInflation(lim)
	}
	if bytes.Contains(data, []byte("/Extends")) {
		// The reader follows an object stream's /Extends chain without a
		// loop check; a self-reference spins until the deadline. Producers
		// rarely write /Extends, so refuse instead of walking the chain.
		return Result{}, notScanned("pdf", "object streams with /Extends are not supported")
	}
	file := &pdfDeadlineReader{r: bytes.NewReader(data), deadline: deadline, timeout: lim.Timeout}
	r, err := pdf.NewReader(file, int64(len(data)))
	if file.tripped {
		// NewReader turned the stop into an error.
		return Result{}, notScanned("pdf", "text extraction took longer than %s", lim.Timeout)
	}
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return Result{}, notScanned("pdf", "encrypted PDF (password protected or unsupported encryption)")
		}
		return Result{}, notScanned("pdf", "corrupt or unsupported PDF (the reader handles PDF 1.0 to 1.7)")
	}
	x := newPDFExtractor(lim, deadline)
	root := r.Trailer().Key("Root")
	pages := x.pages(root.Key("Pages"))
	for _, p := range pages {
		x.pageBreak()
		x.content(p.node.Key("Contents"), p.resources, 0)
		x.annotations(p.node, p.resources)
	}
	x.formFields(root.Key("AcroForm"))
	x.documentText(r.Trailer(), root)
	text := x.out.String()
	if !x.drewText && len(pages) > 0 {
		// Scanned images or text in a form this reader cannot decode:
		// nothing was read, so nothing can be said to be clean. Only text
		// drawn on pages counts: a title or a sticky note on a scanned
		// document says nothing of its pages.
		return Result{}, notScanned("pdf", "no extractable text (scanned image or unsupported encoding)")
	}
	// Dropping the leading break makes line 1 the first page's first line.
	return Result{Format: "pdf", Text: strings.TrimLeft(text, "\r\n")}, nil
}

// pdfStop carries a not-scanned reason out of the interpreter callbacks
// (which cannot return errors) through a panic.
type pdfStop struct{ err error }

func stopPDF(reason string, args ...any) {
	panic(pdfStop{notScanned("pdf", reason, args...)})
}

func errPDFInflation(lim Limits) error {
	return notScanned("pdf", "content streams inflate beyond %d bytes", lim.MaxTextBytes)
}
