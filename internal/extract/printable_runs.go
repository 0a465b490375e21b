package extract

import (
	"strings"
	"unicode/utf16"
)

// minHeldRun is the shortest run of printable characters held from binary
// data (pictures, media, driver data): shorter runs are everywhere in
// random bytes, while a secret or an identifying number is longer.
const minHeldRun = 8

// printableRuns returns the runs of at least minRun printable ASCII
// characters (space to '~', and tab) of b, in order; the runs share b's
// memory. One pass.
func printableRuns(b []byte, minRun int) [][]byte {
	var runs [][]byte
	start := -1
	for i := 0; i <= len(b); i++ {
		printable := i < len(b) && (b[i] >= 0x20 && b[i] < 0x7f || b[i] == '\t')
		switch {
		case printable && start < 0:
			start = i
		case !printable && start >= 0:
			if i-start >= minRun {
				runs = append(runs, b[start:i])
			}
			start = -1
		}
	}
	return runs
}

// writeHeldRuns writes the printable runs of binary data b (ASCII and
// UTF-16), each on a line of its own, to w: what a picture or media member
// skipped unread still holds as text.
func writeHeldRuns(w *strings.Builder, b []byte) {
	for _, run := range printableRuns(b, minHeldRun) {
		w.WriteByte('\n')
		w.Write(run)
	}
	for _, run := range utf16Runs(b, minHeldRun) {
		w.WriteByte('\n')
		w.WriteString(run)
	}
}

// utf16Runs returns the runs of at least minRun printable ASCII characters
// written as UTF-16, little or big endian, at either byte alignment. One
// pass per alignment.
func utf16Runs(b []byte, minRun int) []string {
	var runs []string
	for align := range 2 {
		var run []uint16
		flush := func() {
			if len(run) >= minRun {
				runs = append(runs, string(utf16.Decode(run)))
			}
			run = run[:0]
		}
		for i := align; i+1 < len(b); i += 2 {
			lo, hi := b[i], b[i+1]
			var c byte
			switch {
			case hi == 0 && lo >= 0x20 && lo < 0x7f:
				c = lo
			case lo == 0 && hi >= 0x20 && hi < 0x7f:
				c = hi
			default:
				flush()
				continue
			}
			run = append(run, uint16(c))
		}
		flush()
	}
	return runs
}
