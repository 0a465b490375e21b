package extract

import (
	"encoding/binary"
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
		t.Fatalf("an Office member of plain text behind a 2-4 byte media magic is skipped unread: %v", missed)
	}
}

// Printer settings are recognised by a DEVMODE header (device name, then
// its own size and its driver data's size adding up to the member's), and
// only the device and form names are kept: the driver data (up to 64 KiB)
// is skipped whatever it holds, so any text can follow a 72-byte header.
func TestRedTeam3OfficePrinterSettingsDriverDataHidesText(t *testing.T) {
	payload := strings.Repeat("plain text notes\n", 20) + "AWS key: " + rtMarker + "\n"
	head := make([]byte, 72)
	for i, c := range "Printer" {
		head[2*i] = byte(c)
	}
	binary.LittleEndian.PutUint16(head[68:], 72)
	binary.LittleEndian.PutUint16(head[70:], uint16(len(payload)))
	member := string(head) + payload
	members := map[string]string{
		"[Content_Types].xml":                       `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"/></Types>`,
		"_rels/.rels":                               fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":                         `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Cover</w:t></w:r></w:p></w:body></w:document>`,
		"word/printerSettings/printerSettings1.bin": member,
	}
	if ok, text := rt2ScannedOrRefused(t, "settings.docx", zipOf(t, members)); !ok {
		t.Fatalf("text in a printer-settings member after a DEVMODE header is skipped unread: text=%q", text)
	}
}
