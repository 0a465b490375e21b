package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minHeldRun is the shortest run of printable characters held from binary
// data (pictures, media, driver data): shorter runs are everywhere in
// random bytes, while a secret or an identifying number is longer.
const minHeldRun = 8

// A run is made of printable characters: printable ASCII (space to '~',
// and tab) and, so that text Word or Excel writes is found whole, valid
// multi-byte UTF-8 sequences of printable characters (a no-break space or
// an en dash between digit groups, accented letters). Only its ASCII
// characters count toward minHeldRun: the two-byte sequences random bytes
// are full of would otherwise double the runs a photo's compressed data
// gives, while the numbers and keys searched for are ASCII between their
// separators. In UTF-16 a run's characters are ASCII and Latin-1 and the
// spaces, dashes and quotes of heldWidePunctuation (accepting every 16-bit
// value would make a run of any random bytes), and all of them count.

// heldASCII marks the bytes of an ASCII run; heldWide the characters below
// U+0100 of a UTF-16 one (tab is not one).
var heldASCII, heldWide = func() (a, w [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		a[c], w[c] = true, true
	}
	for c := 0xa0; c < 0x100; c++ {
		w[c] = true
	}
	a['\t'] = true
	return a, w
}()

// heldWidePunctuation marks the low bytes of the characters U+20xx a
// UTF-16 run holds: figure, thin, hair and narrow no-break spaces, zero
// width characters, hyphens and dashes, quotes, bullet, ellipsis, word
// joiner, euro sign.
var heldWidePunctuation = func() (p [256]bool) {
	for _, c := range []byte{0x07, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x22, 0x26, 0x2f, 0x60, 0xac} {
		p[c] = true
	}
	for c := 0x10; c <= 0x1f; c++ {
		p[c] = c != 0x16 && c != 0x17
	}
	return p
}()

// heldMultiByte says whether r, from a valid multi-byte UTF-8 sequence,
// continues a run: a graphic character (letters, marks, numbers,
// punctuation, symbols, spaces) or a format character (a soft hyphen, a
// zero width space between digits).
func heldMultiByte(r rune) bool {
	return r >= 0xa0 && (unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r))
}

// heldTwoByte marks the characters U+0080 to U+07FF that continue a run,
// by code point: most multi-byte sequences in binary data are two bytes
// long, and this keeps the search from decoding them.
var heldTwoByte = func() (t [0x800]bool) {
	for r := rune(0x80); r < 0x800; r++ {
		t[r] = heldMultiByte(r)
	}
	return t
}()

// heldUnitAt returns the length of the printable character that starts at
// b[i], 0 when none starts there.
func heldUnitAt(b []byte, i int) int {
	c := b[i]
	switch {
	case c < utf8.RuneSelf:
		if heldASCII[c] {
			return 1
		}
		return 0
	case c < 0xc2 || c > 0xf4 || i+1 == len(b) || b[i+1]&0xc0 != 0x80:
		// a continuation byte, a byte that never leads, no continuation
		return 0
	case c < 0xe0:
		if heldTwoByte[int(c&0x1f)<<6|int(b[i+1]&0x3f)] {
			return 2
		}
		return 0
	}
	r, n := utf8.DecodeRune(b[i:])
	if n > 1 && heldMultiByte(r) {
		return n
	}
	return 0
}

// heldUnitAround returns the bounds of the printable character that holds
// b[i], ok false when none does. A character starts at the last byte at
// or before i that is not a UTF-8 continuation byte, at most three back.
func heldUnitAround(b []byte, i int) (start, end int, ok bool) {
	if c := b[i]; c < utf8.RuneSelf {
		return i, i + 1, heldASCII[c]
	}
	j := i
	for j > 0 && i-j < utf8.UTFMax-1 && b[j]&0xc0 == 0x80 {
		j--
	}
	n := heldUnitAt(b, j)
	if n == 0 || j+n <= i {
		return 0, 0, false
	}
	return j, j + n, true
}

// printableRuns returns the runs of printable characters of b that hold
// at least minRun ASCII ones, in order; the runs share b's memory. One
// pass.
func printableRuns(b []byte, minRun int) [][]byte {
	var runs [][]byte
	start, chars := -1, 0
	for i := 0; i <= len(b); {
		n := 0
		if i < len(b) {
			n = heldUnitAt(b, i)
		}
		if n > 0 {
			if start < 0 {
				start, chars = i, 0
			}
			if n == 1 {
				chars++
			}
			i += n
			continue
		}
		if start >= 0 && chars >= minRun {
			runs = append(runs, b[start:i])
		}
		start = -1
		i++
	}
	return runs
}

// writeHeldRuns writes the printable runs of binary data b (ASCII and
// UTF-8, and UTF-16), each on a line of its own, to w: what a picture or
// media member skipped unread still holds as text.
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

// wideChar returns the character of a UTF-16 run that the bytes x, y
// (in this order) encode, little or big endian; 0 when none.
func wideChar(x, y byte) rune {
	switch {
	case y == 0 && heldWide[x]:
		return rune(x)
	case x == 0 && heldWide[y]:
		return rune(y)
	case y == 0x20 && heldWidePunctuation[x]:
		return 0x2000 | rune(x)
	case x == 0x20 && heldWidePunctuation[y]:
		return 0x2000 | rune(y)
	}
	return 0
}

// utf16Runs returns the runs of at least minRun characters written as
// UTF-16, little or big endian, at either byte alignment. One pass per
// alignment.
func utf16Runs(b []byte, minRun int) []string {
	var runs []string
	for align := range 2 {
		var run []byte
		chars := 0
		flush := func() {
			if chars >= minRun {
				runs = append(runs, string(run))
			}
			run, chars = run[:0], 0
		}
		for i := align; i+1 < len(b); i += 2 {
			c := wideChar(b[i], b[i+1])
			if c == 0 {
				flush()
				continue
			}
			run = utf8.AppendRune(run, c)
			chars++
		}
		flush()
	}
	return runs
}
