package extract

import "github.com/ledongthuc/pdf"

// Document-level bounds.
const (
	pdfMaxInfoKeys     = 256
	pdfMaxOutlineItems = 10000
	pdfMaxOutlineDepth = 32
)

// documentText reads the text a viewer shows outside the pages: the
// document information (title, subject, keywords, custom entries) and the
// outline (bookmarks). It refuses a PDF with attached files, which this
// extractor does not read.
func (x *pdfExtractor) documentText(trailer, root pdf.Value) {
	if !root.Key("Names").Key("EmbeddedFiles").IsNull() {
		stopPDF("PDF with attached files (attachments are not read)")
	}
	info := trailer.Key("Info")
	keys := info.Keys()
	if len(keys) > pdfMaxInfoKeys {
		keys = keys[:pdfMaxInfoKeys]
	}
	for _, k := range keys {
		x.tick()
		if v := info.Key(k); v.Kind() == pdf.String {
			x.line(v.Text())
		}
	}
	x.outline(root.Key("Outlines"))
}

// outline walks the bookmarks (First/Next lists), bounded: a list that
// loops runs into the item cap and is refused.
func (x *pdfExtractor) outline(root pdf.Value) {
	items := 0
	var walk func(first pdf.Value, depth int)
	walk = func(first pdf.Value, depth int) {
		if depth > pdfMaxOutlineDepth {
			stopPDF("malformed outline (a loop, or deeper than %d levels)", pdfMaxOutlineDepth)
		}
		for it := first; it.Kind() == pdf.Dict; it = it.Key("Next") {
			x.tick()
			if items++; items > pdfMaxOutlineItems {
				stopPDF("malformed outline (a loop, or more than %d items)", pdfMaxOutlineItems)
			}
			x.line(it.Key("Title").Text())
			walk(it.Key("First"), depth+1)
		}
	}
	walk(root.Key("First"), 0)
}
