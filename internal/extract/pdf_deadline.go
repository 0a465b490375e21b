package extract

import (
	"bytes"
	"time"
)

// pdfDeadlineReader is the file as the reader sees it. The reader loops
// without a bound in places (a cross-reference /Prev chain pointing back,
// an object stream's /Extends chain) and every such loop reads the file:
// past the deadline every read stops the parse, so an abandoned parse ends
// shortly after Text gave up on it instead of keeping a core busy.
type pdfDeadlineReader struct {
	r        *bytes.Reader
	deadline time.Time
	timeout  time.Duration
	tripped  bool
}

func (d *pdfDeadlineReader) ReadAt(p []byte, off int64) (int, error) {
	if d.tripped || time.Now().After(d.deadline) {
		// Sticky: the reader recovers some panics and reads on.
		d.tripped = true
		stopPDFDeadline(Limits{Timeout: d.timeout})
	}
	return d.r.ReadAt(p, off)
}
