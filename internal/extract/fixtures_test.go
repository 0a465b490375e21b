package extract

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
)

// zipOf builds a zip with the given members (name -> content).
func zipOf(t testing.TB, members map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range members {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// DOCX, XLSX and PPTX holding lines (one paragraph, shared string or slide
// paragraph per line).
func docx(t testing.TB, lines ...string) []byte {
	body := ""
	for _, l := range lines {
		body += `<w:p><w:r><w:t>` + l + `</w:t></w:r></w:p>`
	}
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
	})
}

func xlsx(t testing.TB, lines ...string) []byte {
	ss := ""
	for _, l := range lines {
		ss += `<si><t>` + l + `</t></si>`
	}
	return zipOf(t, map[string]string{
		"xl/workbook.xml":          `<workbook/>`,
		"xl/sharedStrings.xml":     `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + ss + `</sst>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
	})
}

func pptx(t testing.TB, lines ...string) []byte {
	m := map[string]string{"ppt/presentation.xml": `<p:presentation/>`}
	for i, l := range lines {
		m[fmt.Sprintf("ppt/slides/slide%d.xml", i+1)] = `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>` + l + `</a:t></a:r></a:p></p:sld>`
	}
	return zipOf(t, m)
}

// pdfOf builds a one-page PDF 1.4 showing lines in Helvetica, with a correct
// xref table. extra goes into the trailer (e.g. an /Encrypt entry).
func pdfOf(lines []string, extraTrailer string) []byte {
	content := "BT /F1 12 Tf 72 712 Td 14 TL\n"
	for _, l := range lines {
		content += "(" + l + ") Tj T*\n"
	}
	content += "ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extraTrailer, xref)
	return b.Bytes()
}
