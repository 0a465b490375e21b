package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// planted is the text each format must deliver; it need not look like a
// secret (detection is tested in internal/posture).
const planted = "PLANTED-MARKER-extract-7q"

func TestTextEveryFormat(t *testing.T) {
	lines := []string{"quarterly notes", "aws_key = " + planted, "end"}
	cases := []struct {
		name   string
		data   []byte
		format string
	}{
		{"notes.txt", []byte(strings.Join(lines, "\n")), "txt"},
		{"data.csv", []byte("a,b\n1," + planted + "\n"), "csv"},
		{"data.tsv", []byte("a\tb\n1\t" + planted + "\n"), "tsv"},
		{"cfg.json", []byte(`{"key": "` + planted + `"}`), "json"},
		{"README.md", []byte("# Title\n\n`" + planted + "`\n"), "md"},
		{"main.go", []byte("package main\nconst k = \"" + planted + "\"\n"), "text/go"},
		{"bom.txt", append([]byte{0xEF, 0xBB, 0xBF}, planted...), "txt"},
		{"utf16.txt", utf16le("key " + planted), "txt"},
		{"report.docx", docx(t, lines...), "docx"},
		{"sheet.xlsx", xlsx(t, lines...), "xlsx"},
		{"deck.pptx", pptx(t, lines...), "pptx"},
		{"doc.pdf", pdfOf(lines, ""), "pdf"},
		// The content decides, not the name.
		{"misnamed.txt", docx(t, lines...), "docx"},
	}
	for _, tc := range cases {
		res, err := Text(tc.name, tc.data, Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if res.Format != tc.format || !strings.Contains(res.Text, planted) {
			t.Errorf("%s: format %q, text %q", tc.name, res.Format, res.Text)
		}
	}
}

// Paragraphs stay lines, so a finding's line number points into the document.
func TestOfficeKeepsLines(t *testing.T) {
	for name, data := range map[string][]byte{"docx": docx(t, "one", "two", planted), "xlsx": xlsx(t, "one", "two", planted), "pptx": pptx(t, "one", "two", planted)} {
		res, err := Text(name, data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(res.Text, "\n")
		if len(got) < 3 || got[2] != planted {
			t.Errorf("%s: lines %q", name, got)
		}
	}
}

func TestNotScanned(t *testing.T) {
	bomb := zipOf(t, map[string]string{"word/document.xml": "<w:document><w:p><w:t>" + strings.Repeat("A", 4096) + "</w:t></w:p></w:document>"})
	cases := []struct {
		name, why string
		data      []byte
		lim       Limits
	}{
		{"enc.pdf", "encrypted", pdfOf([]string{"x"}, "/Encrypt << /Filter /Standard /V 4 /R 4 /O (x) /U (y) /P -4 >> "), Limits{}},
		{"broken.pdf", "corrupt", []byte("%PDF-1.4\n garbage"), Limits{}},
		{"image.png", "binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Limits{}},
		{"old.doc", "legacy", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0, 0), Limits{}},
		{"plain.zip", "not a DOCX", zipOf(t, map[string]string{"a.txt": planted}), Limits{}},
		{"corrupt.docx", "corrupt zip", []byte("PK\x03\x04garbage"), Limits{}},
		{"bomb.docx", "zip bomb", bomb, Limits{MaxUncompressedBytes: 1024}},
		{"big.txt", "larger than", bytes.Repeat([]byte("a"), 2048), Limits{MaxTextBytes: 1024}},
	}
	for _, tc := range cases {
		res, err := Text(tc.name, tc.data, tc.lim)
		var ns *NotScannedError
		if !errors.As(err, &ns) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s: got %v (%q), want not scanned: %s", tc.name, err, res.Text, tc.why)
			continue
		}
		if strings.Contains(err.Error(), planted) {
			t.Errorf("%s: reason names content", tc.name)
		}
	}
}

func utf16le(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

func TestTextTimeout(t *testing.T) {
	lines := make([]string, 3000)
	for i := range lines {
		lines[i] = "paragraph of text"
	}
	_, err := Text("big.docx", docx(t, lines...), Limits{Timeout: time.Nanosecond})
	var ns *NotScannedError
	if !errors.As(err, &ns) || !strings.Contains(err.Error(), "took longer than") {
		t.Fatalf("got %v", err)
	}
}
