package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red-team round 2 (issue 11): attacks on the Office extraction (every XML
// member, relationships, embedded objects) that landed after round 1.

const (
	rt2CT   = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`
	rt2Rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`
)

func rt2ScannedOrRefused(t *testing.T, name string, data []byte) (bool, string) {
	t.Helper()
	res, err := Text(name, data, Limits{})
	var ns *NotScannedError
	if errors.As(err, &ns) {
		return true, "not scanned: " + ns.Reason
	}
	if err != nil {
		t.Fatalf("%s: error is not a NotScannedError: %v", name, err)
	}
	return strings.Contains(res.Text, rtMarker), res.Text
}

// Attributes are read only from an allowlist (alt text, hyperlinks, ...).
// Office shows other attribute values as document text: a worksheet's tab
// name (31 characters: an AWS key id fits), a custom number format's
// literal (shown in every cell it formats), a data-validation input prompt
// (shown when the cell is selected), a list level's text (the "number" of
// every item in a Word list).
func TestRedTeam2OfficeVisibleTextInAttributes(t *testing.T) {
	cases := map[string]map[string]string{
		"xlsx sheet tab name": {
			"xl/workbook.xml":          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="` + rtMarker + `" sheetId="1"/></sheets></workbook>`,
			"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Budget</t></is></c></row></sheetData></worksheet>`,
		},
		"xlsx number format literal": {
			"xl/workbook.xml":          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`,
			"xl/styles.xml":            `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;` + rtMarker + `&quot;0"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
			"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData></worksheet>`,
		},
		"xlsx data validation prompt": {
			"xl/workbook.xml":          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`,
			"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><dataValidations count="1"><dataValidation type="list" showInputMessage="1" promptTitle="Key" prompt="` + rtMarker + `" sqref="A1"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>`,
		},
		"docx list level text": {
			"word/document.xml":  `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>first item</w:t></w:r></w:p></w:body></w:document>`,
			"word/numbering.xml": `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="` + rtMarker + ` %1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
		},
		"docx drawing object name": {
			"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="wp" xmlns:pic="pic"><w:body><w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="` + rtMarker + `"/><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/></pic:nvPicPr></pic:pic></wp:inline></w:drawing></w:r></w:p></w:body></w:document>`,
		},
		"docx comment author": {
			"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>`,
			"word/comments.xml": `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="` + rtMarker + `" w:initials="X"><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:comment></w:comments>`,
		},
		"docx form field default text": {
			"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:textInput><w:default w:val="` + rtMarker + `"/></w:textInput><w:helpText w:type="text" w:val="help"/></w:ffData></w:fldChar></w:r></w:p></w:body></w:document>`,
		},
		"xlsx defined name": {
			"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets><definedNames><definedName name="` + rtMarker + `">Sheet1!$A$1</definedName></definedNames></workbook>`,
		},
		"xlsx pivot cache item": {
			"xl/workbook.xml":                      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`,
			"xl/pivotCache/pivotCacheRecords1.xml": `<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"><r><s v="` + rtMarker + `"/><n v="1"/></r></pivotCacheRecords>`,
		},
	}
	var missed []string
	for name, members := range cases {
		members["[Content_Types].xml"] = rt2CT
		main := "xl/workbook.xml"
		if strings.HasPrefix(name, "docx") {
			main = "word/document.xml"
		}
		members["_rels/.rels"] = fmt.Sprintf(rt2Rels, main)
		if ok, _ := rt2ScannedOrRefused(t, name, zipOf(t, members)); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("Office text held in attributes passes clean: %v", missed)
	}
}

// Members are skipped by name (an image extension, a path under media/):
// the uploader picks names. Word renders an altChunk (an HTML or text part
// imported into the document body on open) wherever it is stored; here it
// lives at word/media/chunk.html, and an embedded document at
// word/embeddings/object1.png.
func TestRedTeam2OfficeTextMemberNamedAsMedia(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p><w:altChunk r:id="rId9"/></w:body></w:document>`
	docRels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="media/chunk.html"/></Relationships>`
	ct := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/media/chunk.html" ContentType="text/html"/></Types>`
	var missed []string
	for name, member := range map[string]string{
		"altChunk under media/":        "word/media/chunk.html",
		"altChunk with .png name":      "word/chunk.png",
		"embedded docx with .jpg name": "word/embeddings/object1.jpg",
	} {
		payload := "<html><body><p>" + rtMarker + "</p></body></html>"
		if strings.HasPrefix(name, "embedded") {
			payload = string(docx(t, rtMarker))
		}
		members := map[string]string{
			"[Content_Types].xml":          strings.ReplaceAll(ct, "/word/media/chunk.html", "/"+member),
			"_rels/.rels":                  fmt.Sprintf(rt2Rels, "word/document.xml"),
			"word/document.xml":            doc,
			"word/_rels/document.xml.rels": strings.ReplaceAll(docRels, "media/chunk.html", strings.TrimPrefix(member, "word/")),
			member:                         payload,
		}
		if ok, _ := rt2ScannedOrRefused(t, name, zipOf(t, members)); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("an Office member named like media is skipped whatever it holds: %v", missed)
	}
}

// Each embedded PDF is parsed with a deadline of its own (lim.Timeout from
// when it starts) and an inflation budget of its own (the text left, not
// the content measured so far). A DOCX of many small PDFs, each a few MiB
// of operators that draw nothing, keeps working long after Text reported
// the timeout: total CPU is the number of PDFs times their cost, not
// bounded by the timeout.
func TestRedTeam2OfficeEmbeddedPDFsOutliveTimeout(t *testing.T) {
	content := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\n" + strings.Repeat("0 0 Td\n", 1<<20/7)
	pdf := rt2OnePage(rt2Flate(content), "FlateDecode", "")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		_, _ = w.Write(data)
	}
	add("[Content_Types].xml", []byte(rt2CT))
	add("_rels/.rels", []byte(fmt.Sprintf(rt2Rels, "word/document.xml")))
	add("word/document.xml", []byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`))
	const n = 80
	for i := 0; i < n; i++ {
		add(fmt.Sprintf("word/embeddings/doc%d.bin", i), pdf)
	}
	_ = zw.Close()
	start := time.Now()
	_, err := Text("many.docx", buf.Bytes(), Limits{Timeout: 300 * time.Millisecond})
	var ns *NotScannedError
	if !errors.As(err, &ns) {
		t.Logf("control: extraction finished within the timeout (%v, %v): machine too fast for this size", time.Since(start), err)
	}
	t.Logf("docx %d KiB with %d PDFs; Text returned %v after %v", buf.Len()>>10, n, err, time.Since(start))
	// Every embedded parse stops at the document's deadline: no slot stays
	// held by an abandoned one.
	waitPDFSlotsFree(t)
}

// Attribute text is held to the end of the line: a hyperlink's tooltip or
// a bookmark's name between two runs does not split the word they show.
func TestOfficeAttributeTextDoesNotSplitRuns(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>` +
		`<w:r><w:t>` + rtMarker[:8] + `</w:t></w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/>` +
		`<w:hyperlink w:tooltip="tip"><w:r><w:t>` + rtMarker[8:] + `</w:t></w:r></w:hyperlink></w:p>` +
		`<w:p><w:r><w:t>second</w:t></w:r></w:p></w:body></w:document>`
	res, err := Text("a.docx", zipOf(t, map[string]string{
		"[Content_Types].xml": rt2CT,
		"_rels/.rels":         fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":   doc,
	}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := rtMarker + "\t_GoBack tip\nsecond\n"
	if res.Text != want {
		t.Fatalf("text %q, want %q", res.Text, want)
	}
}

// A character given as <w:sym w:char="hhhh"/> joins the run's text.
func TestOfficeSymbolCharactersJoin(t *testing.T) {
	var syms strings.Builder
	for _, c := range rtMarker[4:8] {
		fmt.Fprintf(&syms, `<w:sym w:font="Arial" w:char="%04X"/>`, c)
	}
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + rtMarker[:4] + `</w:t>` + syms.String() + `<w:sym w:font="Wingdings" w:char="F0` + fmt.Sprintf("%02X", rtMarker[8]) + `"/><w:t>` + rtMarker[9:] + `</w:t></w:r></w:p></w:body></w:document>`
	res, err := Text("a.docx", zipOf(t, map[string]string{
		"[Content_Types].xml": rt2CT,
		"_rels/.rels":         fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":   doc,
	}), Limits{})
	if err != nil || !strings.Contains(res.Text, rtMarker) {
		t.Fatalf("symbols split the word: %q, %v", res.Text, err)
	}
}
