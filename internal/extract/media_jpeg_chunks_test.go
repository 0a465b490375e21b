package extract

import (
	"encoding/binary"
	"strings"
	"testing"
)

// iccSegment is an APP2 ICC_PROFILE chunk numbered seq of count.
func iccSegment(seq, count byte, data string) jpegSegment {
	return jpegSegment{0xe2, string(iccProfileSignature) + string([]byte{seq, count}) + data}
}

// xmpExtSegment is an APP1 extended XMP chunk of the packet guid (one
// letter, repeated), of full length, at off.
func xmpExtSegment(guid byte, full, off int, data string) jpegSegment {
	head := binary.BigEndian.AppendUint32(nil, uint32(full))
	head = binary.BigEndian.AppendUint32(head, uint32(off))
	return jpegSegment{0xe1, string(xmpExtensionNamespace) + strings.Repeat(string(guid), 32) + string(head) + data}
}

// An ICC profile's APP2 chunks are joined by number and extended XMP
// chunks by packet and offset, whatever their order in the file: a key
// cut at a chunk boundary is found whole.
func TestOfficeJPEGChunksJoined(t *testing.T) {
	k := strongFakeKey
	a, b, c := k[:12], k[12:30], k[30:]
	n := len(k)
	for name, payload := range map[string]string{
		"icc in order":      string(testJPEG(iccSegment(1, 3, "\x00\x01desc "+a), iccSegment(2, 3, b), iccSegment(3, 3, c+"\x00"))),
		"icc reversed":      string(testJPEG(iccSegment(3, 3, c+"\x00"), iccSegment(2, 3, b), iccSegment(1, 3, "\x00\x01desc "+a))),
		"icc between scans": string(testJPEG(iccSegment(2, 2, b+c+"\x00"), jpegSegment{0xfe, "x"}, iccSegment(1, 2, "desc "+a))),
		"xmp reversed":      string(testJPEG(xmpExtSegment('G', n, 30, c), xmpExtSegment('G', n, 12, b), xmpExtSegment('G', n, 0, a))),
		"xmp two packets interleaved": string(testJPEG(xmpExtSegment('H', 40, 0, "other packet"), xmpExtSegment('G', n, 12, b+c),
			xmpExtSegment('H', 40, 12, " continues"), xmpExtSegment('G', n, 0, a))),
	} {
		inBoth(t, name, payload, skippedWithKey, k)
	}
}

// Chunks a reader could join in two ways (two in one place, overlapping
// ones) are a structure that does not hold: the member is not skipped.
func TestOfficeJPEGChunksAmbiguous(t *testing.T) {
	k := strongFakeKey
	for name, payload := range map[string]string{
		"icc number twice":   string(testJPEG(iccSegment(1, 2, "desc "+k[:20]), iccSegment(1, 2, "desc xx"), iccSegment(2, 2, k[20:]))),
		"xmp offset twice":   string(testJPEG(xmpExtSegment('G', 60, 0, k[:20]), xmpExtSegment('G', 60, 0, "x"), xmpExtSegment('G', 60, 20, k[20:]))),
		"xmp chunks overlap": string(testJPEG(xmpExtSegment('G', 60, 0, k[:20]+"junk"), xmpExtSegment('G', 60, 20, k[20:]))),
	} {
		inBoth(t, name, payload, foundOrRefused, k)
		res, err := Text("a.docx", mediaDocx(t, "word/media/image1.png", "image/png", payload), Limits{})
		if err == nil {
			t.Errorf("%s: skipped: %q", name, rtd4Shorten(res.Text))
		}
	}
}

// Joining keeps each packet apart, puts a line break where a chunk is
// missing, and refuses two chunks in one place.
func TestJoinJPEGChunks(t *testing.T) {
	chunks := []jpegChunk{
		{group: "B", at: 5, data: []byte("world")},
		{group: "A", at: 6, data: []byte("three")},
		{group: "B", at: 0, data: []byte("hello")},
		{group: "A", at: 1, data: []byte("one")},
		{group: "B", at: 20, data: []byte("later")},
	}
	got, err := joinJPEGChunks(chunks, true)
	if err != nil || len(got) != 2 || string(got[0]) != "helloworld\nlater" || string(got[1]) != "one\nthree" {
		t.Errorf("by offset: %q, %v", got, err)
	}
	got, err = joinJPEGChunks(chunks[1:4:4], false)
	if err != nil || len(got) != 2 || string(got[0]) != "one\nthree" || string(got[1]) != "hello" {
		t.Errorf("by number: %q, %v", got, err)
	}
	if _, err := joinJPEGChunks(append(chunks, jpegChunk{group: "A", at: 6}), false); err == nil {
		t.Error("two chunks numbered 6 joined")
	}
}
