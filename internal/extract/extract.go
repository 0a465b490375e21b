package extract

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
)

// Limits bound one extraction; zero fields mean the defaults.
type Limits struct {
	// MaxTextBytes caps the text returned; longer text is an error, since
	// scanning a prefix would pass whatever hides after it.
	MaxTextBytes int64
	// MaxUncompressedBytes caps the bytes inflated from an archive, all
	// members together.
	MaxUncompressedBytes int64
	// MaxArchiveEntries caps the members of an archive.
	MaxArchiveEntries int
	// Timeout bounds one extraction: a pathological document (a PDF whose
	// objects loop, say) is reported as not scanned instead of stalling the
	// plan. A PDF parse checks the same deadline as it goes and stops at it,
	// and only a bounded number run at once (pdf.go).
	Timeout time.Duration
}

// Defaults for Limits.
const (
	DefaultMaxTextBytes         int64 = 32 << 20
	DefaultMaxUncompressedBytes int64 = 200 << 20
	DefaultMaxArchiveEntries          = 10000
	DefaultTimeout                    = time.Minute
)

func (l Limits) withDefaults() Limits {
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	if l.MaxUncompressedBytes <= 0 {
		l.MaxUncompressedBytes = DefaultMaxUncompressedBytes
	}
	if l.MaxArchiveEntries <= 0 {
		l.MaxArchiveEntries = DefaultMaxArchiveEntries
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// NotScannedError is a file whose text could not be extracted.
type NotScannedError struct {
	// Format is what the file was taken for ("pdf", "docx", "binary").
	Format string
	Reason string
	// Transient marks an outcome of the machine's load, not of the file:
	// a timeout or deadline (of the whole extraction, of a PDF parse, of
	// a PDF embedded in an Office document) or no free PDF parse slot.
	// Asking again may read the file; callers must not keep the verdict.
	Transient bool
}

func (e *NotScannedError) Error() string { return e.Format + ": " + e.Reason }

func notScanned(format, reason string, args ...any) error {
	return &NotScannedError{Format: format, Reason: fmt.Sprintf(reason, args...)}
}

// notScannedTransient is a not-scanned outcome of load (see Transient).
func notScannedTransient(format, reason string, args ...any) error {
	return &NotScannedError{Format: format, Reason: fmt.Sprintf(reason, args...), Transient: true}
}

// IsTransient reports whether err is (or wraps) a not-scanned outcome of
// load rather than of the file's content.
func IsTransient(err error) bool {
	var ns *NotScannedError
	return errors.As(err, &ns) && ns.Transient
}

// Result is the extracted text and the format it was read as.
type Result struct {
	Format string
	// Text keeps the file's lines where the format has them, so a
	// detector's line number points into the document.
	Text string
}

var (
	magicPDF = []byte("%PDF-")
	magicZip = []byte("PK\x03\x04")
	// magicOLE starts Compound File Binary documents: legacy .doc/.xls/.ppt,
	// and OOXML files protected with a password (which are wrapped in one).
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Text extracts the text of a file named name. The content decides the
// format (the name is the uploader's and may lie); the name only labels
// plain text.
func Text(name string, data []byte, lim Limits) (Result, error) {
	lim = lim.withDefaults()
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := textOf(name, data, lim)
		done <- outcome{res, err}
	}()
	timer := time.NewTimer(lim.Timeout)
	defer timer.Stop()
	select {
	case o := <-done:
		return o.res, o.err
	case <-timer.C:
		return Result{}, notScannedTransient("timeout", "text extraction took longer than %s", lim.Timeout)
	}
}

func textOf(name string, data []byte, lim Limits) (Result, error) {
	switch {
	case bytes.HasPrefix(data, magicPDF):
		return pdfText(data, lim)
	case bytes.HasPrefix(data, magicZip):
		return officeText(data, lim)
	case bytes.HasPrefix(data, magicOLE):
		return Result{}, notScanned("ole", "encrypted Office document or legacy binary Office format (.doc/.xls/.ppt); not readable")
	case isPDF(data):
		// "%PDF-" a little way in: viewers open it as a PDF (pdf_header.go).
		return pdfText(data, lim)
	case looksLikeLatePDF(data):
		return Result{}, notScanned("pdf", "PDF objects after the first %d bytes; not read as text", pdfHeaderWindow)
	case isRTF(data):
		return rtfText(data, lim)
	}
	return htmlOrPlainText(name, data, lim)
}

// plainText accepts UTF-8 text (with an optional BOM), UTF-16 and UTF-32
// with a BOM; anything else, or text holding U+0000, is an unknown binary
// type. Text over the cap is refused whole (never truncated): checked on the
// bytes before decoding and on the text after, which UTF-16 can make half
// as long again.
func plainText(name string, data []byte, lim Limits) (Result, error) {
	format := textFormat(name)
	if int64(len(data)) > lim.MaxTextBytes {
		return Result{}, notScanned(format, "text larger than %d bytes (the text cap); not scanned, not truncated", lim.MaxTextBytes)
	}
	text, ok := decodeText(data)
	if !ok {
		return Result{}, notScanned("binary", "unknown binary file type")
	}
	if int64(len(text)) > lim.MaxTextBytes {
		return Result{}, notScanned(format, "decoded text larger than %d bytes (the text cap); not scanned, not truncated", lim.MaxTextBytes)
	}
	return Result{Format: format, Text: text}, nil
}

// textFormat labels text by extension, for reports only. The name is the
// uploader's and the label opens every not-scanned reason, which reaches
// findings unredacted: only a short extension of letters and digits is
// kept (too short to carry a key), anything else is plain "text".
func textFormat(name string) string {
	switch ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), ".")); ext {
	case "csv", "tsv", "json", "md", "markdown", "txt":
		return ext
	default:
		if ext == "" || len(ext) > maxFormatExtLen || strings.Trim(ext, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			return "text"
		}
		return "text/" + ext
	}
}

// maxFormatExtLen bounds the extension kept in a text format label.
const maxFormatExtLen = 5
