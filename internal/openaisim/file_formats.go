package openaisim

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
)

// renderFileContent builds a file's bytes from its fixture Content: one line
// per paragraph (DOCX), shared string (XLSX), slide (PPTX) or text line (PDF).
// pdf_encrypted is a PDF whose trailer names an encryption dictionary no
// empty password opens; binary is bytes no extractor reads.
func renderFileContent(f File) []byte {
	lines := strings.Split(f.Content, "\n")
	switch f.Format {
	case "docx":
		var body strings.Builder
		for _, l := range lines {
			fmt.Fprintf(&body, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, html.EscapeString(l))
		}
		return zipMembers(map[string]string{
			"[Content_Types].xml": `<Types/>`,
			"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
		})
	case "xlsx":
		var ss strings.Builder
		for _, l := range lines {
			fmt.Fprintf(&ss, `<si><t>%s</t></si>`, html.EscapeString(l))
		}
		return zipMembers(map[string]string{
			"xl/workbook.xml":          `<workbook/>`,
			"xl/sharedStrings.xml":     `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + ss.String() + `</sst>`,
			"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`,
		})
	case "pptx":
		m := map[string]string{"ppt/presentation.xml": `<p:presentation/>`}
		for i, l := range lines {
			m[fmt.Sprintf("ppt/slides/slide%d.xml", i+1)] = `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>` + html.EscapeString(l) + `</a:t></a:r></a:p></p:sld>`
		}
		return zipMembers(m)
	case "pdf":
		return pdfDocument(lines, "")
	case "pdf_encrypted":
		return pdfDocument(lines, "/Encrypt << /Filter /Standard /V 4 /R 4 /O (owner) /U (user) /P -4 >> ")
	case "binary":
		return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), f.Content...)
	}
	return []byte(f.Content)
}

// FileBytes renders content in format (docx, xlsx, pptx, pdf, pdf_encrypted,
// binary, or anything else as plain text) exactly as the simulator serves a
// file's download, so the extractor's tests and the simulator share one set
// of document builders.
func FileBytes(format, content string) []byte {
	return renderFileContent(File{Format: format, Content: content})
}

// ZipArchive builds a zip of members (name -> content), for tests of
// archives that are not Office documents.
func ZipArchive(members map[string]string) []byte { return zipMembers(members) }

// PDFDocument is a one-page PDF 1.4 showing lines; extraTrailer goes into the
// trailer (an /Encrypt entry, say).
func PDFDocument(lines []string, extraTrailer string) []byte { return pdfDocument(lines, extraTrailer) }

func zipMembers(members map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range members {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(content))
	}
	_ = zw.Close()
	return buf.Bytes()
}

// pdfDocument is a one-page PDF 1.4 in Helvetica with a correct xref table.
func pdfDocument(lines []string, extraTrailer string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	content := "BT /F1 12 Tf 72 712 Td 14 TL\n"
	for _, l := range lines {
		content += "(" + esc.Replace(l) + ") Tj T*\n"
	}
	content += "ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	return pdfFromObjects(extraTrailer, objs)
}

// PDFFromObjects is a PDF 1.4 file of the given objects, numbered from 1
// (object 1 the catalog), with a correct xref table: the one way tests
// build hand-made PDFs.
func PDFFromObjects(objs ...string) []byte { return pdfFromObjects("", objs) }

func pdfFromObjects(extraTrailer string, objs []string) []byte {
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
