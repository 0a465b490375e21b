package extract

// walkGIF walks a GIF's blocks from its header to the trailer: color
// tables and image descriptors inside the member, every extension and
// image's data sub-blocks ended by a zero-length one, at least one image.
// Comment extensions are written as text; the data of other extensions
// and of images (sub-blocks joined, so a text split by their length bytes
// is found whole) and every other byte give their printable runs, what
// follows the trailer included.
func walkGIF(data []byte, m *mediaText) error {
	if len(data) < 13 {
		return errMediaStructure
	}
	pos := 13
	if flags := data[10]; flags&0x80 != 0 { // global color table
		pos += 3 << (flags&7 + 1)
	}
	if pos > len(data) {
		return errMediaStructure
	}
	m.raw(data[:pos])
	sawImage := false
	// subBlocks reads sub-blocks from pos to their terminator, giving
	// each one's data to use.
	subBlocks := func(use func([]byte)) bool {
		for {
			if pos >= len(data) {
				return false
			}
			n := int(data[pos])
			pos++
			if n == 0 {
				m.raw(data[pos-1 : pos])
				return true
			}
			if pos+n > len(data) {
				return false
			}
			use(data[pos : pos+n])
			pos += n
		}
	}
	for {
		if pos >= len(data) {
			return errMediaStructure
		}
		switch data[pos] {
		case 0x3b: // trailer
			if !sawImage || carriesContainer(data, pos+1) {
				return errMediaStructure
			}
			m.end()
			m.raw(data[pos:]) // the trailer and what follows the picture
			return nil
		case 0x21: // extension
			if pos+2 > len(data) {
				return errMediaStructure
			}
			label := data[pos+1]
			m.raw(data[pos : pos+2])
			pos += 2
			var comment []byte
			ok := subBlocks(func(b []byte) {
				if label == 0xfe {
					comment = append(comment, b...)
				} else {
					m.raw(b)
				}
			})
			if !ok {
				return errMediaStructure
			}
			if label == 0xfe {
				m.text(fieldText(comment))
			}
		case 0x2c: // image descriptor
			if pos+11 > len(data) {
				return errMediaStructure
			}
			start := pos
			if flags := data[pos+9]; flags&0x80 != 0 { // local color table
				pos += 3 << (flags&7 + 1)
			}
			pos += 10
			if pos >= len(data) || data[pos] > 12 { // LZW minimum code size
				return errMediaStructure
			}
			pos++
			m.raw(data[start:pos])
			if !subBlocks(m.raw) {
				return errMediaStructure
			}
			sawImage = true
		default:
			return errMediaStructure
		}
	}
}
