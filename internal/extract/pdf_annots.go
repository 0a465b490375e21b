package extract

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// Annotation and form field bounds.
const (
	pdfMaxAnnotsPerPage = 10000
	pdfMaxAnnots        = 100000
	pdfMaxFields        = 100000
	pdfMaxFieldDepth    = 32
	pdfMaxAppearances   = 16 // appearance states of one annotation
)

// annotations reads the text a viewer shows for a page's annotations:
// /Contents (sticky notes, free text), /RC (rich text, markup kept) and the
// appearance streams (what is drawn, e.g. a filled-in widget), and the
// value of a widget merged with its field (the form may not list it).
func (x *pdfExtractor) annotations(page, resources pdf.Value) {
	annots := page.Key("Annots")
	if annots.Len() > pdfMaxAnnotsPerPage {
		stopPDF("more than %d annotations on a page", pdfMaxAnnotsPerPage)
	}
	for i := 0; i < annots.Len(); i++ {
		x.tick()
		if x.annots++; x.annots > pdfMaxAnnots {
			stopPDF("more than %d annotations", pdfMaxAnnots)
		}
		a := annots.Index(i)
		if a.Kind() != pdf.Dict {
			continue
		}
		if a.Key("Subtype").Name() == "FileAttachment" {
			stopPDF("PDF with attached files (attachments are not read)")
		}
		x.line(a.Key("Contents").Text())
		x.line(textOrStream(x, a.Key("RC")))
		x.fieldValue(a.Key("V"), 0) // a widget merged with its field
		x.pageBreak()
		ap := a.Key("AP").Key("N")
		switch ap.Kind() {
		case pdf.Stream:
			x.form(ap, resources, gstate{ctm: identity, tm: identity, tlm: identity, th: 1}, 0)
		case pdf.Dict:
			keys := ap.Keys()
			if len(keys) > pdfMaxAppearances {
				keys = keys[:pdfMaxAppearances]
			}
			for _, k := range keys {
				if s := ap.Key(k); s.Kind() == pdf.Stream {
					x.form(s, resources, gstate{ctm: identity, tm: identity, tlm: identity, th: 1}, 0)
				}
			}
		}
		x.pageBreak()
	}
}

// formFields reads the interactive form's field values (/V, the default
// /DV) and tooltips (/TU), walking the field tree bounded.
func (x *pdfExtractor) formFields(acroForm pdf.Value) {
	fields := acroForm.Key("Fields")
	count := 0
	var walk func(f pdf.Value, depth int)
	walk = func(f pdf.Value, depth int) {
		x.tick()
		if depth > pdfMaxFieldDepth {
			stopPDF("malformed form fields (a loop, or deeper than %d levels)", pdfMaxFieldDepth)
		}
		if count++; count > pdfMaxFields {
			stopPDF("more than %d form fields", pdfMaxFields)
		}
		for _, k := range []string{"TU", "V", "DV"} {
			x.fieldValue(f.Key(k), 0)
		}
		kids := f.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			if kid := kids.Index(i); kid.Kind() == pdf.Dict {
				walk(kid, depth+1)
			}
		}
	}
	for i := 0; i < fields.Len(); i++ {
		if f := fields.Index(i); f.Kind() == pdf.Dict {
			walk(f, 0)
		}
	}
}

func (x *pdfExtractor) fieldValue(v pdf.Value, depth int) {
	switch v.Kind() {
	case pdf.String, pdf.Stream:
		x.line(textOrStream(x, v))
	case pdf.Name:
		x.line(v.Name())
	case pdf.Array: // a choice field's selected options
		for i := 0; i < v.Len() && i < pdfMaxFields && depth < pdfMaxFieldDepth; i++ {
			x.tick()
			x.fieldValue(v.Index(i), depth+1)
		}
	}
}

// textOrStream reads a text string, or a text stream (rich text values may
// be either), the stream measured against the inflation budget first.
func textOrStream(x *pdfExtractor, v pdf.Value) string {
	if v.Kind() != pdf.Stream {
		return v.Text()
	}
	x.measure(v, nil)
	rd := readerOf(v)
	defer rd.Close()
	b, _ := io.ReadAll(io.LimitReader(rd, x.lim.MaxTextBytes+1))
	return string(b)
}
