package extract

import "strings"

// runFinder writes the printable runs (ASCII, and UTF-16 of either byte
// order at either alignment; minHeldRun characters or more) of a stream
// of bytes given in pieces, as writeHeldRuns does for one slice: a run
// that crosses from one piece into the next is one run. A picture's image
// data split over chunks (PNG IDAT, GIF sub-blocks) is one stream, so a
// text split by the chunk headers is found whole.
type runFinder struct {
	out   *strings.Builder
	limit int // no more is written once out is longer (the text cap)
	ascii []byte
	wide  [2][]byte // UTF-16 runs in progress, by alignment
	prev  byte
	n     int64 // bytes since the stream began
}

// write adds b to the stream.
func (f *runFinder) write(b []byte) {
	for _, c := range b {
		if c >= 0x20 && c < 0x7f || c == '\t' {
			f.ascii = append(f.ascii, c)
		} else if len(f.ascii) > 0 {
			f.flush(&f.ascii)
		}
		if f.n > 0 {
			a := (f.n - 1) & 1 // the pair (prev, c) starts at n-1
			lo, hi := f.prev, c
			switch {
			case hi == 0 && lo >= 0x20 && lo < 0x7f:
				f.wide[a] = append(f.wide[a], lo)
			case lo == 0 && hi >= 0x20 && hi < 0x7f:
				f.wide[a] = append(f.wide[a], hi)
			case len(f.wide[a]) > 0:
				f.flush(&f.wide[a])
			}
		}
		f.prev = c
		f.n++
	}
}

// end ends the stream: its runs in progress are written, and the next
// write starts a new one.
func (f *runFinder) end() {
	f.flush(&f.ascii)
	f.flush(&f.wide[0])
	f.flush(&f.wide[1])
	f.n = 0
}

func (f *runFinder) flush(run *[]byte) {
	if len(*run) >= minHeldRun && f.out.Len() <= f.limit {
		f.out.WriteByte('\n')
		f.out.Write(*run)
	}
	*run = (*run)[:0]
}
