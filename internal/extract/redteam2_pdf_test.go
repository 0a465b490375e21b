package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// Red-team round 2 (issue 11): attacks on the PDF interpreter and the
// format sniffing that landed after round 1. Each test asserts the safe
// behaviour; a test whose attack succeeds skips with "REDTEAM2 FAIL" unless
// REDTEAM_RUN=1.

// rt2Octal spells s as a PDF literal string of octal escapes: the bytes a
// viewer draws are s, the file's bytes are "\101\113...".
func rt2Octal(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\%03o`, s[i])
	}
	return b.String()
}

func rt2Flate(s string) string {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return z.String()
}

// rt2OnePage is a one-page PDF whose page content is content (already
// encoded for filter) with Helvetica as /F1 and extra page resources.
func rt2OnePage(content, filter, extraResources string, extraObjs ...string) []byte {
	dict := ""
	if filter != "" {
		dict = "/Filter /" + filter
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> " + extraResources + " >> >>",
		rtStream(dict, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	return rtPDF(append(objs, extraObjs...))
}

// The format is decided by an exact "%PDF-" at offset 0, but PDF viewers
// (Acrobat, pdfium/Chrome, pdf.js) look for the header within the first
// 1,024 bytes. One leading line makes the file "plain text": its raw bytes
// are scanned, and a key drawn from an octal-escaped string (or split
// across a TJ array) is not in them. The file is neither read as a PDF nor
// reported as not scanned.
func TestRedTeam2PDFHeaderNotAtOffsetZeroReadAsText(t *testing.T) {
	content := "BT /F1 12 Tf 72 712 Td (Quarterly notes) Tj 0 -14 Td (" + rt2Octal(rtMarker) + ") Tj ET"
	pdf := rt2OnePage(content, "", "")
	// Control: the same file without the leading line is read as a PDF and
	// yields the marker.
	if res, err := Text("notes.pdf", pdf, Limits{}); err != nil || !strings.Contains(res.Text, rtMarker) {
		t.Fatalf("control: PDF not read: %v %q", err, res.Text)
	}
	for _, prefix := range []string{"\n", " ", "%junk\n", "\xef\xbb\xbf"} {
		data := append([]byte(prefix), pdf...)
		res, err := Text("notes.pdf", data, Limits{})
		var ns *NotScannedError
		if errors.As(err, &ns) || (err == nil && strings.Contains(res.Text, rtMarker)) {
			continue
		}
		t.Fatalf("prefix %q: format %q, err %v, marker missing", prefix, res.Format, err)
	}
	// Past the header window the file is not opened as a PDF here, but a
	// "text" file holding PDF objects is not passed as clean text either.
	late := append([]byte(strings.Repeat("filler line\n", 200)), pdf...)
	if res, err := Text("notes.txt", late, Limits{}); err == nil {
		t.Fatalf("a text file holding a PDF after %d bytes passed as %q text", 2400, res.Format)
	}
	// Text before the header (which a viewer skips) is still scanned.
	if res, err := Text("notes.pdf", append([]byte(rtMarker+"\n"), pdf...), Limits{}); err != nil || !strings.HasPrefix(res.Text, rtMarker) {
		t.Fatalf("text before the header not kept: %q %v", res.Text, err)
	}
}

// Operands pile up on the reader's stack until an operator pops them, and
// the interpreter copies them all into args: a content stream of N numbers
// before one operator holds about 2 x 40 bytes per 2-byte operand. The
// stream is within the text cap (it is measured first) and Flate-compresses
// about 1000:1, so a PDF of some tens of KiB costs gigabytes at the default
// 32 MiB cap.
func TestRedTeam2PDFOperandStackMemory(t *testing.T) {
	const n = 2 << 20 // 4 MiB of "0 " (default cap allows 8x this)
	content := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\n" + strings.Repeat("0 ", n) + "Tj\n"
	data := rt2OnePage(rt2Flate(content), "FlateDecode", "")
	var err error
	peak := rtPeakHeap(func() { _, err = Text("ops.pdf", data, Limits{}) })
	ratio := float64(peak) / float64(len(content))
	t.Logf("file %d KiB, content %d KiB, peak live heap growth %d MiB (%.0fx the content), err=%v", len(data)>>10, len(content)>>10, peak>>20, ratio, err)
	if ratio > 8 {
		t.Fatalf("operand stack holds %.0fx the content", ratio)
	}
}

// The same through one TJ array: each element is a Value in the reader's
// array and is walked without a deadline check between elements.
func TestRedTeam2PDFHugeTJArrayMemory(t *testing.T) {
	const n = 2 << 20
	content := "BT /F1 12 Tf 72 712 Td (Cover page) Tj [" + strings.Repeat("0 ", n) + "] TJ ET\n"
	data := rt2OnePage(rt2Flate(content), "FlateDecode", "")
	var err error
	peak := rtPeakHeap(func() { _, err = Text("tj.pdf", data, Limits{}) })
	ratio := float64(peak) / float64(len(content))
	t.Logf("file %d KiB, content %d KiB, peak live heap growth %d MiB (%.0fx the content), err=%v", len(data)>>10, len(content)>>10, peak>>20, ratio, err)
	if ratio > 8 {
		t.Fatalf("TJ array holds %.0fx the content", ratio)
	}
}

// Text drawn inside a tiling pattern's content stream: the page fills a
// rectangle with the pattern and every viewer draws the text (tiled). The
// extractor walks pages, forms, annotations and fields, not patterns.
func TestRedTeam2PDFTilingPatternText(t *testing.T) {
	page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\n/Pattern cs /P1 scn 0 0 612 600 re f"
	cell := "BT /F1 10 Tf 5 20 Td (" + rtMarker + ") Tj ET"
	data := rt2OnePage(page, "", "/Pattern << /P1 6 0 R >>",
		rtStream("/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 600 40] /XStep 600 /YStep 40 /Resources << /Font << /F1 5 0 R >> >>", cell))
	res, err := Text("pattern.pdf", data, Limits{})
	var ns *NotScannedError
	if errors.As(err, &ns) || (err == nil && strings.Contains(res.Text, rtMarker)) {
		return
	}
	t.Fatalf("pattern text missing: %q (err %v)", res.Text, err)
}

// Type3 glyph procedures are content streams too: a Type3 font whose glyph
// for "a" draws text with another font shows that text wherever "a" is
// drawn.
func TestRedTeam2PDFType3GlyphProcText(t *testing.T) {
	page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj /T3 12 Tf 72 600 Td (a) Tj ET"
	glyph := "500 0 d0 BT /F1 1 Tf (" + rtMarker + ") Tj ET"
	data := rt2OnePage(page, "", "/Font << /F1 5 0 R /T3 6 0 R >>",
		"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [500] /Resources << /Font << /F1 5 0 R >> >> >>",
		rtStream("", glyph))
	// The page's resources name /Font twice; the later one wins in the
	// reader, so fix the page dictionary by hand.
	data = bytes.Replace(data, []byte("/Font << /F1 5 0 R >> /Font << /F1 5 0 R /T3 6 0 R >>"), []byte("/Font << /F1 5 0 R /T3 6 0 R >>                      "), 1)
	res, err := Text("type3.pdf", data, Limits{})
	var ns *NotScannedError
	if errors.As(err, &ns) || (err == nil && strings.Contains(res.Text, rtMarker)) {
		return
	}
	t.Fatalf("Type3 glyph text missing: %q (err %v)", res.Text, err)
}

// The not-scanned reason names a stream's filters verbatim (up to 64
// bytes). Filter names are the file's content: a key written as a filter
// name reaches the finding's text, state and reports unredacted (round 1
// closed the same path for zip member names).
func TestRedTeam2PDFFilterNameInNotScannedReason(t *testing.T) {
	secret, _ := openaisim.FakeSecret(openaisim.FakeGitHubPAT)
	data := rt2OnePage("BT /F1 12 Tf 72 712 Td (hi) Tj ET", secret, "")
	_, err := Text("a.pdf", data, Limits{})
	if err == nil {
		t.Fatalf("a stream with an unknown filter was read")
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("not-scanned reason carries the planted secret: %q", err.Error())
	}
}

// The format label of a text file is its name's extension, and it opens
// every not-scanned reason for that file: a key written as the extension
// reaches the finding (lower-cased), though the name itself is redacted.
func TestRedTeam2NameExtensionInNotScannedReason(t *testing.T) {
	key, _ := openaisim.FakeSecret(openaisim.FakeAWSAccessKeyID)
	_, err := Text("notes."+key, []byte(strings.Repeat("x", 64)), Limits{MaxTextBytes: 16})
	if err == nil {
		t.Fatalf("text over the cap was read")
	}
	if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(key)) {
		t.Fatalf("reason carries the key: %q", err.Error())
	}
}

// rt2UTF16Hex is s as a PDF hex string of UTF-16BE codes.
//
//nolint:unparam // a helper for any text; today's tests all draw one marker
func rt2UTF16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<")
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

// Composite fonts: the reader decodes Identity-H through /ToUnicode, but any
// other CMap name (Identity-V, the predefined Uni*-UTF16-H CMaps whose codes
// are UTF-16 itself) falls to a no-op decoder: the text comes out as raw
// two-byte codes, "\x00A\x00K...", non-blank, so the page counts as read,
// and no rule matches a key interleaved with NULs. Poppler (pdftotext) and
// pypdf decode all of these; the model reading the file sees the key.
func TestRedTeam2PDFCompositeFontCMaps(t *testing.T) {
	toUnicode := rtStream("", "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0000> <FFFF> <0000> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end")
	cases := []struct{ name, font string }{
		{"Identity-H with ToUnicode (control)", "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /Identity-H /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>"},
		{"Identity-V with ToUnicode", "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /Identity-V /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>"},
		{"UniJIS-UTF16-H", "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UTF16-H /DescendantFonts [8 0 R] >>"},
		{"UniGB-UTF16-H", "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [8 0 R] >>"},
	}
	var missed []string
	for _, c := range cases {
		page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj /F2 12 Tf 72 600 Td " + rt2UTF16Hex(rtMarker) + " Tj ET"
		data := rt2OnePage(page, "", "/Font << /F1 5 0 R /F2 6 0 R >>", c.font, toUnicode,
			"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor << /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>")
		data = bytes.Replace(data, []byte("/Font << /F1 5 0 R >> /Font << /F1 5 0 R /F2 6 0 R >>"), []byte("/Font << /F1 5 0 R /F2 6 0 R >>                      "), 1)
		res, err := Text("cjk.pdf", data, Limits{})
		var ns *NotScannedError
		if errors.As(err, &ns) || (err == nil && strings.Contains(res.Text, rtMarker)) {
			continue
		}
		if strings.Contains(c.name, "control") {
			t.Fatalf("control %s: marker missing: %q %v", c.name, res.Text, err)
		}
		t.Logf("%s: text %q", c.name, res.Text)
		missed = append(missed, c.name)
	}
	if len(missed) > 0 {
		t.Fatalf("missed: %v", missed)
	}
}
