package extract

import (
	"bytes"
	"encoding/binary"
)

// A picture is skipped once its structure holds, and what follows its end
// marker gives only its printable runs. An archive or a PDF there (a
// PNG+ZIP polyglot any zip tool opens, a picture whose first kilobyte
// holds "%PDF-" so PDF viewers open it) keeps its text compressed, where
// no run shows it. So a picture that carries a container is a structure
// that does not hold: the member is read as any other (refused). Other
// trailers stay skipped with their runs: phones write a second JPEG (the
// MPF preview) after the first one's EOI.
//
// The signatures are checked with enough of their header's fixed fields
// that a photo's random bytes do not match by chance (a false match
// refuses the document; it never passes one): the long ones (7-Zip, RAR,
// xz, bzip2) anywhere, a PDF header with PDF objects and a stream, a zip
// entry or a gzip header anywhere after an end marker (trailers are short
// but for a phone's preview) and within the first kilobyte of media
// whose structure is not walked (a whole video is too many bytes for
// their shorter headers; tools open them at the start of a file), and a
// zip end of central directory record anywhere with a central directory
// where zip readers look for it.

// containerHeadWindow is how far into media whose structure is not walked
// a zip entry or a gzip header is looked for.
const containerHeadWindow = 1024

// longContainerMagic is container signatures long enough to be searched
// for anywhere: 7-Zip, RAR, xz.
var longContainerMagic = [][]byte{
	[]byte("7z\xbc\xaf\x27\x1c"),
	[]byte("Rar!\x1a\x07"),
	[]byte("\xfd7zXZ\x00"),
}

// carriesContainer says whether a member whose media structure ends at end
// (0 for media whose structure is not walked) carries an archive or a PDF:
// one that starts in what follows end, a PDF header where viewers look for
// one (isPDF), or a zip directory anywhere in the member (hasZipDirectory).
func carriesContainer(data []byte, end int) bool {
	trailer := data[min(end, len(data)):]
	head := trailer // after an end marker: all of it
	if end == 0 {
		head = data[:min(len(data), containerHeadWindow)]
	}
	for _, magic := range longContainerMagic {
		if bytes.Contains(trailer, magic) {
			return true
		}
	}
	return isPDF(data) || looksLikeLatePDF(trailer) || hasBzip2Header(trailer) ||
		hasZipLocalHeader(head) || hasGzipHeader(head) || hasZipDirectory(data)
}

// eachIndex calls at with every offset of magic in b, in order, until it
// returns true.
func eachIndex(b, magic []byte, at func(i int) bool) bool {
	for off := 0; ; {
		i := bytes.Index(b[off:], magic)
		if i < 0 {
			return false
		}
		if at(off + i) {
			return true
		}
		off += i + 1
	}
}

// hasZipLocalHeader finds a zip local file header: its signature, a
// version needed below 10.0 and a known compression method.
func hasZipLocalHeader(b []byte) bool {
	return eachIndex(b, []byte("PK\x03\x04"), func(i int) bool {
		if i+30 > len(b) {
			return false
		}
		version := binary.LittleEndian.Uint16(b[i+4:])
		switch binary.LittleEndian.Uint16(b[i+8:]) { // method
		case 0, 1, 6, 8, 9, 12, 14, 93, 95, 96, 97, 98, 99:
			return version < 100
		}
		return false
	})
}

// hasGzipHeader finds a gzip member header: its signature and deflate,
// no reserved flag, a known extra-flags value and operating system.
func hasGzipHeader(b []byte) bool {
	return eachIndex(b, []byte("\x1f\x8b\x08"), func(i int) bool {
		if i+10 > len(b) {
			return false
		}
		flags, xfl, os := b[i+3], b[i+8], b[i+9]
		return flags&0xe0 == 0 && (xfl == 0 || xfl == 2 || xfl == 4) && (os <= 13 || os == 255)
	})
}

// hasBzip2Header finds a bzip2 stream: "BZh", a block size digit, the
// first block's magic.
func hasBzip2Header(b []byte) bool {
	return eachIndex(b, []byte("1AY&SY"), func(i int) bool {
		return i >= 4 && string(b[i-4:i-1]) == "BZh" && b[i-1] >= '1' && b[i-1] <= '9'
	})
}

// hasZipDirectory finds an end of central directory record that names a
// central directory: anywhere in the data, with a central directory
// header signature where a zip reader would read the directory, or a
// zip64 locator just before it. Zip readers look for the record in the
// last 64 KiB and 22 bytes and accept bytes after it (Go's archive/zip
// checks only that its comment fits; Python's zipfile does not even
// check that); they find the directory at the record's offset less the
// directory's size (the entries may start anywhere: inside a private
// chunk, after any bytes) or at the offset it names; they read a local
// header's method and sizes from the directory, not from the header.
// So no other field is required to look sane, and the record is looked
// for in the whole member, not only where today's readers look: the two
// signatures at consistent offsets (8 bytes) do not match by chance, and
// a match only refuses the member. An empty archive names no directory
// header and carries nothing. One pass: each record costs O(1).
func hasZipDirectory(data []byte) bool {
	return eachIndex(data, []byte("PK\x05\x06"), func(e int) bool {
		if e+22 > len(data) {
			return false // zip readers need the whole record
		}
		records := binary.LittleEndian.Uint16(data[e+10:])
		size := uint64(binary.LittleEndian.Uint32(data[e+12:]))
		offset := uint64(binary.LittleEndian.Uint32(data[e+16:]))
		if records == 0xffff || size == 0xffffffff || offset == 0xffffffff {
			// Zip64: its real values are in a record the locator names.
			return e >= 20 && string(data[e-20:e-16]) == "PK\x06\x07"
		}
		isDirectory := func(at uint64) bool {
			return at+4 <= uint64(e) && string(data[at:at+4]) == "PK\x01\x02"
		}
		// Relative to the record (entries anywhere before it), or absolute.
		return size <= uint64(e) && isDirectory(uint64(e)-size) || isDirectory(offset)
	})
}
