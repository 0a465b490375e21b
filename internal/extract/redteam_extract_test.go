package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// Red-team tests of the text extraction (issue 11). Each asserts the safe
// behaviour: the planted marker is in the extracted text, or the file is
// "not scanned". A clean pass with the marker missing is the attack winning.

const rtMarker = "RTMARKER0planted0value0TESTONLY"

// rtScannedOrRefused fails when extraction "succeeds" without the marker.
func rtScannedOrRefused(t *testing.T, res Result, err error) {
	t.Helper()
	var ns *NotScannedError
	if err != nil {
		if !errors.As(err, &ns) {
			t.Fatalf("error is not a NotScannedError: %v", err)
		}
		return // refused: a "not scanned" finding, fail closed
	}
	if !strings.Contains(res.Text, rtMarker) {
		t.Fatalf("extraction passed as %q without the planted text: the file would be a clean pass; text=%q", res.Format, res.Text)
	}
}

// A DOCX's main part is the one _rels/.rels names (officeDocument), not a
// fixed path: Word, LibreOffice and python-docx open word/main.xml here and
// never show the decoy word/document.xml.
func TestRedTeamDOCXMainPartByRelationshipDecoy(t *testing.T) {
	data := zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>`,
		"word/main.xml":       `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>key ` + rtMarker + `</w:t></w:r></w:p></w:body></w:document>`,
		"word/document.xml":   `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Quarterly notes, nothing here.</w:t></w:r></w:p></w:body></w:document>`,
	})
	res, err := Text("notes.docx", data, Limits{})
	rtScannedOrRefused(t, res, err)
}

// XLSX part names come from xl/_rels/workbook.xml.rels; a workbook whose
// shared strings live in xl/strings.xml and whose sheet is xl/worksheets/data.xml
// extracts to empty text, and empty Office text is a pass.
func TestRedTeamXLSXPartsUnderOtherNames(t *testing.T) {
	data := zipOf(t, map[string]string{
		"xl/workbook.xml":            `<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"xl/strings.xml":             `<sst><si><t>` + rtMarker + `</t></si></sst>`,
		"xl/worksheets/data.xml":     `<worksheet><sheetData><row><c t="s"><v>0</v></c><c t="inlineStr"><is><t>` + rtMarker + `</t></is></c></row></sheetData></worksheet>`,
	})
	res, err := Text("accounts.xlsx", data, Limits{})
	rtScannedOrRefused(t, res, err)
}

// Text visible in a presentation also lives in slide layouts / masters
// (placeholder text shown on every slide) and in slide comments.
func TestRedTeamPPTXCommentsAndLayouts(t *testing.T) {
	for _, part := range []string{"ppt/comments/comment1.xml", "ppt/slideLayouts/slideLayout1.xml"} {
		t.Run(part, func(t *testing.T) {
			data := zipOf(t, map[string]string{
				"ppt/presentation.xml":  `<p:presentation/>`,
				"ppt/slides/slide1.xml": `<p:sld><a:p><a:r><a:t>Welcome</a:t></a:r></a:p></p:sld>`,
				part:                    `<x><a:p><a:r><a:t>` + rtMarker + `</a:t></a:r></a:p></x>`,
			})
			res, err := Text("deck.pptx", data, Limits{})
			rtScannedOrRefused(t, res, err)
		})
	}
}

// Document properties (docProps/core.xml description, keywords, custom
// properties) and comments in XLSX hold free text a DLP scan reads.
func TestRedTeamOfficeMetadataAndComments(t *testing.T) {
	cases := map[string]map[string]string{
		"docx core.xml description": {
			"word/document.xml":   `<w:document><w:body><w:p><w:r><w:t>hello</w:t></w:r></w:p></w:body></w:document>`,
			"docProps/core.xml":   `<cp:coreProperties><dc:description>` + rtMarker + `</dc:description></cp:coreProperties>`,
			"[Content_Types].xml": `<Types/>`,
		},
		"docx custom property": {
			"word/document.xml":   `<w:document><w:body><w:p><w:r><w:t>hello</w:t></w:r></w:p></w:body></w:document>`,
			"docProps/custom.xml": `<Properties><property name="ApiKey"><vt:lpwstr>` + rtMarker + `</vt:lpwstr></property></Properties>`,
		},
		"xlsx cell comment": {
			"xl/workbook.xml":          `<workbook/>`,
			"xl/sharedStrings.xml":     `<sst><si><t>hello</t></si></sst>`,
			"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
			"xl/comments1.xml":         `<comments><commentList><comment ref="A1"><text><r><t>` + rtMarker + `</t></r></text></comment></commentList></comments>`,
		},
	}
	for name, members := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := Text("f", zipOf(t, members), Limits{})
			rtScannedOrRefused(t, res, err)
		})
	}
}

// UTF-32LE text starts with FF FE 00 00, which the extractor takes for a
// UTF-16LE BOM: every character comes out followed by U+0000, so no secret
// rule matches, and the NUL check (binary => not scanned) is never applied
// to decoded text.
func TestRedTeamUTF32ReadAsUTF16(t *testing.T) {
	text := "token = " + rtMarker + "\n"
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE, 0x00, 0x00})
	for _, r := range text {
		b.Write([]byte{byte(r), byte(r >> 8), byte(r >> 16), byte(r >> 24)})
	}
	res, err := Text("notes.txt", b.Bytes(), Limits{})
	rtScannedOrRefused(t, res, err)
	if err == nil && strings.ContainsRune(res.Text, 0) {
		t.Fatalf("decoded text carries NUL characters (binary), yet it was scanned as text")
	}
}

// UTF-16 with a BOM is decoded (held): the marker is found.
func TestRedTeamUTF16BOMHeld(t *testing.T) {
	text := "token = " + rtMarker + "\r\n"
	u := utf16.Encode([]rune(text))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	res, err := Text("notes.txt", b, Limits{})
	rtScannedOrRefused(t, res, err)
}

// A secret split across DOCX runs (<w:t> elements) is joined (held).
func TestRedTeamDOCXSplitRunsHeld(t *testing.T) {
	half := len(rtMarker) / 2
	data := zipOf(t, map[string]string{
		"word/document.xml": `<w:document><w:body><w:p><w:r><w:t>` + rtMarker[:half] + `</w:t></w:r><w:proofErr/><w:r><w:rPr><w:b/></w:rPr><w:t>` + rtMarker[half:] + `</w:t></w:r></w:p></w:body></w:document>`,
	})
	res, err := Text("a.docx", data, Limits{})
	rtScannedOrRefused(t, res, err)
}

// The not-scanned reason names a zip member verbatim. The member name is
// part of the uploaded file (its content): a key in it reaches the finding's
// observed text, state and reports unredacted.
func TestRedTeamZipMemberNameInNotScannedReason(t *testing.T) {
	secret, _ := openaisim.FakeSecret(openaisim.FakeGitHubPAT)
	data := zipOf(t, map[string]string{
		"word/document.xml":                `<w:document><w:body><w:p><w:r><w:t>hi</w:t></w:r></w:p></w:body></w:document>`,
		"word/header_" + secret + "_1.xml": `<w:hdr><w:p>&#0;<<<`,
	})
	_, err := Text("a.docx", data, Limits{})
	if err == nil {
		t.Fatalf("corrupt header accepted")
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("not-scanned reason carries the planted secret: %q", err.Error())
	}
}

// rtPDF builds a PDF of the given objects (1-based, object 1 the catalog),
// with a correct xref table.
func rtPDF(objs []string) []byte {
	return openaisim.PDFFromObjects(objs...)
}

func rtStream(dict, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

// Text drawn through a Form XObject (the page content says "/Fm1 Do"):
// how stamping tools, watermarks and many PDF producers place text. The
// page shows a decoy line so the "no extractable text" refusal is not hit.
func TestRedTeamPDFFormXObjectText(t *testing.T) {
	page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\nq /Fm1 Do Q"
	form := "BT /F1 12 Tf 72 600 Td (" + rtMarker + ") Tj ET"
	data := rtPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
		rtStream("", page),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		rtStream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>", form),
	})
	res, err := Text("report.pdf", data, Limits{})
	rtScannedOrRefused(t, res, err)
}

// Annotation text (sticky notes, free-text annotations, form field values)
// is part of the document a reader sees.
func TestRedTeamPDFAnnotationText(t *testing.T) {
	page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET"
	data := rtPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
		rtStream("", page),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Annot /Subtype /FreeText /Rect [72 500 400 540] /Contents (" + rtMarker + ") /DA (/Helv 12 Tf 0 g) >>",
	})
	res, err := Text("form.pdf", data, Limits{})
	rtScannedOrRefused(t, res, err)
}

// The inflation pre-check only recognises a stream that is raw zlib. A
// stream filtered [/ASCII85Decode /FlateDecode] (which the reader decodes)
// skips the pre-check, so the reader builds its whole text in memory before
// the text cap applies: the bomb the pre-check exists for.
func TestRedTeamPDFASCII85FlateBombSkipsPrecheck(t *testing.T) {
	const capBytes = 1 << 20
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = zw.Write([]byte("BT /F1 12 Tf\n"))
	line := []byte("(" + strings.Repeat("A", 1000) + ") Tj\n")
	for i := 0; i < 16*capBytes/len(line); i++ { // ~16x the cap
		_, _ = zw.Write(line)
	}
	_, _ = zw.Write([]byte("ET\n"))
	_ = zw.Close()
	var a85 bytes.Buffer
	enc := ascii85.NewEncoder(&a85)
	_, _ = enc.Write(z.Bytes())
	_ = enc.Close()
	a85.WriteString("~>")
	data := rtPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		rtStream("/Filter [/ASCII85Decode /FlateDecode]", a85.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Text("bomb.pdf", data, Limits{MaxTextBytes: capBytes})
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("file %d bytes, allocated %d MiB, err=%v", len(data), alloc>>20, err)
	if err == nil {
		t.Fatalf("a PDF of 16x the text cap was scanned")
	}
	if !strings.Contains(err.Error(), "inflate beyond") {
		t.Fatalf("the inflation pre-check did not catch the chained-filter stream (the reader built the text first: %d MiB allocated for a %d KiB file)", alloc>>20, len(data)>>10)
	}
}

// Deeply nested XML inside an Office zip: encoding/xml keeps a stack entry
// per open element, so live memory grows with nesting, within the
// uncompressed budget (200 MiB by default, from a zip of about 200 KiB).
func TestRedTeamOfficeDeepNestingMemory(t *testing.T) {
	const depth = 1 << 20 // 3 MiB of "<a>" (compresses to a few KiB)
	doc := `<w:document><w:body>` + strings.Repeat("<a>", depth) + `</w:body></w:document>`
	data := zipOf(t, map[string]string{"word/document.xml": doc})
	peak := rtPeakHeap(func() { _, _ = Text("deep.docx", data, Limits{}) })
	ratio := float64(peak) / float64(len(doc))
	t.Logf("zip %d KiB, xml %d KiB, peak live heap growth %d MiB (%.0fx the XML)", len(data)>>10, len(doc)>>10, peak>>20, ratio)
	if ratio > 8 {
		t.Fatalf("nested XML holds %.0fx its size live: a 200 MiB (inflated) member would need about %d GiB", ratio, int(ratio*200)>>10)
	}
}

// rtPeakHeap runs f and samples the live heap, returning the largest growth
// over the heap before f.
func rtPeakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > peak {
				peak = m.HeapAlloc - base
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak
}

// Most PDF producers place each line with Td/Tm, not T*; the reader emits no
// break for Td/Tm, so consecutive lines are glued together. A key on its own
// line then touches the words around it ("credentialsAKIA...Rotate"), and
// rules anchored on word boundaries (aws-access-token) no longer match. This
// is an ordinary PDF, not a crafted one. The test checks the key stays a
// separate word in the extracted text.
func TestRedTeamPDFLinesPositionedByTdAreGlued(t *testing.T) {
	key := "AKIA" + "TESTONLYFAKEKEY2"
	page := "BT /F1 12 Tf 72 712 Td (Production credentials) Tj 0 -14 Td (" + key + ") Tj 0 -14 Td (Rotate quarterly) Tj ET"
	data := rtPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		rtStream("", page),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	})
	res, err := Text("creds.pdf", data, Limits{})
	if err != nil {
		t.Fatalf("control: %v", err)
	}
	i := strings.Index(res.Text, key)
	if i < 0 {
		t.Fatalf("key not in text %q", res.Text)
	}
	isWord := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
	}
	if (i > 0 && isWord(res.Text[i-1])) || (i+len(key) < len(res.Text) && isWord(res.Text[i+len(key)])) {
		t.Fatalf("the key is glued to the neighbouring lines: %q", res.Text)
	}
}

// A PDF whose page tree lists itself among its kids (or claims two billion
// pages) makes the reader loop. Text gives up at its timeout and reports
// "not scanned" (fail closed), but the parse goes on in the background for
// ever: every such upload pins a CPU core for the rest of the provider
// process (and a plan judges files in parallel), so a handful of 1 KiB
// uploads stall every later plan. The test measures the process's CPU time
// after the timeout.
func TestRedTeamPDFPageTreeLoopKeepsSpinningAfterTimeout(t *testing.T) {
	data := rtPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		rtStream("", "BT /F1 12 Tf 72 712 Td (hello) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	})
	_, err := Text("loop.pdf", data, Limits{Timeout: time.Second})
	var ns *NotScannedError
	if !errors.As(err, &ns) {
		t.Fatalf("control: want not scanned, got %v", err)
	}
	// The loop is refused by the page-tree walk itself, not by the
	// deadline: no parse is left running (its slot is free at once).
	if IsTransient(err) || !strings.Contains(err.Error(), "malformed page tree") {
		t.Fatalf("the loop was not refused structurally: %v", err)
	}
	waitPDFSlotsFree(t)
}

// waitPDFSlotsFree fails unless every PDF parse slot is given back soon:
// a parse abandoned at its deadline stops there.
func waitPDFSlotsFree(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second * timeScale)
	for len(pdfSlots) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(pdfSlots) > 0 {
		t.Fatalf("an abandoned PDF parse still holds its slot after Text returned")
	}
}

func rtCPU(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
