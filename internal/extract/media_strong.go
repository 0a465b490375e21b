package extract

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"strings"
	"sync"
)

// A strong media signature (PNG, JPEG, GIF, a font collection, a web
// font, an MPEG stream, ...) is not enough to skip a member: an uploader
// can start any bytes with one. A member recognised as media is read
// whole and skipped only when its structure holds: PNG chunks to IEND,
// JPEG segments and entropy-coded data to EOI, GIF blocks to the trailer,
// the headers of font collections, web fonts and MPEG program streams.
// What it carries as text (PNG text chunks, JPEG comments and XMP, GIF
// comments, WOFF metadata, a gzipped metafile's names) is written to the
// text, and so are the printable runs of every other byte of it, pixel
// data and whatever follows the end marker included: text in a picture
// is scanned as text written after its magic bytes is. A member that
// carries an archive or a PDF (media_containers.go), whose compressed
// text no run shows, is a structure that does not hold. A member whose
// structure does not hold is read as any other member (as text, or
// refused), as a weak signature's is (office_media_weak.go).
//
// Pictures are inflated whole, so they count against the inflate budget,
// at 1/mediaCostDivisor of their size (and of what their compressed parts
// inflate to): a deck of large pictures is not a zip bomb, and all the
// media of a document together inflate at most mediaCostDivisor times the
// budget before it is "not scanned".

// mediaCostDivisor is how many inflated bytes of media cost one byte of
// the inflate budget.
const mediaCostDivisor = 4

var (
	// errMediaStructure: the member's structure does not hold.
	errMediaStructure = errors.New("media structure does not hold")
	// errMediaBomb: the member's compressed parts inflate past the budget.
	errMediaBomb = errors.New("media inflates past the budget")
)

// mediaText is the text of one media member, written apart from the
// document's until its structure is known to hold.
type mediaText struct {
	out  strings.Builder
	runs runStream
	room int64 // bytes its compressed parts may still inflate
	used int64 // bytes they inflated
}

func newMediaText(textLeft int, room int64, member []byte) *mediaText {
	m := &mediaText{room: room}
	m.runs = runStream{out: &m.out, limit: textLeft, member: member}
	return m
}

// raw adds bytes of the member to the stream whose printable runs are
// written.
func (m *mediaText) raw(b []byte) { m.runs.write(b) }

// end ends the stream of raw bytes: a run does not continue past it.
func (m *mediaText) end() { m.runs.end() }

// text writes text the member carries, on a line of its own.
func (m *mediaText) text(s string) {
	m.runs.end()
	if s = strings.TrimSpace(s); s != "" && m.out.Len() <= m.runs.limit {
		m.out.WriteByte('\n')
		m.out.WriteString(s)
	}
}

// inflate reads the decompressed bytes of r (a zlib or gzip stream in the
// member), within the room left; text is true for text, which is not
// read past the text cap (what is read is written, and the cap refuses
// the document). A stream that does not decode is a structure that does
// not hold.
func (m *mediaText) inflate(r io.Reader, text bool) ([]byte, error) {
	limit, capped := m.room, false
	if left := max(int64(m.runs.limit-m.out.Len()), 0); text && left < limit {
		limit, capped = left, true
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	n := int64(len(b))
	switch {
	case n > limit && capped: // text past the cap: written, the cap refuses
		m.used += n
		return b, nil
	case n > limit:
		return nil, errMediaBomb
	case err != nil:
		return nil, errMediaStructure
	}
	m.room -= n
	m.used += n
	return b, nil
}

// mediaBuffers holds the buffers media members are read into, so a deck
// of pictures reuses one.
var mediaBuffers sync.Pool

// readStrongMedia decides a member that starts with a strong media
// signature (head is its first bytes, lr the rest, size its declared
// size), as readMedia does. Its bytes are read past lr's limit (the
// inflate budget at full cost) up to mediaCostDivisor times the budget;
// one that does not fit, or whose compressed parts do not, is a zip bomb:
// lr.N is set to 0, which the caller reports as one.
func (r *officeRun) readStrongMedia(lr *io.LimitedReader, head []byte, size uint64) (data []byte, skip bool, err error) {
	room := int64(math.MaxInt64 / 2) // room for a byte more, and the head
	if r.inflateLeft < math.MaxInt64/2/mediaCostDivisor {
		room = mediaCostDivisor * r.inflateLeft
	}
	data, pooled, err := readMediaWhole(lr.R, head, size, room)
	release := func() {
		if pooled {
			buf := data[:0] // not data itself: the return statement sets it
			mediaBuffers.Put(&buf)
		}
	}
	if err != nil {
		return data, false, err // the caller reports corruption
	}
	if int64(len(data)) > room {
		release()
		lr.N = 0
		return head[:0], false, nil
	}
	textLeft := r.lim.MaxTextBytes - int64(r.out.Len())
	m := newMediaText(int(min(textLeft, math.MaxInt32)), room-int64(len(data)), data)
	werr := walkMedia(data, m)
	defer m.runs.free()
	switch {
	case errors.Is(werr, errMediaBomb):
		release()
		lr.N = 0
		return head[:0], false, nil
	case werr != nil && int64(len(data)) > r.inflateLeft:
		// Read as any other member, it counts in full: past the budget.
		release()
		lr.N = 0
		return head[:0], false, nil
	case werr != nil:
		return data, false, nil // read as any other member
	}
	m.end()
	r.out.WriteString(m.out.String())
	r.inflateLeft -= (int64(len(data)) + m.used + mediaCostDivisor - 1) / mediaCostDivisor
	release()
	return head[:0], true, nil
}

// maxMediaPrealloc bounds the buffer allocated from a member's declared
// size (the uploader's) before its bytes are read.
const maxMediaPrealloc = 64 << 20

// readMediaWhole reads the rest of a member after head from rest, up to
// one byte past room in all; pooled says the result is a buffer of
// mediaBuffers.
func readMediaWhole(rest io.Reader, head []byte, size uint64, room int64) ([]byte, bool, error) {
	if len(head) < mediaHeadBytes {
		return head, false, nil // all of it
	}
	lr := &io.LimitedReader{R: rest, N: max(room-int64(len(head)), 0) + 1}
	hint := int(min(size, uint64(room), maxMediaPrealloc)) + 1
	var buf []byte
	if p, ok := mediaBuffers.Get().(*[]byte); ok {
		buf = (*p)[:0]
	}
	if cap(buf) < hint {
		buf = make([]byte, 0, hint)
	}
	buf = append(buf, head...)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, true, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
}

// walkMedia checks the structure of a member with a strong signature
// and writes its text to m.
func walkMedia(data []byte, m *mediaText) error {
	has := func(magic string) bool { return bytes.HasPrefix(data, []byte(magic)) }
	switch {
	case has("\x89PNG\r\n\x1a\n"):
		return walkPNG(data, m)
	case has("\xff\xd8\xff"):
		return walkJPEG(data, m)
	case has("GIF87a"), has("GIF89a"):
		return walkGIF(data, m)
	case has("wOFF"):
		return walkWOFF(data, m)
	case has("wOF2"):
		// Its tables are one Brotli stream, which is not decoded here: a
		// font's name table could carry text no run shows. Office never
		// embeds WOFF2 (it uses obfuscated TrueType and EOT), so the member
		// is read as any other (refused) rather than skipped unread.
		return errMediaStructure
	case has("ttcf") && !ttcValid(data), has("\x00\x00\x01\xba") && !mpegPackValid(data):
		return errMediaStructure
	case has("\x1f\x8b\x08"):
		return walkGzipMetafile(data, m)
	}
	// Other media: its printable runs, unless it opens as an archive or a
	// PDF (media_containers.go).
	if carriesContainer(data, 0) {
		return errMediaStructure
	}
	m.raw(data)
	return nil
}

// walkGzipMetafile writes the runs of a gzipped metafile (.emz, .wmz),
// inflated, and the names in its gzip header.
func walkGzipMetafile(data []byte, m *mediaText) error {
	br := bytes.NewReader(data)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return errMediaStructure
	}
	zr.Multistream(false)
	m.text(zr.Name + "\n" + zr.Comment)
	m.raw(zr.Extra)
	m.end()
	inner, err := m.inflate(zr, false)
	if err != nil {
		return err
	}
	m.raw(inner)
	m.end()
	m.raw(data[len(data)-br.Len():]) // what follows the gzip stream
	return nil
}
