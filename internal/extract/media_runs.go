package extract

import (
	"strings"
	"unicode/utf8"
)

// Every byte of every picture is searched for printable runs, so the
// search skips: a run of minHeldRun or more ASCII characters is at least
// minHeldRun bytes long, so it holds one of the positions probed every
// minHeldRun bytes, and only where a probed byte is a byte of a printable
// character (or of a UTF-16 one) is the run around it looked for. Compressed data, a picture's bulk, is mostly passed over
// minHeldRun bytes at a time.

// Byte pairs are classed by tables so that the search over random bytes
// rarely branches on more than one lookup: pairEnd classes the pair of
// bytes that ends at a byte (what b[i] is, given b[i-1]), pairStart the
// pair that starts at one (what starts at b[i], given b[i+1]).
const (
	pairNone  = iota // no printable character holds (ends, starts at) the byte
	pairASCII        // a printable ASCII character
	pairTwo          // a printable two-byte character (ends, starts at) the byte
	pairLong         // maybe a longer character: decode
	pairLead         // (pairEnd only) no character ends at the byte, but it is a lead byte
)

// pairClass holds both classes of each pair (x, y) in one table, so the
// search touches 64 KiB: what y is after x (pairEnd) in the low bits,
// what starts at x before y (pairStart) in the high ones.
var pairClass = func() *[1 << 16]uint8 {
	t := new([1 << 16]uint8)
	for x := range 256 {
		for y := range 256 {
			var end, start uint8
			two := x >= 0xc2 && x < 0xe0 && y&0xc0 == 0x80 && heldTwoByte[(x&0x1f)<<6|y&0x3f]
			switch { // y after x
			case y < utf8.RuneSelf && heldASCII[y]:
				end = pairASCII
			case two:
				end = pairTwo
			case y&0xc0 == 0x80 && (x&0xc0 == 0x80 || x >= 0xe0 && x <= 0xf4):
				end = pairLong
			case y >= 0xc2 && y <= 0xf4:
				end = pairLead
			}
			switch { // x before y
			case x < utf8.RuneSelf && heldASCII[x]:
				start = pairASCII
			case two:
				start = pairTwo
			case x >= 0xe0 && x <= 0xf4 && y&0xc0 == 0x80:
				start = pairLong
			}
			t[x<<8|y] = end | start<<4
		}
	}
	return t
}()

// pairEnd is what b[i] is, given b[i-1]; pairStart what starts at b[i],
// given b[i+1].
func pairEnd(b []byte, i int) uint8   { return pairClass[int(b[i-1])<<8|int(b[i])] & 0xf }
func pairStart(b []byte, i int) uint8 { return pairClass[int(b[i])<<8|int(b[i+1])] >> 4 }

// heldRunsOf calls emit with the printable runs of b, as writeHeldRuns
// writes them and in its order: ASCII and UTF-8 runs, then UTF-16 runs
// (either byte order) at even and at odd alignment.
func heldRunsOf(b []byte, emit func([]byte)) {
	const m = minHeldRun
	for i := m - 1; i < len(b); {
		s, e := i, i+1
		switch pairEnd(b, i) {
		case pairNone:
			i += m
			continue
		case pairLead: // b[i] may start a character
			class := uint8(pairNone)
			if i+1 < len(b) {
				class = pairStart(b, i)
			}
			if class == pairNone {
				i += m
				continue
			}
			if class == pairTwo {
				e = i + 2
				break
			}
			var ok bool
			if s, e, ok = heldUnitAround(b, i); !ok {
				i += m
				continue
			}
		case pairLong:
			var ok bool
			if s, e, ok = heldUnitAround(b, i); !ok {
				i += m
				continue
			}
		case pairTwo:
			s = i - 1
		}
		chars := 0
		if e-s == 1 {
			chars = 1
		}
		for s > 0 {
			if s == 1 { // no pair ends at b[0]
				if heldASCII[b[0]] {
					s, chars = 0, chars+1
				}
				break
			}
			class := pairEnd(b, s-1)
			if class == pairASCII {
				s--
				chars++
				continue
			}
			if class == pairTwo {
				s -= 2
				continue
			}
			if class == pairNone || class == pairLead { // a lead's character would hold b[s]
				break
			}
			ps, _, ok := heldUnitAround(b, s-1)
			if !ok {
				break
			}
			s = ps
		}
		for e < len(b) {
			if e+1 == len(b) { // no pair starts at the last byte
				if heldASCII[b[e]] {
					e, chars = e+1, chars+1
				}
				break
			}
			class := pairStart(b, e)
			if class == pairASCII {
				e++
				chars++
				continue
			}
			if class == pairTwo {
				e += 2
				continue
			}
			if class == pairNone {
				break
			}
			n := heldUnitAt(b, e)
			if n == 0 {
				break
			}
			e += n
		}
		if chars >= m {
			emit(b[s:e])
		}
		i = e + m
	}
	var run []byte
	for align := range 2 {
		pairs := (len(b) - align) / 2
		// char returns the character of pair k, 0 when it is none.
		char := func(k int) rune { return wideChar(b[align+2*k], b[align+2*k+1]) }
		for k := m - 1; k < pairs; {
			if char(k) == 0 {
				k += m
				continue
			}
			s, e := k, k+1
			for s > 0 && char(s-1) != 0 {
				s--
			}
			for e < pairs && char(e) != 0 {
				e++
			}
			if e-s >= m {
				run = run[:0]
				for j := s; j < e; j++ {
					run = utf8.AppendRune(run, char(j))
				}
				emit(run)
			}
			k = e + m
		}
	}
}

// runStream gathers the pieces of a stream of bytes whose printable runs
// are written when it ends: a run that crosses from one piece into the
// next is one run. A picture's image data split over chunks (PNG IDAT,
// GIF sub-blocks) is one stream, so a text split by the chunk headers is
// found whole. Pieces adjacent in memory are one slice of the member;
// once a piece is not adjacent to the stream so far, the stream is
// copied into scratch and every later piece appended to it as it
// arrives. Nothing is kept per piece: a stream of a million one-byte
// sub-blocks takes a million bytes of scratch, not a million slices, and
// each byte is copied at most once (amortised).
type runStream struct {
	out     *strings.Builder
	limit   int    // no more is written once out is longer (the text cap)
	member  []byte // the member the pieces are of, most of them
	cur     []byte // the stream so far: the member's memory, or scratch
	copied  bool   // cur is scratch
	scratch []byte
}

// write adds b to the stream.
func (f *runStream) write(b []byte) {
	switch last := f.cur; {
	case len(b) == 0:
	case len(last) == 0:
		f.cur, f.copied = b, false
	case f.copied:
		f.grow(b)
		f.scratch = append(f.scratch, b...)
		f.cur = f.scratch
	case cap(last)-len(last) >= len(b) && &last[:len(last)+1][len(last)] == &b[0]:
		f.cur = last[:len(last)+len(b)] // adjacent in memory
	default:
		if f.scratch == nil {
			if p, ok := mediaBuffers.Get().(*[]byte); ok {
				f.scratch = *p
			}
		}
		f.scratch = append(f.scratch[:0], last...)
		f.grow(b)
		f.scratch = append(f.scratch, b...)
		f.cur, f.copied = f.scratch, true
	}
}

// grow makes room in scratch for b. A piece of the member is followed in
// the stream by later pieces of it at most, so scratch grows once, to
// what the member holds from b on: the member's size at most. Other
// pieces double it.
func (f *runStream) grow(b []byte) {
	need := len(f.scratch) + len(b)
	if need <= cap(f.scratch) {
		return
	}
	c := max(2*cap(f.scratch), need, 4096)
	if off := cap(f.member) - cap(b); off >= 0 && off < len(f.member) && &f.member[off] == &b[0] {
		c = need + max(len(f.member)-off-len(b), 0) // b and what follows it
	}
	s := make([]byte, len(f.scratch), c)
	copy(s, f.scratch)
	f.scratch = s
}

// end ends the stream: its runs are written, and the next write starts a
// new one.
func (f *runStream) end() {
	b := f.cur
	f.cur, f.copied = nil, false
	if len(b) == 0 {
		return
	}
	heldRunsOf(b, func(run []byte) {
		if f.out.Len() <= f.limit {
			f.out.WriteByte('\n')
			f.out.Write(run)
		}
	})
}

// free gives the stream's buffer back for the next member.
func (f *runStream) free() {
	f.cur, f.copied = nil, false
	if f.scratch != nil {
		buf := f.scratch[:0]
		mediaBuffers.Put(&buf)
		f.scratch = nil
	}
}
