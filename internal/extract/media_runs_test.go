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
	for round := range 900 {
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
		// Planted runs: ASCII and other characters, in UTF-8 (whole or
		// with a byte cut out) and UTF-16 both orders and alignments, of
		// lengths around minHeldRun, at the start and the end too.
		for range rng.IntN(6) {
			n := minHeldRun - 2 + rng.IntN(6)
			chars := []rune("x4 x4 \u00e9\u00a0\u2013\u202f\u20ac\u65e5\U0001F600\u0085\u200b\u00ad\u2028")
			var rs []rune
			for range n {
				rs = append(rs, chars[rng.IntN(len(chars))])
			}
			s := string(rs)
			var p []byte
			switch rng.IntN(4) {
			case 0:
				p = []byte(s)
			case 1:
				p = []byte(s)
				if cut := rng.IntN(len(p)); len(p) > 1 {
					p = append(p[:cut], p[cut+1:]...)
				}
			case 2:
				p = []byte(utf16Field(s, false, false))
			default:
				p = []byte(utf16Field(s, true, false))
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

// Numbers grouped by no-break spaces, narrow no-break spaces or en dashes
// (as Word and Excel write them) are one run, in UTF-8 and in UTF-16
// either byte order, between binary bytes: the separators do not cut the
// number into groups shorter than minHeldRun.
func TestHeldRunsKeepUnicodeSeparators(t *testing.T) {
	for _, text := range []string{
		"4111\u00a01111\u00a01111\u00a01111",
		"123\u201345\u20136789",
		"DE89\u202f3704\u202f0044\u202f0532\u202f0130\u202f00",
		"Kundennr. Müller\u00a0– 1234",
	} {
		for enc, b := range map[string]string{
			"utf-8":    text,
			"utf-16le": utf16Field(text, false, false),
			"utf-16be": utf16Field(text, true, false),
		} {
			data := []byte("\x00\x01\xff\xc3" + b + "\x00\x00\x80\xe2\x80")
			var w strings.Builder
			writeHeldRuns(&w, data)
			if !strings.Contains(w.String(), "\n"+text+"\n") && !strings.HasSuffix(w.String(), "\n"+text) {
				t.Errorf("%s %q: runs %q", enc, text, w.String())
			}
			var got strings.Builder
			f := runStream{out: &got, limit: 1 << 20}
			f.write(data)
			f.end()
			if got.String() != w.String() {
				t.Errorf("%s %q: stream runs %q, want %q", enc, text, got.String(), w.String())
			}
		}
	}
}

// BenchmarkHeldRunsRandom measures the run search over random bytes (a
// picture's compressed data).
func BenchmarkHeldRunsRandom(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	data := make([]byte, 16<<20)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		heldRunsOf(data, func(run []byte) { n += len(run) })
	}
}
