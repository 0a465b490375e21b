package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

func mediaDocx(t *testing.T, member, ct, payload string) []byte {
	t.Helper()
	types := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>`
	if ct != "" {
		types += `<Override PartName="/` + member + `" ContentType="` + ct + `"/>`
	}
	return zipOf(t, map[string]string{
		"[Content_Types].xml": types + `</Types>`,
		"_rels/.rels":         fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":   `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`,
		member:                payload,
	})
}

// Media is recognised by its bytes, allowed by its declared content type;
// text is never media, whatever its name or first letters.
func TestOfficeMediaByContent(t *testing.T) {
	png := string(testPNG())
	utf16le := "\xff\xfe"
	for _, r := range utf16.Encode([]rune(rtMarker)) {
		utf16le += string([]byte{byte(r), byte(r >> 8)})
	}
	for _, c := range []struct {
		name, member, ct, payload string
		read                      bool
	}{
		{"png bytes, image type: skipped", "word/media/image1.png", "image/png", png, false},
		{"png bytes, no declared type: skipped", "word/media/image1.bin", "", png, false},
		{"png bytes declared text/html: read", "word/media/image1.png", "text/html", png + rtMarker, true},
		{"text starting like a font tag", "word/fonts/font1.ttf", "", "true " + rtMarker, true},
		{"text starting like GIF", "word/media/a.gif", "image/gif", "GIF89a " + rtMarker, true},
		{"UTF-16 text (BOM looks like an MPEG frame)", "word/media/a.mp3", "audio/mpeg", utf16le, true},
		{"HTML named as an image", "word/media/a.jpg", "image/jpeg", "<p>" + rtMarker + "</p>", true},
	} {
		res, err := Text("a.docx", mediaDocx(t, c.member, c.ct, c.payload), Limits{})
		if c.read {
			if err == nil && !strings.Contains(res.Text, rtMarker) {
				t.Errorf("%s: passes clean: %q", c.name, res.Text)
			}
			continue
		}
		if err != nil || strings.Contains(res.Text, rtMarker) || !strings.Contains(res.Text, "Cover") {
			t.Errorf("%s: media read or refused: %q, %v", c.name, res.Text, err)
		}
	}
}

// Skipped media counts a quarter of its size against the inflate budget
// (media_strong.go): a deck of large pictures is not a zip bomb.
func TestOfficeMediaInflatesOnlyItsHeader(t *testing.T) {
	big := string(testPNG([2]string{"zzPd", strings.Repeat("\x00\x01", 1<<19)}))
	doc := zipOf(t, map[string]string{
		"[Content_Types].xml":   `<Types/>`,
		"_rels/.rels":           fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":     `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`,
		"word/media/image1.png": big, "word/media/image2.png": big, "word/media/image3.png": big,
	})
	res, err := Text("a.docx", doc, Limits{MaxUncompressedBytes: 2 << 20})
	if err != nil || !strings.Contains(res.Text, "Cover") {
		t.Fatalf("deck with large pictures: %q, %v", res.Text, err)
	}
}

// A custom number format shows its literals apart from the cell's digits.
func TestNumberFormatLiterals(t *testing.T) {
	for code, want := range map[string]string{
		`"AKIA"0`:                "AKIA",
		`\A\K\I\A"TEST"#,##0.00`: "AKIATEST",
		`[Red]"key: "\A\K_)0;@`:  "key: AK",
		`yyyy-mm-dd`:             "- -",
		`$#,##0;[<0]("neg")`:     "$ (neg)",
		`"unterminated`:          "unterminated",
		`*-0\`:                   "",
	} {
		if got := numberFormatLiterals(code); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
}
