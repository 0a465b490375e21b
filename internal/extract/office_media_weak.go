package extract

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"
)

// Some media signatures are two or four bytes (an MPEG audio frame, a
// TrueType font, an icon): text can start with them by chance or by
// design, and a member skipped on them alone hides whatever follows. Such
// a member is read whole and skipped only when its structure holds (a
// second frame where the first one's length points, a font's table
// directory, an icon's image directory inside the member) and it carries
// no archive or PDF (media_containers.go); its printable runs of text
// (ASCII, UTF-8 or UTF-16, printable_runs.go) are then written to the
// text, as they are for the driver data of printer settings, so nothing
// textual in a skipped member goes unscanned.

// isWeakMedia says whether head starts with a weak media signature.
func isWeakMedia(head []byte) bool {
	return len(head) >= 2 && head[0] == 0xff && head[1]&0xe0 == 0xe0 || // MPEG audio frame, AAC ADTS
		isFontMagic(head) || len(head) >= 4 && (string(head[:4]) == "\x00\x00\x01\x00" || string(head[:4]) == "\x00\x00\x02\x00") // ICO, CUR
}

func isFontMagic(b []byte) bool {
	return len(b) >= 4 && (string(b[:4]) == "\x00\x01\x00\x00" || string(b[:4]) == "OTTO" || string(b[:4]) == "true")
}

// weakMediaValid says whether a whole member with a weak signature has
// its format's structure.
func weakMediaValid(data []byte) bool {
	switch {
	case isFontMagic(data):
		return sfntDirectoryValid(data)
	case len(data) >= 2 && data[0] == 0xff && data[1]&0xe0 == 0xe0:
		return audioFramesValid(data)
	case len(data) >= 4:
		return iconDirectoryValid(data)
	}
	return false
}

// sfntDirectoryValid checks a TrueType/OpenType table directory: a table
// count with its derived search fields, and every table record with a
// printable tag, tags in order, the table inside the data.
func sfntDirectoryValid(data []byte) bool { return sfntDirectoryAt(data, 0, -1) }

// sfntDirectoryAt checks the table directory at offset at of data (a
// font of a collection: its tables' offsets count from the collection's
// start, at tablesFrom or later; -1: after the directory).
func sfntDirectoryAt(data []byte, at, tablesFrom int) bool {
	if at < 0 || at+12 > len(data) || !isFontMagic(data[at:]) {
		return false
	}
	dir := data[at:]
	n := int(binary.BigEndian.Uint16(dir[4:]))
	if n == 0 || n > 256 || at+12+16*n > len(data) {
		return false
	}
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	if int(binary.BigEndian.Uint16(dir[6:])) != pow*16 || int(binary.BigEndian.Uint16(dir[10:])) != n*16-pow*16 {
		return false
	}
	if tablesFrom < 0 {
		tablesFrom = at + 12 + 16*n
	}
	prev := ""
	for i := range n {
		rec := dir[12+16*i:]
		for _, c := range rec[:4] {
			if c < 0x20 || c > 0x7e {
				return false
			}
		}
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		size := uint64(binary.BigEndian.Uint32(rec[12:]))
		if tag <= prev || off < uint64(tablesFrom) || off+size > uint64(len(data)) {
			return false
		}
		prev = tag
	}
	return true
}

// iconDirectoryValid checks an ICO/CUR directory: at least one image,
// each inside the data after the directory.
func iconDirectoryValid(data []byte) bool {
	if len(data) < 6 {
		return false
	}
	n := int(binary.LittleEndian.Uint16(data[4:]))
	if n == 0 || 6+16*n > len(data) {
		return false
	}
	for i := range n {
		e := data[6+16*i:]
		size := uint64(binary.LittleEndian.Uint32(e[8:]))
		off := uint64(binary.LittleEndian.Uint32(e[12:]))
		if size == 0 || off < uint64(6+16*n) || off+size > uint64(len(data)) {
			return false
		}
	}
	return true
}

// MPEG audio bitrates (kbit/s) by table and index 1-14: MPEG-1 layers I,
// II, III, then MPEG-2/2.5 layer I, then layers II and III.
var mpegBitrates = [5][15]int{
	{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
	{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
	{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
	{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
	{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
}

// audioFrameLen returns the length of the MPEG audio frame or AAC ADTS
// frame whose header starts b, and a key of the stream's constant fields
// (a second frame must share them); 0 when b is not a frame header.
func audioFrameLen(b []byte) (int, uint32) {
	if len(b) < 7 || b[0] != 0xff || b[1]&0xe0 != 0xe0 {
		return 0, 0
	}
	version, layer := (b[1]>>3)&3, (b[1]>>1)&3
	if layer == 0 { // AAC ADTS: 12-bit sync, 13-bit frame length
		if b[1]&0xf0 != 0xf0 {
			return 0, 0
		}
		n := int(b[3]&3)<<11 | int(b[4])<<3 | int(b[5]>>5)
		if n < 7 || (b[2]>>2)&0xf > 12 {
			return 0, 0
		}
		return n, uint32(b[1])<<8 | uint32(b[2]&0xfc)
	}
	rateIdx, srIdx, pad := int(b[2]>>4), int(b[2]>>2)&3, int(b[2]>>1)&1
	if version == 1 || rateIdx == 0 || rateIdx == 15 || srIdx == 3 {
		return 0, 0
	}
	sr := [3]int{44100, 48000, 32000}[srIdx]
	table := 3 - int(layer) // layer bits: 3 is layer I, 1 is layer III
	if version != 3 {       // MPEG-2, MPEG-2.5
		sr /= 2
		if version == 0 {
			sr /= 2
		}
		table = 4
		if layer == 3 {
			table = 3
		}
	}
	bitrate := mpegBitrates[table][rateIdx] * 1000
	var n int
	switch {
	case layer == 3:
		n = (12*bitrate/sr + pad) * 4
	case layer == 1 && version != 3:
		n = 72*bitrate/sr + pad
	default:
		n = 144*bitrate/sr + pad
	}
	return n, uint32(b[1])<<8 | uint32(b[2]&0x0c)
}

// audioFramesValid checks that the first frame's length leads to a second
// frame header of the same stream (or to the end of the data exactly).
func audioFramesValid(data []byte) bool {
	n, key := audioFrameLen(data)
	if n == 0 {
		return false
	}
	if n == len(data) {
		return true
	}
	m, key2 := audioFrameLen(data[min(n, len(data)):])
	return m != 0 && key2 == key
}

// readMedia decides a member whose declared type allows media, from head
// (its first bytes) and lr (the rest): media whose structure holds is
// skipped (skip true) after writing the text it carries and its printable
// runs (a strong signature's in readStrongMedia), and printer settings
// give their device and form names and the printable runs of what they
// hold past the device name. data is what was read and counts in full
// against the inflate budget (nil when the member is neither: the caller
// reads it).
func (r *officeRun) readMedia(lr *io.LimitedReader, head []byte, size uint64) (data []byte, skip bool, err error) {
	if isMediaBytes(head, size) {
		return r.readStrongMedia(lr, head, size)
	}
	weak := !looksLikeText(head) && isWeakMedia(head)
	names, settings := devmodeText(head, size)
	if !weak && !settings {
		return nil, false, nil
	}
	data = head
	if len(head) == mediaHeadBytes {
		rest, err := io.ReadAll(lr)
		data = slices.Concat(head, rest)
		if err != nil && !errors.Is(err, io.EOF) {
			return data, false, err
		}
	}
	from := 0
	switch {
	case settings:
		r.out.WriteString(names)
		from = 64 // past the device name
	case !weakMediaValid(data) || carriesContainer(data, 0):
		return data, false, nil // read as any other member
	}
	r.writeRuns(data[from:])
	return data, true, nil
}

// writeRuns writes the printable runs of b, ASCII and UTF-16 (either byte
// order), each on a line of its own.
func (r *officeRun) writeRuns(b []byte) { writeHeldRuns(&r.out, b) }
