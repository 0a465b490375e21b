package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
)

// testImage is a small picture with some detail, so its compressed data
// is not trivial.
func testImage(w, h int) *image.Paletted {
	pal := color.Palette{color.Black, color.White, color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}}
	img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	seed := uint32(2463534242)
	for i := range img.Pix {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		img.Pix[i] = uint8(seed % 4)
	}
	return img
}

// testPNG is a real PNG with chunks (each its type and data) inserted
// before IEND.
func testPNG(chunks ...[2]string) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, testImage(16, 16))
	data := b.Bytes()
	iend := len(data) - 12
	out := append([]byte{}, data[:iend]...)
	for _, c := range chunks {
		out = append(out, pngChunk(c[0], c[1])...)
	}
	return append(out, data[iend:]...)
}

// pngChunk is a chunk with its length and CRC.
func pngChunk(typ, body string) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE([]byte(typ+body)))
}

// zlibOf compresses s as zlib.
func zlibOf(s string) string {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.String()
}

// testJPEG is a real JPEG with segments (marker and data) inserted after
// SOI.
func testJPEG(segments ...jpegSegment) []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, testImage(16, 16), &jpeg.Options{Quality: 80})
	data := b.Bytes()
	out := append([]byte{}, data[:2]...)
	for _, s := range segments {
		out = append(out, 0xff, s.marker)
		out = binary.BigEndian.AppendUint16(out, uint16(len(s.data)+2))
		out = append(out, s.data...)
	}
	return append(out, data[2:]...)
}

type jpegSegment struct {
	marker byte
	data   string
}

// testGIF is a real GIF with extension blocks (label and sub-blocks'
// data, cut into sub-blocks of blockLen) inserted before the trailer.
func testGIF(blockLen int, extensions ...[2]string) []byte {
	var b bytes.Buffer
	_ = gif.Encode(&b, testImage(16, 16), nil)
	data := b.Bytes()
	out := append([]byte{}, data[:len(data)-1]...)
	for _, e := range extensions {
		out = append(out, 0x21, e[0][0])
		rest := e[1]
		for len(rest) > 0 {
			n := min(blockLen, len(rest))
			out = append(out, byte(n))
			out = append(out, rest[:n]...)
			rest = rest[n:]
		}
		out = append(out, 0)
	}
	return append(out, 0x3b)
}
