package extract

import (
	"bytes"
	"testing"
)

// tinyIDATPNG is a PNG whose image data is n IDAT chunks of one byte
// each (13 bytes a chunk).
func tinyIDATPNG(n int) []byte {
	p := testPNG()
	head := p[:8+25] // signature, IHDR
	var b bytes.Buffer
	b.Write(head)
	b.Write(bytes.Repeat(pngChunk("IDAT", "x"), n))
	b.Write(p[len(p)-12:]) // IEND
	return b.Bytes()
}

// Image data split into many tiny pieces (GIF one-byte sub-blocks, PNG
// one-byte IDAT chunks) costs the run search memory in proportion to the
// member, not to the number of pieces: the heap grows by a small multiple
// of the member (it is read whole, and its image data copied together
// once), and the picture is skipped with its runs found.
func TestMediaTinyPiecesMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates tens of MB")
	}
	const member = 8 << 20
	for name, payload := range map[string][]byte{
		"gif one-byte sub-blocks": rtd4TinySubBlockGIF(member / 2),
		"png one-byte IDAT":       tinyIDATPNG(member / 13),
	} {
		doc := rtd4PictureDocx(t, string(payload))
		lim := Limits{MaxUncompressedBytes: member/mediaCostDivisor + (1 << 20)}
		var err error
		peak := rtPeakHeap(func() { _, err = Text("a.docx", doc, lim) })
		t.Logf("%s: member %d MiB, upload %d KiB, peak heap %d MiB, err %v", name, len(payload)>>20, len(doc)>>10, peak>>20, err)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if limit := uint64(3 * member); peak > limit {
			t.Errorf("%s: the heap grew by %d MiB for a %d MiB member (over %d MiB)", name, peak>>20, len(payload)>>20, limit>>20)
		}
	}
}

// The runs of image data split into one-byte pieces are found whole: a
// text spread one byte per GIF sub-block or PNG IDAT chunk is one run.
func TestMediaTinyPiecesRunsJoined(t *testing.T) {
	const secret = "TESTONLY-joined-across-pieces"
	var gif bytes.Buffer
	gif.WriteString("GIF89a\x01\x00\x01\x00\x00\x00\x00")
	gif.WriteString("\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02")
	for i := range len(secret) {
		gif.WriteByte(1)
		gif.WriteByte(secret[i])
	}
	gif.WriteString("\x00\x3b")
	p := testPNG()
	var png bytes.Buffer
	png.Write(p[:8+25])
	for i := range len(secret) {
		png.Write(pngChunk("IDAT", secret[i:i+1]))
	}
	png.Write(p[len(p)-12:])
	for name, payload := range map[string][]byte{"gif": gif.Bytes(), "png": png.Bytes()} {
		res, err := Text("a.docx", rtd4PictureDocx(t, string(payload)), Limits{})
		if err != nil || !bytes.Contains([]byte(res.Text), []byte(secret)) {
			t.Errorf("%s: %q, %v", name, res.Text, err)
		}
	}
}

// tinyXMPChunkJPEG is a JPEG of n extended XMP chunks of one byte each
// (80 bytes a segment), in order.
func tinyXMPChunkJPEG(n int) []byte {
	segs := make([]jpegSegment, n)
	for i := range segs {
		segs[i] = xmpExtSegment('G', n, i, "x")
	}
	return testJPEG(segs...)
}
