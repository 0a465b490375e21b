package extract

import (
	"bytes"
	"strings"
	"testing"
)

// Tiling pattern cells and Type3 glyph procedures are content streams: the
// text they draw is read (not merely refused), once, and a glyph drawing
// its own font or a pattern filling with itself ends.
func TestPDFPatternAndType3TextRead(t *testing.T) {
	page := "BT /F1 12 Tf 72 712 Td (Cover page) Tj ET\n/Pattern cs /P1 scn 0 0 612 600 re f /P1 scn 0 0 1 1 re f"
	cell := "BT /F1 10 Tf 5 20 Td (" + rtMarker + ") Tj ET /Pattern cs /P1 scn 0 0 1 1 re f"
	data := rt2OnePage(page, "", "/Pattern << /P1 6 0 R >>",
		rtStream("/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 600 40] /XStep 600 /YStep 40 /Resources << /Font << /F1 5 0 R >> /Pattern << /P1 6 0 R >> >>", cell))
	res, err := Text("pattern.pdf", data, Limits{})
	if err != nil || strings.Count(res.Text, rtMarker) != 1 {
		t.Errorf("pattern: want the cell's text once, got %q %v", res.Text, err)
	}

	page = "BT /F1 12 Tf 72 712 Td (Cover page) Tj /T3 12 Tf 72 600 Td (aaa) Tj ET"
	glyph := "500 0 d0 BT /F1 1 Tf (" + rtMarker + ") Tj /T3 1 Tf (a) Tj ET"
	data = rt2OnePage(page, "", "/Font << /F1 5 0 R /T3 6 0 R >>",
		"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [500] /Resources << /Font << /F1 5 0 R /T3 6 0 R >> >> >>",
		rtStream("", glyph))
	data = bytes.Replace(data, []byte("/Font << /F1 5 0 R >> /Font << /F1 5 0 R /T3 6 0 R >>"), []byte("/Font << /F1 5 0 R /T3 6 0 R >>                      "), 1)
	res, err = Text("type3.pdf", data, Limits{})
	if err != nil || strings.Count(res.Text, rtMarker) != 1 {
		t.Errorf("Type3: want the glyph's text once, got %q %v", res.Text, err)
	}
}
