package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// mediaHeadBytes is how much of a member is read to recognise it as media
// before the rest. Media is then read whole and its structure checked
// (media_strong.go): a signature alone skips nothing.
const mediaHeadBytes = 512

// isMediaBytes says whether a member starting with head (size bytes in
// all) starts like an image, audio, video or font by its bytes: a strong
// signature, which readStrongMedia then checks against the whole member. A member's name and
// extension are the uploader's and never decide. Formats without a magic
// number of their own are not here: they are read as text or refused.
func isMediaBytes(head []byte, size uint64) bool {
	if looksLikeText(head) {
		// Text is never media, whatever its first letters spell ("true",
		// "GIF89a", "ID3"): a UTF-16 BOM (FF FE) even passes for an MPEG
		// audio frame.
		return false
	}
	has := func(off int, magic string) bool {
		return len(head) >= off+len(magic) && string(head[off:off+len(magic)]) == magic
	}
	le32 := func(off int) uint64 {
		if len(head) < off+4 {
			return 0
		}
		return uint64(binary.LittleEndian.Uint32(head[off:]))
	}
	switch {
	case has(0, "\x89PNG\r\n\x1a\n"), has(0, "\xff\xd8\xff"),
		has(0, "GIF87a"), has(0, "GIF89a"),
		has(0, "II*\x00"), has(0, "MM\x00*"), has(0, "II\xbc"), // TIFF, JPEG XR (.wdp)
		has(0, "\xd7\xcd\xc6\x9a"),                                             // placeable WMF
		has(0, "\x01\x00\x09\x00\x00\x03"), has(0, "\x02\x00\x09\x00\x00\x03"), // WMF
		has(0, "ID3"), has(0, "OggS"), has(0, "fLaC"), has(0, "MThd"),
		has(0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11"),             // ASF: WMA, WMV
		has(0, "\x00\x00\x01\xba"), has(0, "\x00\x00\x01\xb3"), // MPEG
		has(4, "ftyp"), has(4, "moov"), has(4, "mdat"), has(4, "wide"), // MP4, MOV, M4A, HEIC
		has(0, "RIFF") && (has(8, "WAVE") || has(8, "AVI ") || has(8, "WEBP")),
		has(0, "FORM") && (has(8, "AIFF") || has(8, "AIFC")),
		has(0, "ttcf"), has(0, "wOFF"), has(0, "wOF2"), // font collection, web fonts
		has(0, "\x1a\x45\xdf\xa3"),                               // Matroska, WebM
		has(0, "8BPS"), has(0, "\x00\x00\x00\x0cjP  \r\n\x87\n"): // PSD, JPEG 2000
		return true
	case has(0, "BM") && le32(2) == size && le32(6) == 0: // BMP: its size, reserved zero
		return true
	case le32(0) == 1 && has(40, " EMF"): // EMF header record
		return true
	case has(34, "LP") && le32(0) == size: // Embedded OpenType (.fntdata)
		return true
	case has(0, "\x1f\x8b\x08"): // .emz, .wmz: a gzipped metafile
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false
		}
		inner := make([]byte, 64)
		n, _ := io.ReadFull(zr, inner)
		inner = inner[:n]
		return len(inner) >= 44 && (bytes.HasPrefix(inner, []byte("\xd7\xcd\xc6\x9a")) ||
			binary.LittleEndian.Uint32(inner) == 1 && string(inner[40:44]) == " EMF")
	}
	return isObfuscatedFont(head, size)
}

// looksLikeText says whether head starts with a text BOM or is UTF-8 text
// without control characters (a rune cut at the end of head allowed).
func looksLikeText(head []byte) bool {
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return true
	}
	for i := 0; i < len(head); {
		c := head[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false
		}
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n <= 1 {
			return len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
		}
		i += n
	}
	return true
}

// isObfuscatedFont recognises a font Word embeds obfuscated (.odttf): the
// first 32 bytes are XORed with a key, the table directory after them is
// the font's: table records 2 and 3 have printable tags in order and lie
// inside the file.
func isObfuscatedFont(head []byte, size uint64) bool {
	if len(head) < 76 {
		return false
	}
	record := func(off int) (string, bool) {
		tag := head[off : off+4]
		for _, c := range tag {
			if c < 0x20 || c > 0x7e {
				return "", false
			}
		}
		start := uint64(binary.BigEndian.Uint32(head[off+8:]))
		length := uint64(binary.BigEndian.Uint32(head[off+12:]))
		return string(tag), start >= 76 && start+length <= size
	}
	t2, ok2 := record(44)
	t3, ok3 := record(60)
	return ok2 && ok3 && t2 < t3
}

// mediaContentType says whether a declared content type allows a member
// to be skipped as media. A part Office reads as text or a document
// (text/html, application/rtf, a main part) is read whatever its first
// bytes: Word imports an altChunk by its content type.
func mediaContentType(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch {
	case ct == "", ct == "application/octet-stream", ct == "application/x-msmetafile":
		return true
	case strings.HasPrefix(ct, "image/"), strings.HasPrefix(ct, "audio/"), strings.HasPrefix(ct, "video/"),
		strings.HasPrefix(ct, "font/"), strings.Contains(ct, "font"), strings.Contains(ct, "printersettings"):
		return true
	}
	return false
}

// devmodeText recognises printer settings (a Windows DEVMODE structure:
// a device name of 32 UTF-16 characters, then its own size and the size of
// the driver's data, which add up to the member's) and returns the text
// in them: the device and form names.
func devmodeText(head []byte, size uint64) (string, bool) {
	if len(head) < 72 {
		return "", false
	}
	dmSize := uint64(binary.LittleEndian.Uint16(head[68:]))
	extra := uint64(binary.LittleEndian.Uint16(head[70:]))
	if dmSize < 72 || dmSize+extra != size {
		return "", false
	}
	name := func(b []byte) (string, bool) {
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			c := binary.LittleEndian.Uint16(b[i:])
			if c == 0 {
				break
			}
			if c < 0x20 {
				return "", false
			}
			u = append(u, c)
		}
		return string(utf16.Decode(u)), true
	}
	device, ok := name(head[:64])
	if !ok {
		return "", false
	}
	text := device
	if dmSize >= 166 && len(head) >= 166 {
		form, ok := name(head[102:166])
		if !ok {
			return "", false
		}
		text = strings.TrimSpace(device + " " + form)
	}
	return text, true
}
