package extract

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
)

// A JPEG cuts what does not fit one segment (64 KiB) into chunks that
// readers join before reading: an ICC profile into APP2 "ICC_PROFILE"
// chunks numbered 1, 2, ... (its tags' descriptions are text, ExifTool
// shows them), extended XMP into APP1 chunks that carry their packet's
// GUID and their offset in it. A text cut at a chunk boundary is whole
// only once the chunks are joined as a reader joins them, whatever their
// order in the file. Chunks a reader could join in more than one way (two
// with the same number or offset, overlapping ones) are a structure that
// does not hold: which one wins is the reader's choice, and a join that
// picks the other one would cut the text.

var iccProfileSignature = []byte("ICC_PROFILE\x00")

// jpegChunk is a chunk of a joined JPEG payload: its group (an extended
// XMP packet's GUID), its place (an ICC chunk's number, an XMP chunk's
// offset) and its bytes (the member's).
type jpegChunk struct {
	group string
	at    uint64
	data  []byte
}

// iccChunk returns the ICC profile chunk an APP2 segment holds.
func iccChunk(seg []byte) (jpegChunk, bool) {
	if !bytes.HasPrefix(seg, iccProfileSignature) || len(seg) < len(iccProfileSignature)+2 {
		return jpegChunk{}, false
	}
	n := len(iccProfileSignature)
	return jpegChunk{at: uint64(seg[n]), data: seg[n+2:]}, true
}

// xmpExtensionHeader is the extended XMP chunk header after the namespace:
// the GUID (32 hex digits), the full length, the chunk's offset.
const xmpExtensionHeader = 32 + 4 + 4

// xmpExtensionChunk returns the extended XMP chunk an APP1 segment holds.
func xmpExtensionChunk(seg []byte) (jpegChunk, bool) {
	n := len(xmpExtensionNamespace)
	if !bytes.HasPrefix(seg, xmpExtensionNamespace) || len(seg) < n+xmpExtensionHeader {
		return jpegChunk{}, false
	}
	return jpegChunk{
		group: string(seg[n : n+32]),
		at:    uint64(binary.BigEndian.Uint32(seg[n+36:])),
		data:  seg[n+xmpExtensionHeader:],
	}, true
}

// joinJPEGChunks joins chunks as readers do, one payload per group in the
// order the groups first appear: by place, each chunk's bytes following
// the one before; a missing chunk (numbered chunks: byOffset false) or a
// gap between offsets (byOffset true) is a line break. Two chunks in one
// place, or overlapping ones, are errMediaStructure.
func joinJPEGChunks(chunks []jpegChunk, byOffset bool) ([][]byte, error) {
	if len(chunks) == 0 {
		return nil, nil
	}
	order := map[string]int{}
	for _, c := range chunks {
		if _, ok := order[c.group]; !ok {
			order[c.group] = len(order)
		}
	}
	sorted := slices.Clone(chunks)
	slices.SortStableFunc(sorted, func(a, b jpegChunk) int {
		return cmp.Or(cmp.Compare(order[a.group], order[b.group]), cmp.Compare(a.at, b.at))
	})
	var joined [][]byte
	var cur []byte
	var next uint64 // where the group's next chunk goes
	for i, c := range sorted {
		if i == 0 || c.group != sorted[i-1].group {
			if i > 0 {
				joined = append(joined, cur)
			}
			cur, next = nil, c.at
		}
		switch {
		case i > 0 && c.group == sorted[i-1].group && c.at == sorted[i-1].at, c.at < next:
			return nil, errMediaStructure // a reader picks one
		case c.at > next:
			cur = append(cur, '\n')
		}
		cur = append(cur, c.data...)
		next = c.at + 1
		if byOffset {
			next = c.at + uint64(len(c.data))
		}
	}
	return append(joined, cur), nil
}
