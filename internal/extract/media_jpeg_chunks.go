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
//
// What is kept per extended XMP chunk is its place in the member and in
// its packet, 16 bytes, for a segment of 79 bytes at least; a JPEG holds
// at most maxXMPPackets packets, and ICC chunks are at most 256.

var iccProfileSignature = []byte("ICC_PROFILE\x00")

// xmpExtensionHeader is the extended XMP chunk header after the namespace:
// the GUID (32 hex digits), the full length, the chunk's offset.
const xmpExtensionHeader = 32 + 4 + 4

// maxXMPPackets bounds the extended XMP packets (GUIDs) of a JPEG: a
// reader reads the one the main packet names; writers write one.
const maxXMPPackets = 16

// jpegChunks gathers the chunks of a JPEG (member) until EOI.
type jpegChunks struct {
	member  []byte
	icc     [256][]byte // by number; nil when absent
	packets map[string]uint8
	xmp     []xmpChunk
}

// xmpChunk is an extended XMP chunk: its data's place in the member, its
// packet (numbered in the order packets first appear), its offset in it.
type xmpChunk struct {
	from   int
	n      uint16
	packet uint8
	at     uint32
}

// addICC keeps the ICC profile chunk an APP2 segment holds, if it holds
// one; a second chunk of one number is errMediaStructure.
func (c *jpegChunks) addICC(seg []byte) error {
	n := len(iccProfileSignature)
	if !bytes.HasPrefix(seg, iccProfileSignature) || len(seg) < n+2 {
		return nil
	}
	seq := seg[n]
	if c.icc[seq] != nil {
		return errMediaStructure
	}
	c.icc[seq] = seg[n+2:] // not nil: a slice of seg
	return nil
}

// addXMP keeps the extended XMP chunk an APP1 segment (a slice of the
// member) holds, and returns the length of its header (namespace, GUID,
// length, offset); 0 when the segment holds none. A packet past
// maxXMPPackets is errMediaStructure.
func (c *jpegChunks) addXMP(seg []byte) (int, error) {
	head := len(xmpExtensionNamespace) + xmpExtensionHeader
	if !bytes.HasPrefix(seg, xmpExtensionNamespace) || len(seg) < head || len(seg) > 0xffff {
		return 0, nil
	}
	guid := seg[len(xmpExtensionNamespace):][:32]
	p, ok := c.packets[string(guid)]
	if !ok {
		if len(c.packets) == maxXMPPackets {
			return 0, errMediaStructure
		}
		if c.packets == nil {
			c.packets = map[string]uint8{}
		}
		p = uint8(len(c.packets))
		c.packets[string(guid)] = p
	}
	from := cap(c.member) - cap(seg) + head // seg's data in the member
	if from < head || from > len(c.member) || from+len(seg)-head > len(c.member) || &c.member[from-head] != &seg[0] {
		return 0, errMediaStructure // not a slice of the member: a caller's mistake
	}
	if len(c.xmp) == cap(c.xmp) { // doubling: the copies add up to its size
		c.xmp = slices.Grow(c.xmp, max(len(c.xmp), 64))
	}
	c.xmp = append(c.xmp, xmpChunk{
		from:   from,
		n:      uint16(len(seg) - head),
		packet: p,
		at:     binary.BigEndian.Uint32(seg[head-4:]),
	})
	return head, nil
}

// write writes the joined payloads: the ICC profile's printable runs,
// each extended XMP packet as text.
func (c *jpegChunks) write(m *mediaText) error {
	packets, err := joinXMPChunks(c.member, c.xmp)
	if err != nil {
		return err
	}
	var profile []byte
	last := -1
	for seq, data := range c.icc {
		if data == nil {
			continue
		}
		if last >= 0 && seq != last+1 {
			profile = append(profile, '\n') // a chunk is missing
		}
		profile = append(profile, data...)
		last = seq
	}
	if len(profile) > 0 {
		m.end()
		m.raw(profile)
		m.end()
	}
	for _, p := range packets {
		m.text(fieldText(p))
	}
	return nil
}

// joinXMPChunks joins the extended XMP chunks of member as readers do,
// one packet per GUID in the order the packets first appear: by offset, a
// gap between chunks a line break. Overlapping chunks (two at one offset
// included) are errMediaStructure. chunks is sorted in place.
func joinXMPChunks(member []byte, chunks []xmpChunk) ([][]byte, error) {
	slices.SortStableFunc(chunks, func(a, b xmpChunk) int {
		return cmp.Or(cmp.Compare(a.packet, b.packet), cmp.Compare(a.at, b.at))
	})
	var joined [][]byte
	var cur []byte
	var next uint64 // where the packet's next chunk goes
	for i, c := range chunks {
		if i == 0 || c.packet != chunks[i-1].packet {
			if i > 0 {
				joined = append(joined, cur)
			}
			cur, next = nil, uint64(c.at)
		}
		switch at := uint64(c.at); {
		case at < next:
			return nil, errMediaStructure // a reader picks one
		case at > next:
			cur = append(cur, '\n')
		}
		cur = append(cur, member[c.from:c.from+int(c.n)]...)
		next = uint64(c.at) + uint64(c.n)
	}
	if len(chunks) > 0 {
		joined = append(joined, cur)
	}
	return joined, nil
}
