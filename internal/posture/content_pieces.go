package posture

import "unicode/utf8"

// The PII detectors read a line in the form their patterns read
// (newPIIText), which costs tens of bytes of heap per byte of the line
// while it is read. A decoded quoted-printable body is often one long
// logical line (every raw line ending in "=" is a soft break), read again
// in its charset at up to three times its length: read whole, a 32 MiB
// text would hold gigabytes. Long lines are therefore read in bounded,
// overlapping pieces: every value of up to piiPieceOverlap bytes lies
// whole in some piece, so nothing a whole-line read finds is missed (a
// piece starting inside a number may also find a part of it: more, never
// less; hits are deduplicated by value).

// piiPieceBytes is the longest piece of a line the PII detectors read at
// once.
const piiPieceBytes = 64 << 10

// piiPieceOverlap is how much consecutive pieces share: far longer than
// any value the detectors match (an IBAN with separators, a card number
// with a prefix).
const piiPieceOverlap = 4 << 10

// findPIIInPieces is findPII over a line of any length, in pieces of at
// most piiPieceBytes that overlap by piiPieceOverlap.
func findPIIInPieces(line string, detectors []string, found func(detector, value string)) {
	if len(line) <= piiPieceBytes {
		findPII(line, detectors, found)
		return
	}
	for start := 0; ; {
		end := runeStartAtOrBefore(line, min(start+piiPieceBytes, len(line)))
		if end <= start {
			end = min(start+piiPieceBytes, len(line))
		}
		findPII(line[start:end], detectors, found)
		if end == len(line) {
			return
		}
		next := max(runeStartAtOrBefore(line, end-piiPieceOverlap), start+1) // always forward
		// Start after a space near the overlap's start, if there is one,
		// so the piece starts between values rather than inside one.
		for i := next; i < next+piiPieceOverlap/2; i++ {
			if line[i] == ' ' || line[i] == '\t' {
				next = i + 1
				break
			}
		}
		start = next
	}
}

// runeStartAtOrBefore moves i back to the start of the UTF-8 character
// holding s[i] (i == len(s) is kept). It moves at most the length of one
// character: in bytes that are not UTF-8 it keeps i.
func runeStartAtOrBefore(s string, i int) int {
	for j := i; j > 0 && j < len(s) && i-j < utf8.UTFMax; j-- {
		if utf8.RuneStart(s[j]) {
			return j
		}
	}
	return i
}
