package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Red-team round 3 (issue 11): media decided by content. A member whose
// declared type allows media (image/*, octet-stream, or none) is skipped
// when its first bytes match a magic number; some of those numbers are two
// or four bytes, so any text behind them is skipped whole.
func TestRedTeam3OfficeShortMagicHidesText(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`
	ct := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/></Types>`
	lines := strings.Repeat("notes line of plain text, nothing to see here\n", 40)
	var missed []string
	for name, magic := range map[string]string{
		"MPEG audio frame (2 bytes)": "\xff\xfb",
		"TrueType (4 bytes)":         "\x00\x01\x00\x00",
		"ICO (4 bytes)":              "\x00\x00\x01\x00",
		"control: no magic":          "",
	} {
		members := map[string]string{
			"[Content_Types].xml":   ct,
			"_rels/.rels":           fmt.Sprintf(rt2Rels, "word/document.xml"),
			"word/document.xml":     doc,
			"word/media/image1.png": magic + "\n" + lines + "AWS key: " + rtMarker + "\n" + lines,
		}
		if ok, _ := rt2ScannedOrRefused(t, name, zipOf(t, members)); !ok {
			missed = append(missed, name)
		}
	}
	if slices.Contains(missed, "control: no magic") {
		t.Fatalf("control failed: the member is not read even without a magic: %v", missed)
	}
	if len(missed) > 0 {
		rt3Fail(t, "an Office member of plain text behind a 2-4 byte media magic is skipped unread: %v", missed)
	}
}
