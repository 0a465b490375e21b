package snapshot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// rt2OctalString spells s as a PDF literal of octal escapes.
func rt2OctalString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\%03o`, s[i])
	}
	return b.String()
}

// rt2PDFObjs is a PDF of objects (object 1 the catalog) with a correct xref.
func rt2PDFObjs(objs ...string) []byte {
	return openaisim.PDFFromObjects(objs...)
}

func rt2Stream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

// End to end (simulator, 307 download, loader, extraction, check): files
// whose key a reader sees, planted the ways the extraction attacks of round
// 2 found. The safe outcome is a finding for the file (the secret rule, or
// "not scanned"); none is the attack winning.
func TestRedTeam2EndToEndPlantedFilesPassClean(t *testing.T) {
	catalog := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}
	octalPDF := rt2PDFObjs(append(catalog,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		rt2Stream("BT /F1 12 Tf 72 712 Td (Production credentials) Tj 0 -14 Td (aws_access_key_id = "+rt2OctalString(rtAWSKey)+") Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")...)
	var hex strings.Builder
	for _, r := range "aws_access_key_id = " + rtAWSKey {
		fmt.Fprintf(&hex, "%04X", r)
	}
	utf16PDF := rt2PDFObjs(append(catalog,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		rt2Stream("BT /F1 12 Tf 72 712 Td (Production credentials) Tj /F2 12 Tf 72 690 Td <"+hex.String()+"> Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UTF16-H /DescendantFonts [7 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> >>")...)
	sheetName := openaisim.ZipArchive(map[string]string{
		"[Content_Types].xml":      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="` + rtAWSKey + `" sheetId="1"/></sheets></workbook>`,
		"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>aws_access_key_id</t></is></c></row></sheetData></worksheet>`,
	})
	altChunk := openaisim.ZipArchive(map[string]string{
		"[Content_Types].xml":          `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/media/chunk.html" ContentType="text/html"/></Types>`,
		"word/document.xml":            `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p><w:altChunk r:id="rId9"/></w:body></w:document>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="media/chunk.html"/></Relationships>`,
		"word/media/chunk.html":        "<html><body><p>aws_access_key_id = " + rtAWSKey + "</p></body></html>",
	})
	cases := []struct {
		name string
		raw  []byte
	}{
		{"control: octal-escaped key in a PDF", octalPDF},
		{"PDF with a blank line before %PDF-", append([]byte("\n"), octalPDF...)},
		{"PDF text in a UniJIS-UTF16-H font", utf16PDF},
		{"xlsx sheet tab named after the key", sheetName},
		{"docx altChunk stored under media/", altChunk},
	}
	var passed []string
	for i, c := range cases {
		got := rtGPTFileFindings(t, openaisim.File{ID: fmt.Sprintf("file-RT2e2e%d", i), Name: "planted.bin", Format: "text", Content: "x"}, c.raw)
		t.Logf("%s: %q", c.name, got)
		if len(got) == 0 {
			if strings.HasPrefix(c.name, "control") {
				t.Fatalf("%s: no finding", c.name)
			}
			passed = append(passed, c.name)
		}
	}
	if len(passed) > 0 {
		t.Fatalf("planted AWS keys pass the whole chain clean: %s", strings.Join(passed, "; "))
	}
}
