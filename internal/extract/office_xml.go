package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxXMLDepth bounds element nesting: the decoder keeps state per open
// element, so without it memory grows with nesting (tens of times the XML's
// size) instead of with the text. Office writes documents a few dozen
// levels deep.
const maxXMLDepth = 256

func errTooDeep(i int) error {
	return fmt.Errorf("XML nested deeper than %d levels in archive member %d", maxXMLDepth, i)
}

// Text elements whose content joins the next one's (the runs of a
// paragraph: a word may be split over several).
var joinElements = map[string]bool{"t": true, "delText": true, "instrText": true, "delInstrText": true}

// Elements after which a line or a cell ends, so lines keep their numbers.
var (
	lineElements = map[string]bool{"p": true, "si": true, "row": true, "br": true, "cr": true, "tr": true}
	cellElements = map[string]bool{"c": true, "tab": true, "tc": true}
)

type openElement struct {
	join bool // a run's text element
	held bool // it held text directly
}

// xmlText appends the character data of one XML member: a newline after
// each paragraph, row or shared string, a tab after each cell, a space
// after any other element that held text (so two fields never glue into one
// word); the runs of a paragraph join. Whitespace outside a text element is
// layout (indentation), not text: dropped, so pretty-printed XML cannot
// split a word across runs. External relationship targets (hyperlinks) are
// text too.
func (r *officeRun) xmlText(rd io.Reader, i int) error {
	dec := xml.NewDecoder(rd)
	dec.Strict = false
	var stack []openElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			r.flushAttrs()
			return nil
		}
		if err != nil {
			return fmt.Errorf("corrupt XML in archive member %d", i)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return errTooDeep(i)
			}
			stack = append(stack, openElement{join: joinElements[t.Name.Local]})
			r.attrText(t)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch name := t.Name.Local; {
			case lineElements[name]:
				r.flushAttrs()
				r.out.WriteByte('\n')
			case cellElements[name]:
				r.out.WriteByte('\t')
			case top.held && !top.join:
				r.out.WriteByte(' ')
			}
		case xml.CharData:
			inJoin := len(stack) > 0 && stack[len(stack)-1].join
			if !inJoin && len(bytes.TrimSpace(t)) == 0 {
				continue
			}
			r.out.Write(t)
			if len(stack) > 0 {
				stack[len(stack)-1].held = true
			}
		}
		if int64(r.out.Len()+r.attrs.Len()) > r.lim.MaxTextBytes {
			return errTextCap(r.lim.MaxTextBytes)
		}
	}
}

func (r *officeRun) attrText(t xml.StartElement) {
	if t.Name.Local == "sym" {
		r.symbol(t)
		return
	}
	if t.Name.Local == "Relationship" {
		var target string
		external := false
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "Target":
				target = a.Value
			case "TargetMode":
				external = a.Value == "External"
			}
		}
		if external && target != "" {
			r.out.WriteString(target)
			r.out.WriteByte('\n')
		}
		return
	}
	for _, a := range t.Attr {
		if a.Value != "" && isTextAttr(t.Name.Local, a.Name.Local) {
			r.attrs.WriteString(a.Value)
			r.attrs.WriteByte(' ')
			if a.Name.Local == "formatCode" {
				if lit := numberFormatLiterals(a.Value); lit != "" {
					r.attrs.WriteString(lit)
					r.attrs.WriteByte(' ')
				}
			}
		}
	}
}

// flushAttrs ends the current line with the attribute text held since the
// last line end, after a tab. Attribute text is held rather than written
// where it stands: written between two runs of a paragraph, a tooltip or a
// bookmark name would split a word the document shows whole.
func (r *officeRun) flushAttrs() {
	if r.attrs.Len() == 0 {
		return
	}
	if s := r.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
		r.out.WriteByte('\t')
	}
	r.out.WriteString(strings.TrimSuffix(r.attrs.String(), " "))
	r.attrs.Reset()
}

// symbol writes a w:sym (a character given by its code, in a run) where it
// stands, joined to the run's text: Word shows <w:sym w:char="0041"/> as
// an A. Codes F000-F0FF are a symbol font's characters 00-FF.
func (r *officeRun) symbol(t xml.StartElement) {
	for _, a := range t.Attr {
		if a.Name.Local != "char" {
			continue
		}
		code, err := strconv.ParseUint(a.Value, 16, 32)
		if err != nil || code > utf8.MaxRune {
			return
		}
		if code >= 0xF000 && code <= 0xF0FF {
			code -= 0xF000
		}
		if code >= 0x20 && utf8.ValidRune(rune(code)) {
			r.out.WriteRune(rune(code))
		}
	}
}
