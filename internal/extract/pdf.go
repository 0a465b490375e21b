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
	res, _, err := pdfTextWithin(data, lim, time.Now().Add(lim.Timeout), lim.MaxTextBytes)
	return res, err
}

// pdfTextWithin reads a PDF by deadline, its content streams inflating to
// at most budget bytes (and the text cap); it also returns the bytes they
// inflated to. A PDF embedded in an Office document is read within the
// document's deadline and what is left of its budget, so many embedded
// PDFs cost no more than one document.
func pdfTextWithin(data []byte, lim Limits, deadline time.Time, budget int64) (Result, int64, error) {
	left := time.Until(deadline)
	if left <= 0 {
		return Result{}, 0, errPDFDeadline(lim)
	}
	wait := time.NewTimer(left)
	defer wait.Stop()
	select {
	case pdfSlots <- struct{}{}:
		defer func() { <-pdfSlots }()
	case <-wait.C:
		return Result{}, 0, notScannedTransient("pdf", "busy: too many PDF parses running")
	}
	x := newPDFExtractor(lim, deadline)
	x.budget = min(budget, lim.MaxTextBytes)
	res, err := pdfTextInSlot(data, x)
	return res, x.measured, err
}

func pdfTextInSlot(data []byte, x *pdfExtractor) (res Result, err error) {
	lim, deadline := x.lim, x.deadline
	defer func() {
		if r := recover(); r != nil {
			var stop pdfStop
			if e, ok := r.(pdfStop); ok {
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
	// Viewers find the header anywhere in the first KiB and take offsets
	// from it; so does this reader. Whatever text precedes the header is
	// kept as the first lines (a viewer ignores it, a text reader not).
	off := pdfHeaderOffset(data)
	if off < 0 {
		return Result{}, notScanned("pdf", "corrupt or unsupported PDF (no header)")
	}
	prefix := pdfPrefixText(data[:off])
	data = data[off:]
	// The reader builds text in memory from the inflated streams, at many
	// times their size: a 3 MB PDF of repeated text inflating to 300 MB
	// took 7.85 GB. Refuse raw Flate streams inflating beyond the text cap
	// first, streaming; each content stream is measured again through the
	// reader's own filters (chains included) before it is interpreted.
	if over := pdfContentInflatesBeyond(data, x.budget); over {
		return Result{}, errPDFInflation(x.budget)
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
		return Result{}, errPDFDeadline(lim)
	}
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return Result{}, notScanned("pdf", "encrypted PDF (password protected or unsupported encryption)")
		}
		return Result{}, notScanned("pdf", "corrupt or unsupported PDF (the reader handles PDF 1.0 to 1.7)")
	}
	root := r.Trailer().Key("Root")
	pages := x.pages(root.Key("Pages"))
	for _, p := range pages {
		x.pageBreak()
		x.content(p.node.Key("Contents"), p.resources, 0)
		x.annotations(p.node, p.resources)
	}
	x.formFields(root.Key("AcroForm"))
	x.documentText(r.Trailer(), root)
	if file.tripped {
		// The reader recovered the stop somewhere and read on: what it
		// returned after it is not the file.
		return Result{}, errPDFDeadline(lim)
	}
	text := x.out.String()
	if !x.drewText && len(pages) > 0 {
		// Scanned images or text in a form this reader cannot decode:
		// nothing was read, so nothing can be said to be clean. Only text
		// drawn on pages counts: a title or a sticky note on a scanned
		// document says nothing of its pages.
		return Result{}, notScanned("pdf", "no extractable text (scanned image or unsupported encoding)")
	}
	// Dropping the leading break makes line 1 the first page's first line.
	text = strings.TrimLeft(text, "\r\n")
	if prefix != "" {
		text = prefix + "\n" + text
	}
	return Result{Format: "pdf", Text: text}, nil
}

// pdfStop carries a not-scanned reason out of the interpreter callbacks
// (which cannot return errors) through a panic.
type pdfStop struct{ err error }

func stopPDF(reason string, args ...any) {
	panic(pdfStop{notScanned("pdf", reason, args...)})
}

func errPDFInflation(budget int64) error {
	return notScanned("pdf", "content streams inflate beyond %d bytes", budget)
}

// errPDFDeadline is a parse stopped at its deadline: load, not content.
func errPDFDeadline(lim Limits) error {
	return notScannedTransient("pdf", "text extraction took longer than %s", lim.Timeout)
}

// stopPDFDeadline stops a parse at its deadline (see errPDFDeadline).
func stopPDFDeadline(lim Limits) {
	panic(pdfStop{errPDFDeadline(lim)})
}
