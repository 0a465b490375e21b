package extract

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func mustText(t *testing.T, name string, data []byte) Result {
	t.Helper()
	res, err := Text(name, data, Limits{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func mustNotScanned(t *testing.T, name string, data []byte, lim Limits, why string) {
	t.Helper()
	res, err := Text(name, data, lim)
	var ns *NotScannedError
	if !errors.As(err, &ns) || !strings.Contains(err.Error(), why) {
		t.Fatalf("%s: got %v (text %q), want not scanned: %s", name, err, res.Text, why)
	}
}

const docxBody = `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>hello</w:t></w:r></w:p></w:body></w:document>`

// A document with no text elements anywhere is empty, and empty passes: it
// holds nothing to find.
func TestOfficeEmptyDocumentPasses(t *testing.T) {
	data := zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"word/document.xml":   `<w:document xmlns:w="w"><w:body><w:sectPr/></w:body></w:document>`,
		"word/styles.xml":     `<w:styles><w:style w:styleId="Normal"/></w:styles>`,
	})
	if res := mustText(t, "empty.docx", data); strings.TrimSpace(res.Text) != "" || res.Format != "docx" {
		t.Fatalf("got %q as %q", res.Text, res.Format)
	}
}

// The main part's text comes first (its line numbers are the document's),
// then the parts it relates to, then the rest; no two parts' text is glued.
func TestOfficeMainPartFirstAndPartsSeparated(t *testing.T) {
	data := zipOf(t, map[string]string{
		"_rels/.rels":                   `<Relationships><Relationship Type="http://x/officeDocument" Target="/word/main.xml"/></Relationships>`,
		"word/_rels/main.xml.rels":      `<Relationships><Relationship Type="http://x/footer" Target="zz_footer.xml"/></Relationships>`,
		"word/main.xml":                 `<w:document><w:body><w:p><w:r><w:t>line one</w:t></w:r></w:p><w:p><w:r><w:t>` + planted + `</w:t></w:r></w:p></w:body></w:document>`,
		"word/zz_footer.xml":            `<w:ftr><w:r><w:t>FOOT</w:t></w:r></w:ftr>`,
		"word/aa_unreferenced.xml":      `<x><w:t>TAIL</w:t></x>`,
		"customXml/item1.xml":           `<data>cfg</data>`,
		"word/embeddings/readme.txt":    "embedded plain text",
		"word/media/image1.png":         string(testPNG()),
		"docProps/thumbnail.jpeg":       string(testJPEG()),
		"xl/printerSettings/pS1.bin":    string(testDevmode("PrinterOne", 16)),
		"word/fonts/font1.odttf":        string(testObfuscatedFont()),
		"word/theme/theme1.xml":         `<a:theme><a:latin typeface="Calibri"/></a:theme>`,
		"word/_rels/zz_footer.xml.rels": `<Relationships/>`,
	})
	res := mustText(t, "a.docx", data)
	lines := strings.Split(res.Text, "\n")
	if len(lines) < 2 || lines[0] != "line one" || lines[1] != planted {
		t.Fatalf("main part not first: %q", res.Text)
	}
	foot := strings.Index(res.Text, "FOOT")
	tail := strings.Index(res.Text, "TAIL")
	if foot < 0 || tail < 0 || foot > tail {
		t.Fatalf("related part not before the rest: %q", res.Text)
	}
	for _, want := range []string{"cfg", "embedded plain text"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q missing from %q", want, res.Text)
		}
	}
	if !strings.Contains(res.Text, "PrinterOne") {
		t.Errorf("printer name missing from %q", res.Text)
	}
	// A font's printable runs are written (media_strong.go): FONTBODY is.
	if strings.Contains(res.Text, "FOOTTAIL") {
		t.Fatalf("parts glued or media read: %q", res.Text)
	}
}

// Indentation between runs is layout, not text: a pretty-printed document
// cannot split a word; fields of one part stay separate words; alternative
// text, field instructions and external hyperlink targets are read.
func TestOfficeRunsJoinFieldsSeparateAttributesRead(t *testing.T) {
	data := zipOf(t, map[string]string{
		"word/document.xml": "<w:document><w:body><w:p>\n  <w:r>\n    <w:t>PLANTED-</w:t>\n  </w:r>\n  <w:r>\n    <w:t>MARKER-extract-7q</w:t>\n  </w:r>\n</w:p>" +
			`<w:p><w:r><w:drawing><wp:docPr id="1" name="Picture 1" descr="alt-TEXT-one"/></w:drawing></w:r><w:fldSimple w:instr="HYPERLINK https://example.test/?k=FIELD-two"/></w:p></w:body></w:document>`,
		"word/_rels/document.xml.rels": `<Relationships><Relationship Id="rId9" Type="http://x/hyperlink" Target="https://example.test/?token=LINK-three" TargetMode="External"/></Relationships>`,
		"docProps/core.xml":            `<cp:coreProperties><dc:title>Title</dc:title><dc:subject>Subject</dc:subject></cp:coreProperties>`,
		"xl/connections.xml":           `<connections><connection id="1"><dbPr connection="Provider=SQLOLEDB;Password=CONN-four" command="select 1"/></connection></connections>`,
	})
	res := mustText(t, "a.docx", data)
	for _, want := range []string{planted, "alt-TEXT-one", "FIELD-two", "LINK-three", "CONN-four"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q missing from %q", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "TitleSubject") {
		t.Errorf("fields glued: %q", res.Text)
	}
}

// An XLSX whose relationships put the shared strings after the sheets still
// starts with the strings.
func TestOfficeXLSXSharedStringsFirst(t *testing.T) {
	data := zipOf(t, map[string]string{
		"_rels/.rels":                `<Relationships><Relationship Type="http://x/officeDocument" Target="xl/book.xml"/></Relationships>`,
		"xl/book.xml":                `<workbook/>`,
		"xl/_rels/book.xml.rels":     `<Relationships><Relationship Type="http://x/worksheet" Target="s/one.xml"/><Relationship Type="http://x/sharedStrings" Target="/xl/str.xml"/></Relationships>`,
		"xl/s/one.xml":               `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
		"xl/str.xml":                 `<sst><si><t>` + planted + `</t></si></sst>`,
		"[Content_Types].xml":        `<Types/>`,
		"xl/worksheets/_rels/x.rels": `<Relationships/>`,
	})
	res := mustText(t, "a.xlsx", data)
	if res.Format != "xlsx" || !strings.HasPrefix(res.Text, planted+"\n") {
		t.Fatalf("got %q as %q", res.Text, res.Format)
	}
}

// An Office document embedded in another (a chart's workbook, a pasted
// document) is read, two levels deep; deeper, or an object it cannot read
// (OLE, binary), is "not scanned: embedded object".
func TestOfficeEmbeddedObjects(t *testing.T) {
	inner := xlsx(t, "inner", planted)
	res := mustText(t, "a.docx", zipOf(t, map[string]string{
		"word/document.xml":                          docxBody,
		"word/embeddings/Microsoft_Excel_Sheet.xlsx": string(inner),
	}))
	if !strings.Contains(res.Text, planted) || !strings.Contains(res.Text, "hello") {
		t.Fatalf("embedded workbook not read: %q", res.Text)
	}
	nest := func(data []byte) []byte {
		return zipOf(t, map[string]string{"word/document.xml": docxBody, "word/embeddings/e.docx": string(data)})
	}
	mustText(t, "two.docx", nest(nest(inner)))
	mustNotScanned(t, "three.docx", nest(nest(nest(inner))), Limits{}, "embedded object")
	for name, member := range map[string]string{
		"ole":         string(magicOLE) + "\x00\x00" + planted,
		"binary":      "\x00\x01\x02" + planted,
		"plain zip":   string(zipOf(t, map[string]string{"a.txt": planted})),
		"corrupt pdf": "%PDF-1.4 garbage",
	} {
		t.Run(name, func(t *testing.T) {
			data := zipOf(t, map[string]string{"word/document.xml": docxBody, "word/embeddings/oleObject1.bin": member})
			mustNotScanned(t, "a.docx", data, Limits{}, "embedded object")
		})
	}
	// The macro project and ActiveX controls are embedded objects too.
	mustNotScanned(t, "a.docm", zipOf(t, map[string]string{"word/document.xml": docxBody, "word/vbaProject.bin": string(magicOLE) + "\x00"}), Limits{}, "embedded object")
}

// Nesting is capped in every XML member (memory grows with it), and the
// reason names no member.
func TestOfficeDeepNestingRefused(t *testing.T) {
	for _, member := range []string{"word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels"} {
		members := map[string]string{"word/document.xml": docxBody}
		members[member] = strings.Repeat("<a>", maxXMLDepth+1)
		mustNotScanned(t, "deep.docx", zipOf(t, members), Limits{}, "nested deeper than 256")
	}
	ok := strings.Repeat("<a>", maxXMLDepth-3) + "<w:t>" + planted + "</w:t>" + strings.Repeat("</a>", maxXMLDepth-3)
	if res := mustText(t, "ok.docx", zipOf(t, map[string]string{"word/document.xml": ok})); !strings.Contains(res.Text, planted) {
		t.Fatalf("nesting under the cap not read: %q", res.Text)
	}
}

// Text over the cap is refused whole, never truncated; the inflate budget
// counts embedded archives and relationships parts too.
func TestOfficeCaps(t *testing.T) {
	big := docx(t, strings.Repeat("x", 3000))
	mustNotScanned(t, "big.docx", big, Limits{MaxTextBytes: 1024}, "larger than 1024 bytes")
	nested := zipOf(t, map[string]string{"word/document.xml": docxBody, "word/embeddings/e.docx": string(big)})
	mustNotScanned(t, "nested.docx", nested, Limits{MaxTextBytes: 1024}, "larger than 1024 bytes")
	mustNotScanned(t, "nested.docx", nested, Limits{MaxUncompressedBytes: 3000}, "zip bomb")
	mustNotScanned(t, "nested.docx", nested, Limits{MaxArchiveEntries: 3}, "more than 3")
	rels := zipOf(t, map[string]string{"word/document.xml": docxBody, "_rels/.rels": "<R>" + strings.Repeat(" ", 5000) + "</R>"})
	mustNotScanned(t, "rels.docx", rels, Limits{MaxUncompressedBytes: 4096}, "zip bomb")
}

// A member whose name the uploader chose never reaches the reason; broken
// packages are not scanned.
func TestOfficeBrokenPackages(t *testing.T) {
	secret := "ghp_TESTONLY" + strings.Repeat("Z", 30)
	cases := map[string]struct {
		data []byte
		why  string
	}{
		"corrupt xml": {zipOf(t, map[string]string{"word/document.xml": docxBody, "word/" + secret + ".xml": "<a>&#0;<<<"}), "corrupt XML in archive member"},
		"missing main part": {zipOf(t, map[string]string{
			"_rels/.rels":       `<Relationships><Relationship Type="http://x/officeDocument" Target="word/` + secret + `.xml"/></Relationships>`,
			"word/document.xml": docxBody,
		}), "main part named by the package relationships is missing"},
		"encrypted member": {rawZip(t, []rawMember{{"word/document.xml", docxBody, 0}, {"word/" + secret + ".xml", "<a/>", 0x1}}), "encrypted"},
		"binary member":    {zipOf(t, map[string]string{"word/document.xml": docxBody, "word/" + secret + ".dat": "\x00\x01"}), "embedded object"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Text("a.docx", tc.data, Limits{})
			mustNotScanned(t, "a.docx", tc.data, Limits{}, tc.why)
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("reason names a member: %v", err)
			}
		})
	}
}

// Two members of one name are both read: which one an application opens is
// its choice, not the uploader's to exploit.
func TestOfficeDuplicateMembersBothRead(t *testing.T) {
	data := rawZip(t, []rawMember{
		{"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>decoy</w:t></w:r></w:p></w:body></w:document>`, 0},
		{"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>` + planted + `</w:t></w:r></w:p></w:body></w:document>`, 0},
	})
	if res := mustText(t, "dup.docx", data); !strings.Contains(res.Text, planted) || !strings.Contains(res.Text, "decoy") {
		t.Fatalf("got %q", res.Text)
	}
}

type rawMember struct {
	name, content string
	flags         uint16
}

// rawZip builds a zip member by member, in order (duplicates and flags
// allowed), for packages the map-based builder cannot express.
func rawZip(t *testing.T, members []rawMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, Flags: m.flags})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDevmode is printer settings as Windows writes them: a DEVMODEW of
// 220 bytes naming device, then extra bytes of driver data.
func testDevmode(device string, extra int) []byte {
	b := make([]byte, 220+extra)
	for i, c := range utf16.Encode([]rune(device)) {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	binary.LittleEndian.PutUint16(b[64:], 0x0401)
	binary.LittleEndian.PutUint16(b[68:], 220)
	binary.LittleEndian.PutUint16(b[70:], uint16(extra))
	for i, c := range utf16.Encode([]rune("Letter")) {
		binary.LittleEndian.PutUint16(b[102+2*i:], c)
	}
	return b
}

// testObfuscatedFont is a TrueType font whose first 32 bytes Word XORed
// with its key: its table directory from byte 32 on is in the clear.
func testObfuscatedFont() []byte {
	b := make([]byte, 200)
	for i := 0; i < 32; i++ {
		b[i] = byte(0xa5 ^ i)
	}
	for k, tag := range []string{"OS/2", "cmap", "glyf", "head"} {
		off := 12 + 16*k
		if off < 32 {
			continue
		}
		copy(b[off:], tag)
		binary.BigEndian.PutUint32(b[off+8:], uint32(100+10*k))
		binary.BigEndian.PutUint32(b[off+12:], 10)
	}
	copy(b[150:], "FONTBODY")
	return b
}
