package extract

import (
	"io"
	"math"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// Content stream bounds.
const (
	pdfMaxFormDepth    = 8    // Form XObjects drawn inside Form XObjects
	pdfMaxGlyphProcs   = 4096 // glyph procedures of one Type3 font
	pdfMaxGStateDepth  = 1024 // q without Q
	pdfTickEvery       = 256  // operators between deadline checks
	pdfMaxDifferences  = 1024 // a real /Differences has at most 256 codes and some numbers
	pdfLineBreakEms    = 0.5  // a baseline moving by more than this is a new line
	pdfWordGapEms      = 0.3  // a horizontal gap wider than this is a space
	pdfBacktrackEms    = 1.0  // moving left by more than this is a new word
	pdfUnknownGlyphEms = 0.5  // the advance assumed when a font gives no widths
)

// pdfExtractor interprets content streams into text. It lays text out by
// position, not by operator: a baseline move (Td/TD/T*/Tm/', a new text
// object placed elsewhere, a Form XObject drawn elsewhere) is a line break
// and a horizontal jump (a wide TJ gap, Td to the next word) is a space,
// so a key on its own line never touches its neighbours.
type pdfExtractor struct {
	lim      Limits
	deadline time.Time
	ticks    int
	out      strings.Builder
	// measured is the bytes the content streams decode to so far, through
	// the reader's own filters, against budget (the text cap, or less for
	// a PDF embedded in an Office document).
	measured, budget int64
	// forms are the Form XObjects already read, by stream identity: each
	// is read once per document, which also ends any Do loop.
	forms  map[string]bool
	fonts  map[string]*pdfFont
	annots int
	// depth and resources are those of the content being interpreted, for
	// glyph procedures run from a string drawn in a Type3 font.
	depth     int
	resources pdf.Value

	// Layout: where the last text ended, in user space.
	shown            bool
	drewText         bool // some non-blank text was drawn by page content
	lastX, lastY, em float64
	forceBreak       bool
}

func newPDFExtractor(lim Limits, deadline time.Time) *pdfExtractor {
	return &pdfExtractor{lim: lim, deadline: deadline, budget: lim.MaxTextBytes, forms: map[string]bool{}, fonts: map[string]*pdfFont{}}
}

// tick stops a parse past its deadline: Text has reported it as not
// scanned and abandoned it, and it must not keep a core busy.
func (x *pdfExtractor) tick() {
	if x.ticks++; x.ticks%pdfTickEvery == 0 {
		x.checkDeadline()
	}
}

func (x *pdfExtractor) checkDeadline() {
	if time.Now().After(x.deadline) {
		stopPDFDeadline(x.lim)
	}
}

// write appends text, refusing beyond the text cap (a prefix would pass
// whatever hides after it).
func (x *pdfExtractor) write(s string) {
	if int64(x.out.Len()+len(s)) > x.lim.MaxTextBytes {
		stopPDF("extracted text larger than %d bytes", x.lim.MaxTextBytes)
	}
	x.out.WriteString(s)
}

// pageBreak starts a new line for the next text, whatever its position.
func (x *pdfExtractor) pageBreak() { x.forceBreak = true }

// line writes s (annotation or field text) on a line of its own.
func (x *pdfExtractor) line(s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	x.write("\n")
	x.write(s)
	x.forceBreak = true
}

// measure decodes a stream through the reader's filters into io.Discard,
// counting against the inflation budget, before the reader interprets it
// (and builds tokens and text from it in memory).
//
// A stream the reader will tokenize (content, forms, charmaps: an array of
// streams is one token sequence) is scanned as the reader will read it
// (pdfHexScan): refused if it ends inside a hex string, on which the
// reader's tokenizer never returns, or piles up more operands for one
// operator than any real file.
func (x *pdfExtractor) measure(strm pdf.Value, scan *pdfHexScan) {
	if scan == nil {
		scan = &pdfHexScan{}
		x.measureInto(strm, scan)
		return
	}
	x.measureInto(strm, scan)
	if scan.unterminatedHex() {
		stopPDF("malformed stream (unterminated hex string)")
	}
	if scan.tooComplex {
		stopPDF("content stream too complex (more than %d operands or %d objects for one operator)", scan.maxOperands, scan.maxObjects)
	}
}

func (x *pdfExtractor) measureInto(strm pdf.Value, scan *pdfHexScan) {
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len(); i++ {
			x.tick()
			x.measureInto(strm.Index(i), scan)
		}
		return
	}
	if strm.Kind() != pdf.Stream {
		return
	}
	rd := readerOf(strm)
	left := x.budget - x.measured
	n, _ := io.Copy(scan, io.LimitReader(rd, left+1))
	_ = rd.Close()
	x.measured += n
	if x.measured > x.budget {
		panic(pdfStop{errPDFInflation(x.budget)})
	}
}

// readerOf opens a stream; a filter the reader does not support makes it
// panic, which is a stream this extractor cannot read: not scanned. The
// reason does not name the filter: names are the file's content, and a
// reason reaches findings and reports unredacted.
func readerOf(strm pdf.Value) (rc io.ReadCloser) {
	defer func() {
		if e := recover(); e != nil {
			stopPDF("unsupported stream filter")
		}
	}()
	return strm.Reader()
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(tx, ty float64) matrix { return matrix{1, 0, 0, 1, tx, ty} }

func matrixOf(args []pdf.Value) (matrix, bool) {
	if len(args) != 6 {
		return identity, false
	}
	var m matrix
	for i := range m {
		m[i] = args[i].Float64()
	}
	return m, true
}

// gstate is the part of the graphics state that places text.
type gstate struct {
	ctm, tm, tlm              matrix
	tc, tw, th, tl, tfs, rise float64
	font                      *pdfFont
}

// content interprets a page's (or form's) content: one stream or an array
// of streams read as one.
func (x *pdfExtractor) content(strm pdf.Value, resources pdf.Value, depth int) {
	x.interpret(strm, resources, gstate{ctm: identity, tm: identity, tlm: identity, th: 1}, depth)
}

func (x *pdfExtractor) interpret(strm pdf.Value, resources pdf.Value, g gstate, depth int) {
	if strm.Kind() != pdf.Stream && strm.Kind() != pdf.Array {
		return
	}
	x.measure(strm, newContentScan())
	prevDepth, prevResources := x.depth, x.resources
	x.depth, x.resources = depth, resources
	defer func() { x.depth, x.resources = prevDepth, prevResources }()
	fonts := map[string]*pdfFont{} // this resource dictionary's, by name
	var stack []gstate
	overflow := 0 // q beyond the cap, so Q still pairs up
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		x.tick()
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		last := pdf.Value{}
		if len(args) > 0 {
			last = args[len(args)-1]
		}
		nextLine := func() {
			g.tlm = translate(0, -g.tl).mul(g.tlm)
			g.tm = g.tlm
		}
		switch op {
		case "q":
			if len(stack) >= pdfMaxGStateDepth {
				overflow++
				return
			}
			stack = append(stack, g)
		case "Q":
			if overflow > 0 {
				overflow--
				return
			}
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if m, ok := matrixOf(args); ok {
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.rise = num(0)
		case "Tf":
			if len(args) == 2 {
				g.font = x.font(resources, fonts, args[0].Name())
				g.tfs = args[1].Float64()
			}
		case "TD":
			g.tl = -num(1)
			fallthrough
		case "Td":
			g.tlm = translate(num(0), num(1)).mul(g.tlm)
			g.tm = g.tlm
		case "Tm":
			if m, ok := matrixOf(args); ok {
				g.tm, g.tlm = m, m
			}
		case "T*":
			nextLine()
		case "'":
			nextLine()
			x.show(&g, last)
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
			}
			nextLine()
			x.show(&g, last)
		case "Tj":
			x.show(&g, last)
		case "TJ":
			for i := 0; i < last.Len(); i++ {
				if e := last.Index(i); e.Kind() == pdf.String {
					x.show(&g, e)
				} else {
					g.tm = translate(-e.Float64()/1000*g.tfs*g.th, 0).mul(g.tm)
				}
			}
		case "Do":
			if len(args) == 1 {
				x.xobject(resources, args[0].Name(), g, depth)
			}
		case "scn", "SCN":
			if last.Kind() == pdf.Name {
				x.pattern(resources, last.Name(), g, depth)
			}
		}
	})
}

// show writes a string drawn at the current text position, preceded by a
// line break or a space when it does not continue the last text drawn.
func (x *pdfExtractor) show(g *gstate, s pdf.Value) {
	if s.Kind() != pdf.String {
		return
	}
	raw := s.RawString()
	f := g.font
	if f == nil {
		f = &pdfFont{enc: nil}
	}
	if f.unsupported && raw != "" {
		stopPDF("unsupported font encoding (a composite font without a known CMap or ToUnicode)")
	}
	text := x.decode(f, raw)
	if hasControl(text) {
		stopPDF("unsupported font encoding (control characters in drawn text)")
	}
	m := g.tm.mul(g.ctm)
	px, py := g.rise*m[2]+m[4], g.rise*m[3]+m[5]
	em := math.Abs(g.tfs) * math.Hypot(m[2], m[3])
	if em < 1e-3 {
		em = 1e-3
	}
	switch {
	case !x.shown:
	case x.forceBreak, math.Abs(py-x.lastY) > pdfLineBreakEms*max(em, x.em):
		x.write("\n")
	case px-x.lastX > pdfWordGapEms*em, x.lastX-px > pdfBacktrackEms*em:
		x.write(" ")
	}
	x.write(text)
	x.shown, x.forceBreak = true, false
	if strings.TrimSpace(text) != "" {
		x.drewText = true
	}
	if f.type3 != nil {
		x.glyphProcs(f, *g)
	}
	// Advance the pen by the string's width (PDF 32000-1 9.4.4).
	glyphs, spaces, width := f.measure(raw, text)
	tx := (width/1000*g.tfs + float64(glyphs)*g.tc + float64(spaces)*g.tw) * g.th
	g.tm = translate(tx, 0).mul(g.tm)
	end := g.tm.mul(g.ctm)
	x.lastX, x.lastY, x.em = g.rise*end[2]+end[4], g.rise*end[3]+end[5], em
}

// xobject draws a named XObject: a Form XObject's content is text on the
// page; images carry none.
func (x *pdfExtractor) xobject(resources pdf.Value, name string, g gstate, depth int) {
	xo := resources.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	x.form(xo, resources, g, depth)
}

// form reads a Form XObject (or an annotation's appearance stream) once per
// document, at most pdfMaxFormDepth deep; deeper nesting is not read, so
// the file is not scanned.
func (x *pdfExtractor) form(xo pdf.Value, parentResources pdf.Value, g gstate, depth int) {
	id := streamID(xo)
	if x.forms[id] {
		return
	}
	if depth >= pdfMaxFormDepth {
		stopPDF("form XObjects nested deeper than %d", pdfMaxFormDepth)
	}
	x.forms[id] = true
	resources := xo.Key("Resources")
	if resources.IsNull() {
		resources = parentResources // PDF 1.1 forms use the page's
	}
	if m, ok := matrixOf(arrayOf(xo.Key("Matrix"))); ok {
		g.ctm = m.mul(g.ctm)
	}
	g.tm, g.tlm = identity, identity
	x.interpret(xo, resources, g, depth+1)
}

// pattern reads a tiling pattern's cell (a content stream drawn wherever
// the pattern fills) like a Form XObject: once, depth-bounded. Shading
// patterns draw no text.
func (x *pdfExtractor) pattern(resources pdf.Value, name string, g gstate, depth int) {
	pat := resources.Key("Pattern").Key(name)
	if pat.Kind() != pdf.Stream || pat.Key("PatternType").Int64() != 1 {
		return
	}
	x.pageBreak()
	x.form(pat, resources, g, depth)
	x.pageBreak()
}

// glyphProcs reads a Type3 font's glyph procedures (content streams: a
// glyph may draw text in another font) when the font first draws, each
// like a Form XObject: once, depth-bounded.
func (x *pdfExtractor) glyphProcs(f *pdfFont, g gstate) {
	procs := *f.type3
	f.type3 = nil // read once, which also ends a glyph drawing its own font
	keys := procs.Keys()
	if len(keys) > pdfMaxGlyphProcs {
		stopPDF("Type3 font with more than %d glyph procedures", pdfMaxGlyphProcs)
	}
	resources := f.type3Resources
	if resources.IsNull() {
		resources = x.resources // fonts before PDF 1.2 use the page's
	}
	x.pageBreak()
	for _, k := range keys {
		x.tick()
		if proc := procs.Key(k); proc.Kind() == pdf.Stream {
			x.form(proc, resources, g, x.depth)
		}
	}
	x.pageBreak()
}

func arrayOf(v pdf.Value) []pdf.Value {
	out := make([]pdf.Value, 0, min(v.Len(), 6))
	for i := 0; i < v.Len() && i < 6; i++ {
		out = append(out, v.Index(i))
	}
	return out
}

// streamID names a stream by its offset in the file, which the reader
// prints after '@' (it exposes no object number). Streams are never inside
// object streams, so the offset is unique.
func streamID(strm pdf.Value) string {
	s := strm.String()
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[i:]
	}
	return s
}
