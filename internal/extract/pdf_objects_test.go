package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func wantNotScanned(t *testing.T, name string, err error, reason string) {
	t.Helper()
	var ns *NotScannedError
	if !errors.As(err, &ns) || !strings.Contains(ns.Reason, reason) {
		t.Errorf("%s: want not scanned (%q), got %v", name, reason, err)
	}
}

const formDict = "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"

// Form XObjects are read wherever they are drawn: inside other forms, from
// inherited resources, drawing themselves (read once), and too deep a
// nesting is refused rather than skipped.
func TestPDFFormXObjects(t *testing.T) {
	cover := "BT /F1 12 Tf 72 712 Td (Cover) Tj ET "
	// Object 7 draws 8 (which shows the marker); 7 also draws itself.
	nested := onePagePDF(cover+"q /Fm1 Do Q", "/XObject << /Fm1 7 0 R >>",
		pdfStream(formDict+" /Resources << /XObject << /Fm2 8 0 R /Fm1 7 0 R >> >>", "/Fm1 Do /Fm2 Do"),
		pdfStream(formDict+" /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 72 600 Td ("+planted+") Tj ET"),
	)
	res, err := Text("x.pdf", nested, Limits{})
	if err != nil || !strings.Contains(res.Text, planted) || !strings.Contains(res.Text, "Cover\n") {
		t.Errorf("nested forms: text %q, err %v", res.Text, err)
	}

	// A form with no /Resources uses the page's (PDF 1.1).
	inherit := onePagePDF(cover+"/Fm1 Do", "/XObject << /Fm1 7 0 R >>",
		pdfStream(formDict, "BT /F1 12 Tf 72 600 Td ("+planted+") Tj ET"))
	if res, err := Text("x.pdf", inherit, Limits{}); err != nil || !strings.Contains(res.Text, planted) {
		t.Errorf("inherited resources: text %q, err %v", res.Text, err)
	}

	// A chain of forms deeper than the cap: not scanned, not a pass.
	var objs []string
	for i := 0; i < pdfMaxFormDepth+2; i++ {
		objs = append(objs, pdfStream(formDict+fmt.Sprintf(" /Resources << /XObject << /Fm %d 0 R >> >>", 8+i), "/Fm Do"))
	}
	deep := onePagePDF(cover+"/Fm Do", "/XObject << /Fm 7 0 R >>", objs...)
	_, err = Text("x.pdf", deep, Limits{})
	wantNotScanned(t, "deep forms", err, "form XObjects nested deeper")
}

// What a viewer shows for annotations and form fields is text of the
// document: appearance streams, rich text, field values and tooltips.
func TestPDFAnnotationsAndFormFields(t *testing.T) {
	cover := "BT /F1 12 Tf 72 712 Td (Cover) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 9 0 R] >>",
		pdfStream("", cover),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Annot /Subtype /FreeText /Rect [0 0 10 10] /RC (<p>rich-APPEAR1</p>) /AP << /N 8 0 R >> >>",
		"<< /FT /Tx /T (name) /TU (tooltip-APPEAR2) /Kids [10 0 R] >>",
		pdfStream(formDict+" /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 0 0 Td (appearance-APPEAR3) Tj ET"),
		"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /Parent 7 0 R /V (value-APPEAR4) >>",
		"<< /Parent 7 0 R /V [(opt-APPEAR5) /Name-APPEAR6] >>",
	}
	res, err := Text("x.pdf", pdfFile(objs...), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 6; i++ {
		if m := fmt.Sprintf("APPEAR%d", i); !strings.Contains(res.Text, m) {
			t.Errorf("%s missing from %q", m, res.Text)
		}
	}

	// A field tree that lists itself among its kids is refused.
	objs[6] = "<< /FT /Tx /T (loop) /Kids [7 0 R] >>"
	_, err = Text("x.pdf", pdfFile(objs...), Limits{})
	wantNotScanned(t, "field loop", err, "malformed form fields")
}

// The page tree is walked here, bounded: a lying /Count is ignored, and a
// loop or a multiplying tree is refused quickly instead of spinning.
func TestPDFPageTreeBounded(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
	content := pdfStream("", "BT /F1 12 Tf 72 712 Td ("+planted+") Tj ET")
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

	count := pdfFile("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>", page, content, font)
	if res, err := Text("x.pdf", count, Limits{Timeout: 5 * time.Second}); err != nil || !strings.Contains(res.Text, planted) {
		t.Errorf("lying /Count: text %q, err %v", res.Text, err)
	}

	parentLoop := pdfFile("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 3 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>", content, font)
	if res, err := Text("x.pdf", parentLoop, Limits{Timeout: 5 * time.Second}); err != nil || !strings.Contains(res.Text, planted) {
		t.Errorf("/Parent loop: text %q, err %v", res.Text, err)
	}

	loop := pdfFile("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", page, content, font)
	start := time.Now()
	_, err := Text("x.pdf", loop, Limits{Timeout: 5 * time.Second})
	wantNotScanned(t, "kids loop", err, "malformed page tree")
	if d := time.Since(start); d > 2*time.Second*timeScale {
		t.Errorf("the loop took %v to refuse", d)
	}

	// 20 levels of [next next]: a million pages from 22 objects.
	objs := []string{"<< /Type /Catalog /Pages 3 0 R >>", content}
	for i := 0; i < 20; i++ {
		objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", 4+i, 4+i))
	}
	objs = append(objs, "<< /Type /Page /Contents 2 0 R >>")
	_, err = Text("x.pdf", pdfFile(objs...), Limits{Timeout: 5 * time.Second})
	wantNotScanned(t, "multiplying tree", err, "malformed page tree (more than")
}

// A parse past its deadline stops itself (Text has already reported the
// timeout and abandoned it), and parses beyond the slot cap are refused
// as busy rather than piling up.
func TestPDFDeadlineAndSlots(t *testing.T) {
	data := onePagePDF("BT /F1 12 Tf 72 712 Td ("+planted+") Tj ET "+strings.Repeat("q Q ", 10000), "")
	_, err := pdfTextInSlot(data, newPDFExtractor(Limits{}.withDefaults(), time.Now().Add(-time.Second)))
	wantNotScanned(t, "past deadline", err, "took longer than")
	if !IsTransient(err) {
		t.Errorf("a parse's own deadline is not marked transient: %#v", err)
	}

	for i := 0; i < cap(pdfSlots); i++ {
		pdfSlots <- struct{}{}
	}
	_, err = Text("x.pdf", data, Limits{Timeout: 100 * time.Millisecond})
	for i := 0; i < cap(pdfSlots); i++ {
		<-pdfSlots
	}
	var ns *NotScannedError
	if !errors.As(err, &ns) || !strings.Contains(ns.Reason, "busy") && ns.Format != "timeout" {
		t.Errorf("all slots taken: want not scanned (busy or timeout), got %v", err)
	}
	if !IsTransient(err) {
		t.Errorf("busy or timeout is not marked transient: %#v", err)
	}
	if res, err := Text("x.pdf", data, Limits{}); err != nil || !strings.Contains(res.Text, planted) {
		t.Errorf("slots released: text %q, err %v", res.Text, err)
	}
}

// Content streams are measured through the reader's own filters before
// they are interpreted, so a chain the raw pre-check does not see (here
// its dictionary is padded past the pre-check's look-back) is still
// refused before the text is built.
func TestPDFContentMeasuredThroughReaderFilters(t *testing.T) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = zw.Write([]byte("BT /F1 12 Tf\n"))
	for i := 0; i < 4096; i++ {
		_, _ = zw.Write([]byte("(" + strings.Repeat("A", 1000) + ") Tj\n"))
	}
	_, _ = zw.Write([]byte("ET\n"))
	_ = zw.Close()
	var a85 bytes.Buffer
	enc := ascii85.NewEncoder(&a85)
	_, _ = enc.Write(z.Bytes())
	_ = enc.Close()
	a85.WriteString("~>")
	data := pdfFile(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStream("/Filter [/ASCII85Decode /FlateDecode] /Pad ("+strings.Repeat("x", 600)+")", a85.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	)
	if pdfContentInflatesBeyond(data, 1<<20) {
		t.Fatal("test premise: the raw pre-check should miss this stream")
	}
	_, err := Text("x.pdf", data, Limits{MaxTextBytes: 1 << 20})
	wantNotScanned(t, "padded chain", err, "inflate beyond")

	// An unsupported filter is a stream not read: not scanned.
	lzw := onePagePDF("BT /F1 12 Tf 72 712 Td (Cover) Tj ET /Fm1 Do", "/XObject << /Fm1 7 0 R >>",
		pdfStream(formDict+" /Filter /LZWDecode", "\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"))
	_, err = Text("x.pdf", lzw, Limits{})
	wantNotScanned(t, "LZW form", err, "unsupported stream filter")
}

// Object streams that /Extends another are refused: the reader follows the
// chain without a loop check.
func TestPDFExtendsRefused(t *testing.T) {
	data := onePagePDF("BT /F1 12 Tf 72 712 Td (x) Tj ET", "", "<< /Type /ObjStm /N 0 /First 1 /Extends 7 0 R >>")
	_, err := Text("x.pdf", data, Limits{})
	wantNotScanned(t, "extends", err, "/Extends")
}

// A cross-reference section whose /Prev points back at itself makes the
// reader loop inside NewReader: the parse is stopped at its deadline by the
// file reads, reported as not scanned, and does not run on afterwards.
func TestPDFXrefPrevLoopStopsAtDeadline(t *testing.T) {
	data := onePagePDF("BT /F1 12 Tf 72 712 Td (x) Tj ET", "")
	x := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	data = bytes.Replace(data, []byte("/Root 1 0 R >>"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d >>", x)), 1)
	start := time.Now()
	_, err := Text("x.pdf", data, Limits{Timeout: 300 * time.Millisecond})
	wantNotScanned(t, "prev loop", err, "")
	t.Logf("%v after %v", err, time.Since(start))
	// The slot is given back once the parse really ends.
	deadline := time.Now().Add(2 * time.Second)
	for len(pdfSlots) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(pdfSlots) > 0 {
		t.Fatalf("the abandoned parse still holds its slot %v after Text returned", time.Since(start))
	}
}

// Document information, bookmarks: read. Attached files: not read, so the
// PDF is not scanned. A looping bookmark list is refused.
func TestPDFDocumentText(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
	content := pdfStream("", "BT /F1 12 Tf 72 712 Td (Cover) Tj ET")
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	build := func(catalogExtra string, extra ...string) []byte {
		objs := append([]string{"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, content, font}, extra...)
		data := pdfFile(objs...)
		return bytes.Replace(data, []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Info << /Title (title-DOC1) /Custom (custom-DOC2) >> >>"), 1)
	}
	res, err := Text("x.pdf", build("/Outlines 6 0 R", "<< /First 7 0 R >>", "<< /Title (bookmark-DOC3) /Next 8 0 R >>", "<< /Title (child-DOC4) >>"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		if m := fmt.Sprintf("DOC%d", i); !strings.Contains(res.Text, m) {
			t.Errorf("%s missing from %q", m, res.Text)
		}
	}
	if !strings.HasPrefix(res.Text, "Cover\n") {
		t.Errorf("line 1 is not the first page's first line: %q", res.Text)
	}

	_, err = Text("x.pdf", build("/Outlines 6 0 R", "<< /First 7 0 R >>", "<< /Title (loop) /Next 7 0 R >>"), Limits{})
	wantNotScanned(t, "outline loop", err, "malformed outline")

	_, err = Text("x.pdf", build("/Names << /EmbeddedFiles << /Names [(a.txt) 6 0 R] >> >>", "<< /Type /Filespec /F (a.txt) >>"), Limits{})
	wantNotScanned(t, "embedded files", err, "attached files")

	attach := bytes.Replace(build(""), []byte("/Contents 4 0 R"), []byte("/Contents 4 0 R /Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 1 1] >>]"), 1)
	_, err = Text("x.pdf", fixXref(attach), Limits{})
	wantNotScanned(t, "file attachment annotation", err, "attached files")
}

// fixXref rewrites a PDF's xref table after its objects were edited in place.
func fixXref(data []byte) []byte {
	x := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	body := data[:x]
	var offs []int
	for i := 1; ; i++ {
		o := bytes.Index(body, []byte(fmt.Sprintf("\n%d 0 obj\n", i)))
		if o < 0 {
			break
		}
		offs = append(offs, o+1)
	}
	trailer := data[bytes.Index(data, []byte("trailer")):]
	trailer = trailer[:bytes.Index(trailer, []byte("startxref"))]
	var b bytes.Buffer
	b.Write(body)
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	b.Write(trailer)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// Fonts whose decoding would cost unbounded time per string are refused;
// a long string is decoded in chunks to the same text.
func TestPDFFontDecodingBounded(t *testing.T) {
	long := strings.Repeat("AKIA0123456789", 1000) // 14,000 bytes: several chunks
	res, err := Text("x.pdf", onePagePDF("BT /F1 12 Tf 72 712 Td ("+long+") Tj ET", ""), Limits{})
	if err != nil || strings.TrimSpace(res.Text) != long {
		t.Errorf("long string: %d bytes of text, err %v", len(res.Text), err)
	}

	fontWith := func(font string, extra ...string) []byte {
		data := onePagePDF("BT /F3 12 Tf 72 712 Td (x) Tj ET", "", append([]string{font}, extra...)...)
		return fixXref(bytes.Replace(data, []byte("/F2 6 0 R"), []byte("/F2 6 0 R /F3 7 0 R"), 1))
	}
	diffs := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [0" + strings.Repeat(" /A", 2000) + "] >> >>"
	_, err = Text("x.pdf", fontWith(diffs), Limits{})
	wantNotScanned(t, "differences", err, "more than 1024 differences")

	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 200000 beginbfchar <41> <0041> endbfchar endcmap"
	_, err = Text("x.pdf", fontWith("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 8 0 R >>", pdfStream("", cmap)), Limits{})
	wantNotScanned(t, "charmap", err, "charmap with more than")
}

// A scanned document (pages without text) stays "not scanned" even when
// its title, bookmarks or a sticky note carry text.
func TestPDFNoPageTextDespiteMetadata(t *testing.T) {
	data := pdfFile(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Contents (approved) >>] >>",
		pdfStream("", "q 612 0 0 792 0 0 cm Q"),
	)
	data = bytes.Replace(data, []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Info << /Title (Scanned contract) >> >>"), 1)
	_, err := Text("scan.pdf", data, Limits{})
	wantNotScanned(t, "scanned with metadata", err, "no extractable text")
}

// A content stream ending inside a hex string ("<41" and no '>') would
// keep the reader's tokenizer reading line breaks for ever with no file
// read to check the deadline: refused before it is tokenized. A '<' in a
// literal string or a comment is text, not a hex string.
func TestPDFUnterminatedHexStringRefused(t *testing.T) {
	for _, tail := range []string{"/Fm1 <o", "<41", "<"} {
		data := onePagePDF("BT /F1 12 Tf 72 712 Td (one) Tj ET "+tail, "")
		start := time.Now()
		_, err := Text("x.pdf", data, Limits{Timeout: 2 * time.Second})
		wantNotScanned(t, tail, err, "unterminated hex string")
		if d := time.Since(start); d > time.Second*timeScale {
			t.Errorf("%q: %v to refuse", tail, d)
		}
	}
	for _, ok := range []string{"(a < b) Tj ET", "(x) Tj ET % 1 < 2", "<41> Tj ET", "(a \\( < ) Tj ET"} {
		res, err := Text("x.pdf", onePagePDF("BT /F1 12 Tf 72 712 Td "+ok, ""), Limits{})
		if err != nil || res.Text == "" {
			t.Errorf("%q: text %q, err %v", ok, res.Text, err)
		}
	}
}
