package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
	"time"
)

// A small PDF whose content stream inflates to hundreds of megabytes of text
// is refused before the reader builds that text in memory (red-team find:
// 7.85 GB peak for a 3 MB file).
func TestPDFInflationBomb(t *testing.T) {
	data := bombPDF(300000) // ~300 MB of text from a few hundred KB
	start := time.Now()
	_, err := Text("x.pdf", data, Limits{})
	if err == nil || !strings.Contains(err.Error(), "inflate beyond") {
		t.Fatalf("want a not-scanned error naming the inflation, got %v", err)
	}
	if time.Since(start) > 30*time.Second {
		t.Logf("slow machine: %s", time.Since(start))
	}
	if _, err := Text("small.pdf", bombPDF(3), Limits{}); err != nil && strings.Contains(err.Error(), "inflate beyond") {
		t.Fatalf("a small PDF must not hit the inflation budget: %v", err)
	}
}

func bombPDF(lines int) []byte {
	var content bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&content, zlib.BestCompression)
	_, _ = zw.Write([]byte("BT /F1 12 Tf\n"))
	line := []byte("(" + string(bytes.Repeat([]byte("A"), 1000)) + ") Tj\n")
	for i := 0; i < lines; i++ {
		_, _ = zw.Write(line)
	}
	_, _ = zw.Write([]byte("ET\n"))
	_ = zw.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	obj("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	obj("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n")
	obj(fmt.Sprintf("4 0 obj << /Length %d /Filter /FlateDecode >> stream\n", content.Len()))
	b.Write(content.Bytes())
	b.WriteString("\nendstream endobj\n")
	obj("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}
