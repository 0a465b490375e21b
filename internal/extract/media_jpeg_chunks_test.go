package extract

import (
	"encoding/binary"
	"runtime"
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
// missing, and refuses overlapping chunks.
func TestJoinXMPChunks(t *testing.T) {
	member := []byte("worldthreehelloonelaterx")
	chunks := func() []xmpChunk {
		return []xmpChunk{
			{packet: 1, at: 5, from: 0, n: 5},   // world
			{packet: 0, at: 6, from: 5, n: 5},   // three
			{packet: 1, at: 0, from: 10, n: 5},  // hello
			{packet: 0, at: 1, from: 15, n: 3},  // one
			{packet: 1, at: 20, from: 18, n: 5}, // later
		}
	}
	got, err := joinXMPChunks(member, chunks())
	if err != nil || len(got) != 2 || string(got[0]) != "one\nthree" || string(got[1]) != "helloworld\nlater" {
		t.Errorf("joined: %q, %v", got, err)
	}
	for name, extra := range map[string]xmpChunk{
		"same offset": {packet: 0, at: 6, from: 23, n: 1},
		"overlap":     {packet: 1, at: 7, from: 23, n: 1},
	} {
		if got, err := joinXMPChunks(member, append(chunks(), extra)); err == nil {
			t.Errorf("%s: joined %q", name, got)
		}
	}
}

// More extended XMP packets than a JPEG holds are a structure that does
// not hold.
func TestOfficeJPEGTooManyXMPPackets(t *testing.T) {
	var segs []jpegSegment
	for i := range maxXMPPackets + 1 {
		segs = append(segs, xmpExtSegment(byte('A'+i), 10, 0, "x"))
	}
	if err := walkMedia(testJPEG(segs...), newMediaText(1<<20, 1<<20, nil)); err == nil {
		t.Error("walked")
	}
	if err := walkMedia(testJPEG(segs[1:]...), newMediaText(1<<20, 1<<20, nil)); err != nil {
		t.Errorf("%d packets: %v", maxXMPPackets, err)
	}
}

// Many tiny extended XMP chunks cost a fraction of the member's size to
// gather and join.
func TestJPEGTinyXMPChunksAllocation(t *testing.T) {
	const member = 8 << 20
	data := tinyXMPChunkJPEG(member / 80)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m := newMediaText(0, 1<<30, data) // the text cap reached: no text kept
	err := walkMedia(data, m)
	m.runs.free()
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d chunks, member %d MiB: %d KiB allocated, %v", member/80, len(data)>>20, alloc>>10, err)
	if err != nil || alloc > member {
		t.Errorf("allocated %d KiB for a %d KiB member: %v", alloc>>10, len(data)>>10, err)
	}
}
