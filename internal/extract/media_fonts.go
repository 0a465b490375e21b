package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
)

// maxCollectionFonts bounds the fonts of a collection (TTC) checked.
const maxCollectionFonts = 256

// ttcValid checks a font collection's header: version 1.0 or 2.0, one
// font or more, each font's offset after the header and its table
// directory valid, its tables inside the member.
func ttcValid(data []byte) bool {
	if len(data) < 12 {
		return false
	}
	major, minor := binary.BigEndian.Uint16(data[4:]), binary.BigEndian.Uint16(data[6:])
	n := int(binary.BigEndian.Uint32(data[8:]))
	if major != 1 && major != 2 || minor != 0 || n == 0 || n > maxCollectionFonts {
		return false
	}
	header := 12 + 4*n
	if major == 2 {
		header += 12 // the DSIG table's tag, length and offset
	}
	if header > len(data) {
		return false
	}
	for i := range n {
		off := int(binary.BigEndian.Uint32(data[12+4*i:]))
		if off < header || !sfntDirectoryAt(data, off, header) {
			return false
		}
	}
	return true
}

// woffHeader reads the fields WOFF and WOFF2 share: the signature, the
// length (the member's), the table count (one or more), the reserved
// zero, and the metadata and private blocks (inside the member, after
// the header of hdr bytes).
type woffBlocks struct {
	metaOff, metaLen, metaOrig, privOff, privLen uint64
}

func woffHeader(data []byte, hdr int, metaAt int) (tables int, blocks woffBlocks, ok bool) {
	if len(data) < hdr || uint64(binary.BigEndian.Uint32(data[8:])) != uint64(len(data)) {
		return 0, blocks, false
	}
	tables = int(binary.BigEndian.Uint16(data[12:]))
	if tables == 0 || binary.BigEndian.Uint16(data[14:]) != 0 {
		return 0, blocks, false
	}
	u32 := func(off int) uint64 { return uint64(binary.BigEndian.Uint32(data[off:])) }
	blocks = woffBlocks{u32(metaAt), u32(metaAt + 4), u32(metaAt + 8), u32(metaAt + 12), u32(metaAt + 16)}
	inside := func(off, n uint64) bool { return n == 0 || off >= uint64(hdr) && off+n <= uint64(len(data)) }
	return tables, blocks, inside(blocks.metaOff, blocks.metaLen) && inside(blocks.privOff, blocks.privLen)
}

// walkWOFF checks a WOFF font (its header and table directory: every
// table inside the member, after the directory, not longer compressed
// than its original) and writes its printable runs, those of its
// compressed tables inflated, and its metadata (compressed XML) as text.
func walkWOFF(data []byte, m *mediaText) error {
	n, blocks, ok := woffHeader(data, 44, 24)
	if !ok || 44+20*n > len(data) {
		return errMediaStructure
	}
	m.raw(data)
	m.end()
	inflate := func(z []byte, orig uint64, text bool) ([]byte, error) {
		zr, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			return nil, errMediaStructure
		}
		b, err := m.inflate(zr, text)
		if err == nil && !text && uint64(len(b)) != orig {
			err = errMediaStructure
		}
		return b, err
	}
	for i := range n {
		rec := data[44+20*i:]
		off := uint64(binary.BigEndian.Uint32(rec[4:]))
		comp := uint64(binary.BigEndian.Uint32(rec[8:]))
		orig := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off < uint64(44+20*n) || off+comp > uint64(len(data)) || comp > orig {
			return errMediaStructure
		}
		if comp == orig {
			continue // stored: its runs are written
		}
		b, err := inflate(data[off:off+comp], orig, false)
		if err != nil {
			return err
		}
		m.raw(b)
		m.end()
	}
	if blocks.metaLen > 0 {
		b, err := inflate(data[blocks.metaOff:blocks.metaOff+blocks.metaLen], blocks.metaOrig, true)
		if err != nil {
			return err
		}
		m.text(fieldText(b))
	}
	return nil
}
