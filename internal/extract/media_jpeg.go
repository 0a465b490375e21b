package extract

import (
	"bytes"
	"encoding/binary"
)

var (
	xmpNamespace          = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpExtensionNamespace = []byte("http://ns.adobe.com/xmp/extension/\x00")
)

// walkJPEG walks a JPEG's segments from SOI to EOI: every marker in its
// place, every length inside the member, the entropy-coded data after
// each SOS up to the next marker, at least one scan. Comments (COM) and
// XMP packets (APP1, extended XMP joined by GUID and offset) are written
// as text; every other byte gives its printable runs, the entropy-coded
// data and what follows EOI included, and so does the ICC profile its
// APP2 chunks join to (media_jpeg_chunks.go).
func walkJPEG(data []byte, m *mediaText) error {
	m.raw(data[:2])
	pos := 2
	sawScan := false
	chunks := jpegChunks{member: data} // joined at EOI
	for {
		start := pos
		if pos >= len(data) || data[pos] != 0xff {
			return errMediaStructure
		}
		for pos < len(data) && data[pos] == 0xff { // fill bytes
			pos++
		}
		if pos >= len(data) {
			return errMediaStructure
		}
		code := data[pos]
		pos++
		m.raw(data[start:pos])
		switch {
		case code == 0xd9: // EOI
			if !sawScan || carriesContainer(data, pos) {
				return errMediaStructure
			}
			if err := chunks.write(m); err != nil {
				return err
			}
			m.raw(data[pos:]) // what follows the picture
			return nil
		case code == 0x00 || code == 0xd8:
			return errMediaStructure
		case code >= 0xd0 && code <= 0xd7, code == 0x01: // RSTn, TEM: no length
			continue
		}
		if pos+2 > len(data) {
			return errMediaStructure
		}
		n := int(binary.BigEndian.Uint16(data[pos:]))
		if n < 2 || pos+n > len(data) {
			return errMediaStructure
		}
		m.raw(data[pos : pos+2])
		seg := data[pos+2 : pos+n]
		pos += n
		switch {
		case code == 0xfe: // COM
			m.text(fieldText(seg))
		case code == 0xe1 && bytes.HasPrefix(seg, xmpNamespace):
			m.text(fieldText(seg[len(xmpNamespace):]))
		case code == 0xe1 && bytes.HasPrefix(seg, xmpExtensionNamespace):
			n, err := chunks.addXMP(seg)
			switch {
			case err != nil:
				return err
			case n > 0:
				m.raw(seg[:n])
				m.end() // its data is not in the stream
			default:
				m.raw(seg)
			}
		default:
			if code == 0xe2 {
				if err := chunks.addICC(seg); err != nil {
					return err
				}
			}
			m.raw(seg)
		}
		if code != 0xda { // SOS: the entropy-coded data follows
			continue
		}
		sawScan = true
		scan := pos
		for {
			i := bytes.IndexByte(data[pos:], 0xff)
			if i < 0 || pos+i+1 >= len(data) {
				return errMediaStructure
			}
			pos += i
			if c := data[pos+1]; c == 0x00 || c >= 0xd0 && c <= 0xd7 { // stuffing, RSTn
				pos += 2
				continue
			}
			break
		}
		m.raw(data[scan:pos])
	}
}
