package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red-team round 3 (issue 11): the ToUnicode charmap reader. A charmap's
// ranges are looked up one by one for every code not in its bfchar map, so
// a charmap of many small bfrange blocks (each declaring "1" entry, under
// the declared-entry cap) times a long string of unmapped codes costs
// ranges x codes. The decode checks the deadline between chunks: the
// extraction must stop near its timeout and leave no CPU burning.
func TestRedTeam3PDFCMapManyRangesBounded(t *testing.T) {
	var cm strings.Builder
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for b := 0; b < 1600; b++ {
		cm.WriteString("1 beginbfrange\n")
		for i := 0; i < 100; i++ {
			fmt.Fprintf(&cm, "<F%03X> <F%03X> <0041>\n", (b*100+i)%0xFFF, (b*100+i)%0xFFF)
		}
		cm.WriteString("endbfrange\n")
	}
	cm.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	codes := "<" + strings.Repeat("0001", 200000) + ">"
	page := "BT /F2 12 Tf 72 600 Td " + codes + " Tj ET"
	data := rt2OnePage(page, "", "/Font << /F1 5 0 R /F2 6 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-V /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>",
		rtStream("", cm.String()),
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
	start := time.Now()
	_, err := Text("ranges.pdf", data, Limits{Timeout: 2 * time.Second})
	took := time.Since(start)
	var ns *NotScannedError
	if err != nil && !errors.As(err, &ns) {
		t.Fatalf("error is not a NotScannedError: %v", err)
	}
	before := rtCPU(t)
	time.Sleep(2 * time.Second)
	used := rtCPU(t) - before
	t.Logf("Text returned after %v (%v); then %v of CPU in 2 s", took, err, used)
	if used > time.Second {
		rt3Fail(t, "a charmap of many ranges keeps the abandoned parse burning CPU: %v in the 2 s after Text returned", used)
	}
}
