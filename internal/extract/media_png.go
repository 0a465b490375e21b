package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
)

// walkPNG walks a PNG's chunks from IHDR to IEND: every chunk inside the
// member, with its type in letters. Text chunks (tEXt, zTXt, iTXt) are
// written decoded, an ICC profile inflated; the image data (IDAT chunks,
// one zlib stream however it is split) and every other byte give their
// printable runs, what follows IEND included.
func walkPNG(data []byte, m *mediaText) error {
	m.raw(data[:8])
	pos := 8
	first, inIDAT, sawIDAT := true, false, false
	var crc []byte // the last chunk's, written unless IDAT data continues
	for {
		if pos+12 > len(data) {
			return errMediaStructure
		}
		n := uint64(binary.BigEndian.Uint32(data[pos:]))
		typ := data[pos+4 : pos+8]
		if n > 1<<31-1 || uint64(pos)+12+n > uint64(len(data)) || !pngChunkType(typ) {
			return errMediaStructure
		}
		if first && (string(typ) != "IHDR" || n != 13) {
			return errMediaStructure
		}
		first = false
		header, body := data[pos:pos+8], data[pos+8:pos+8+int(n)]
		next := pos + 12 + int(n)
		isIDAT := string(typ) == "IDAT"
		if !(isIDAT && inIDAT) {
			m.raw(crc)
			m.raw(header)
		}
		crc = data[next-4 : next]
		inIDAT = isIDAT
		pos = next
		switch string(typ) {
		case "IDAT":
			sawIDAT = true
			m.raw(body)
		case "IEND":
			if !sawIDAT {
				return errMediaStructure
			}
			if carriesContainer(data, pos) {
				return errMediaStructure
			}
			m.raw(crc)
			m.end()
			m.raw(data[pos:]) // what follows the picture
			return nil
		case "tEXt", "zTXt", "iTXt", "iCCP":
			if err := pngTextChunk(string(typ), body, m); err != nil {
				return err
			}
		default:
			m.raw(body)
		}
	}
}

// pngChunkType says whether a chunk type is four ASCII letters.
func pngChunkType(t []byte) bool {
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// pngTextChunk writes a text chunk decoded: tEXt is Latin-1, zTXt
// compressed Latin-1, iTXt UTF-8 (compressed or not) with a language tag
// and a translated keyword; an iCCP profile is inflated and gives its
// printable runs (a profile's descriptions are UTF-16).
func pngTextChunk(typ string, body []byte, m *mediaText) error {
	keyword, rest, ok := bytes.Cut(body, []byte{0})
	if !ok {
		return errMediaStructure
	}
	inflate := func(z []byte, text bool) ([]byte, error) {
		zr, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			return nil, errMediaStructure
		}
		return m.inflate(zr, text)
	}
	switch typ {
	case "tEXt":
		m.text(fieldText(keyword) + " " + fieldText(rest))
	case "zTXt", "iCCP":
		if len(rest) < 1 || rest[0] != 0 {
			return errMediaStructure
		}
		b, err := inflate(rest[1:], typ == "zTXt")
		if err != nil {
			return err
		}
		if typ == "iCCP" {
			m.end()
			m.raw(keyword)
			m.end()
			m.raw(b)
			m.end()
			return nil
		}
		m.text(fieldText(keyword) + " " + fieldText(b))
	case "iTXt":
		if len(rest) < 2 || rest[0] > 1 || rest[1] != 0 {
			return errMediaStructure
		}
		compressed := rest[0] == 1
		lang, rest, ok := bytes.Cut(rest[2:], []byte{0})
		if !ok {
			return errMediaStructure
		}
		translated, text, ok := bytes.Cut(rest, []byte{0})
		if !ok {
			return errMediaStructure
		}
		if compressed {
			b, err := inflate(text, true)
			if err != nil {
				return err
			}
			text = b
		}
		m.text(fieldText(keyword) + " " + fieldText(lang) + " " + fieldText(translated) + " " + fieldText(text))
	}
	return nil
}
