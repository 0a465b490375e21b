package extract

import (
	"strings"
	"testing"
)

// walkMedia never panics, whatever the bytes after a strong signature.
func FuzzWalkMedia(f *testing.F) {
	for _, seed := range [][]byte{
		testPNG([2]string{"zTXt", "k\x00\x00" + zlibOf("text")}, [2]string{"iTXt", "k\x00\x01\x00en\x00\x00" + zlibOf("text")}),
		testJPEG(jpegSegment{0xfe, "comment"}, jpegSegment{0xe1, string(xmpNamespace) + "<x/>"}),
		testGIF(3, [2]string{"\xfe", "comment"}),
		testWOFF(strings.Repeat("a", 100), true, "<m/>"), testWOFF2("data"), testTTC("body"),
		[]byte(testMPEG2Pack), []byte(testMPEG1Pack), []byte(gzipOf("\x01\x00\x00\x00")),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := newMediaText(1<<20, 1<<20, data)
		defer m.runs.free()
		_ = walkMedia(data, m)
		m.end()
	})
}
