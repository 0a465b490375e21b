package posture

import (
	"strings"
	"testing"
)

// A long line is read in pieces; an SSN at every place around a piece's
// end is still found once whole.
func TestFindPIIInPiecesAcrossPieceEnd(t *testing.T) {
	ssn := "SSN 123-45-6789"
	for _, off := range []int{-40, -10, -5, -1, 0, 1, 5, 40} {
		pad := strings.Repeat("\u0e01", (piiPieceBytes+off)/3) // three bytes each, no spaces
		line := pad + ssn + " " + strings.Repeat("w ", piiPieceBytes)
		var got []string
		findPIIInPieces(line, []string{DetectorUSSSN}, func(_, v string) { got = append(got, v) })
		if len(got) == 0 {
			t.Fatalf("offset %d: the SSN across the piece end is not found", off)
		}
	}
}
