package extract

import (
	"bytes"
	"regexp"
	"strings"
)

// pdfHeaderWindow is how far into a file viewers (Acrobat, pdfium, pdf.js)
// look for the "%PDF-" header: junk before it (a blank line, a BOM, a
// mail header) still opens as a PDF.
const pdfHeaderWindow = 1024

// pdfHeaderOffset is the offset of "%PDF-" within the header window, or -1.
func pdfHeaderOffset(data []byte) int {
	return bytes.Index(data[:min(len(data), pdfHeaderWindow+len(magicPDF))], magicPDF)
}

// isPDF reports whether data opens as a PDF in a viewer.
func isPDF(data []byte) bool { return pdfHeaderOffset(data) >= 0 }

// pdfObjectMarkers tell PDF object syntax: "1 0 obj" and a stream.
var pdfObjectMarkers = regexp.MustCompile(`\d+\s+\d+\s+obj\b`)

// looksLikeLatePDF reports a PDF header past the header window in a file
// that also holds PDF objects and streams: some reader may still open it
// as a PDF, and its raw bytes read as text would miss what the pages draw.
func looksLikeLatePDF(data []byte) bool {
	return bytes.Contains(data, magicPDF) && bytes.Contains(data, []byte("stream")) &&
		pdfObjectMarkers.Match(data)
}

// pdfPrefixText is the text before a PDF's header (which a viewer skips),
// kept so nothing there goes unscanned; a BOM and blank space are dropped.
func pdfPrefixText(prefix []byte) string {
	s := strings.TrimPrefix(string(prefix), "\xef\xbb\xbf")
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}
