package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Round-2 attacks that held: kept as regression tests.

// Relationship parts that relate to each other in a cycle (and a part
// relating to itself) neither loop nor hide the main text.
func TestRedTeam2OfficeRelationshipCycleHeld(t *testing.T) {
	rel := func(target string) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument" Target="` + target + `"/></Relationships>`
	}
	data := zipOf(t, map[string]string{
		"[Content_Types].xml":          rt2CT,
		"_rels/.rels":                  fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":            `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>` + rtMarker + `</w:t></w:r></w:p></w:body></w:document>`,
		"word/_rels/document.xml.rels": rel("other.xml"),
		"word/other.xml":               `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>other</w:t></w:r></w:p></w:body></w:document>`,
		"word/_rels/other.xml.rels":    rel("document.xml"),
		"word/_rels/self.xml.rels":     rel("self.xml"),
		"word/self.xml":                `<x/>`,
	})
	start := time.Now()
	ok, text := rt2ScannedOrRefused(t, "cycle.docx", data) // Text itself times out at a minute
	if d := time.Since(start); d > 10*time.Second*timeScale {
		t.Fatalf("relationship cycle took %v", d)
	}
	if !ok {
		t.Fatalf("main text missing: %q", text)
	}
}

// An internal DTD entity bomb ("billion laughs"): encoding/xml does not
// expand entities it was not given, so the text stays small and the key
// beside it is read or the part is refused.
func TestRedTeam2OfficeEntityBombHeld(t *testing.T) {
	dtd := `<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">`
	for i := 1; i < 10; i++ {
		dtd += fmt.Sprintf(`<!ENTITY %c "%s">`, 'a'+i, strings.Repeat(fmt.Sprintf("&%c;", 'a'+i-1), 10))
	}
	dtd += `]>`
	data := zipOf(t, map[string]string{
		"[Content_Types].xml": rt2CT,
		"_rels/.rels":         fmt.Sprintf(rt2Rels, "word/document.xml"),
		"word/document.xml":   `<?xml version="1.0"?>` + dtd + `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p><w:p><w:r><w:t>` + rtMarker + `</w:t></w:r></w:p></w:body></w:document>`,
	})
	peak := rtPeakHeap(func() {
		if ok, text := rt2ScannedOrRefused(t, "laughs.docx", data); !ok {
			t.Errorf("marker missing: %.200q", text)
		}
	})
	if peak > 64<<20 {
		t.Fatalf("entity bomb grew the heap by %d MiB", peak>>20)
	}
}

// A million "q" without "Q": the graphics-state stack is capped and the
// text after it is read.
func TestRedTeam2PDFDeepSaveStateHeld(t *testing.T) {
	content := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\n" + strings.Repeat("q ", 1<<20) + "BT /F1 12 Tf 72 600 Td (" + rtMarker + ") Tj ET\n"
	data := rt2OnePage(rt2Flate(content), "FlateDecode", "")
	var ok bool
	peak := rtPeakHeap(func() {
		res, err := Text("q.pdf", data, Limits{})
		ok = err != nil || strings.Contains(res.Text, rtMarker)
	})
	if !ok {
		t.Fatalf("text after deep q nesting lost")
	}
	if peak > 128<<20 {
		t.Fatalf("deep q nesting grew the heap by %d MiB", peak>>20)
	}
}
