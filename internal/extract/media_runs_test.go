package extract

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// The runs of a stream are writeHeldRuns's runs of its bytes, in its
// order, however the stream is cut into pieces.
func TestRunStreamMatchesWriteHeldRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		b := bytes.Repeat([]byte{0}, rng.IntN(3000))
		for i := range b {
			switch rng.IntN(6) {
			case 0:
				b[i] = 0
			case 1, 2:
				b[i] = byte(0x20 + rng.IntN(0x5f))
			default:
				b[i] = byte(rng.IntN(256))
			}
		}
		// Planted runs: ASCII, UTF-16 both orders and alignments, of
		// lengths around minHeldRun, at the start and the end too.
		for range rng.IntN(6) {
			n := minHeldRun - 2 + rng.IntN(6)
			s := strings.Repeat("x", n)
			var p []byte
			switch rng.IntN(3) {
			case 0:
				p = []byte(s)
			case 1:
				p = utf16Of(s, false)
			default:
				p = utf16Of(s, true)
			}
			if at := rng.IntN(len(b) + 1); at+len(p) <= len(b) {
				copy(b[at:], p)
			} else {
				b = append(b, p...)
			}
		}
		// Cut into pieces: each copied so none is adjacent to the next
		// in memory, or subslices of b (adjacent), or subslices of b with
		// gaps between them (b is then the member the stream's scratch
		// is sized from).
		var got strings.Builder
		f := runStream{out: &got, limit: 1 << 30}
		var stream []byte
		for rest := b; len(rest) > 0; {
			n := min(1+rng.IntN(40), len(rest))
			piece := rest[:n]
			rest = rest[n:]
			switch round % 3 {
			case 0:
				piece = append([]byte(nil), piece...)
			case 2:
				f.member = b
				gap := min(rng.IntN(4), len(rest))
				rest = rest[gap:]
			}
			stream = append(stream, piece...)
			f.write(piece)
		}
		f.end()
		f.free()
		var want strings.Builder
		writeHeldRuns(&want, stream)
		if got.String() != want.String() {
			t.Fatalf("round %d: runs differ:\ngot  %q\nwant %q", round, got.String(), want.String())
		}
	}
}
