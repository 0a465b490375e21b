package extract

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// A page can carry a document in a data: URI (an <iframe>, <embed> or
// <object> a browser renders inline, a link it opens): the page shows its
// text, while the file holds it base64-encoded (a PDF's text compressed
// too). Every data: URI of an attribute that is not an image is decoded
// and read as an embedded document is in an Office package: Office, PDF,
// RTF, HTML (its own data: URIs to maxNestedDepth) or text; anything else
// is refused, as is a URI that does not decode. Images (a picture's bytes
// behind an image type) are skipped, as pictures are in Office files;
// SVG is text and is read.

// isDataURI says whether an attribute value is a data: URI.
func isDataURI(v string) bool {
	v = strings.TrimLeft(v, " \t\r\n\f")
	return len(v) >= 5 && strings.EqualFold(v[:5], "data:")
}

// htmlEmbeds reads the documents of one page's data: URIs; the budgets are
// shared by all of them, nested ones included.
type htmlEmbeds struct {
	lim         Limits
	deadline    time.Time
	inflateLeft int64 // decoded and inflated bytes left
	entriesLeft int   // archive members left
	textLeft    int64 // text left under the cap
	n           int   // URIs read so far, to number them in reasons
}

func newHTMLEmbeds(lim Limits) *htmlEmbeds {
	return &htmlEmbeds{lim: lim, deadline: time.Now().Add(lim.Timeout), inflateLeft: lim.MaxUncompressedBytes,
		entriesLeft: lim.MaxArchiveEntries, textLeft: lim.MaxTextBytes}
}

// readURIs returns the text of the documents of uris (each on lines of
// its own), read at depth (the page's are depth 1).
func (e *htmlEmbeds) readURIs(uris []string, depth int) (string, error) {
	var out strings.Builder
	for _, uri := range uris {
		e.n++
		n := e.n
		refuse := func(why string) error {
			return fmt.Errorf("embedded object (data: URI %d) not scanned: %s", n, why)
		}
		mediaType, data, ok := decodeDataURI(uri)
		if !ok && isImageType(mediaType) {
			continue // a broken picture: a browser shows no text
		}
		if !ok {
			return "", refuse("its data does not decode")
		}
		if int64(len(data)) > e.inflateLeft {
			return "", refuse("data past the uncompressed size cap")
		}
		e.inflateLeft -= int64(len(data))
		var text string
		var err error
		switch {
		case isImageData(mediaType, data):
			// A picture is not read, but a few magic bytes must not hide
			// text written after them: its printable runs are kept.
			var held strings.Builder
			writeHeldRuns(&held, data)
			text = held.String()
		case depth > maxNestedDepth:
			return "", refuse(fmt.Sprintf("documents nested more than %d deep", maxNestedDepth))
		case time.Now().After(e.deadline):
			return "", errPDFDeadline(e.lim) // transient; same wording
		default:
			text, err = e.read(data, depth)
		}
		if err != nil {
			return "", fmt.Errorf("embedded object (data: URI %d) not scanned: %w", n, err)
		}
		if text == "" {
			continue
		}
		if int64(out.Len()+len(text)+2) > e.textLeft {
			return "", errTextCap(e.lim.MaxTextBytes)
		}
		out.WriteByte('\n')
		out.WriteString(strings.TrimSuffix(text, "\n"))
		out.WriteByte('\n')
	}
	e.textLeft -= int64(out.Len())
	return out.String(), nil
}

// read returns the text of one embedded document.
func (e *htmlEmbeds) read(data []byte, depth int) (string, error) {
	lim := e.lim
	lim.MaxTextBytes = e.textLeft
	switch {
	case len(data) == 0:
		return "", nil
	case bytes.HasPrefix(data, magicZip):
		run := &officeRun{lim: lim, inflateLeft: e.inflateLeft, entriesLeft: e.entriesLeft, deadline: e.deadline}
		_, err := run.archive(data, depth)
		e.inflateLeft, e.entriesLeft = run.inflateLeft, run.entriesLeft
		if err != nil {
			return "", err
		}
		return run.out.String(), nil
	case bytes.HasPrefix(data, magicOLE):
		return "", fmt.Errorf("OLE object (a legacy or encrypted Office file, or another application's data)")
	case isPDF(data):
		res, used, err := pdfTextWithin(data, lim, e.deadline, e.inflateLeft)
		e.inflateLeft -= used
		return res.Text, err
	case isRTF(data):
		text, why := rtfToText(data, e.textLeft)
		if why != "" {
			return "", fmt.Errorf("%s", why)
		}
		return text, nil
	}
	text, ok := decodeText(data)
	if !ok {
		return "", fmt.Errorf("binary data")
	}
	if !isHTML("", text) && !isSVG(text) {
		return text, nil
	}
	page, uris := htmlConvert(text)
	if len(uris) == 0 {
		return page, nil
	}
	more, err := e.readURIs(uris, depth+1)
	return page + more, err
}

// decodeDataURI returns the media type (lower case, "text/plain" when
// absent) and the data of a data: URI, as a browser decodes it: the data
// percent-decoded, then base64-decoded when marked ";base64" (white space
// ignored, padding optional).
func decodeDataURI(uri string) (string, []byte, bool) {
	uri = strings.TrimLeft(uri, " \t\r\n\f")[5:]
	comma := strings.IndexByte(uri, ',')
	if comma < 0 {
		return "", nil, false
	}
	params := strings.Split(uri[:comma], ";")
	mediaType := strings.ToLower(strings.TrimSpace(params[0]))
	if mediaType == "" {
		mediaType = "text/plain"
	}
	isBase64 := len(params) > 1 && strings.EqualFold(strings.TrimSpace(params[len(params)-1]), "base64")
	payload, err := url.PathUnescape(uri[comma+1:])
	if err != nil {
		payload = uri[comma+1:] // a stray '%' is kept as written
	}
	if !isBase64 {
		return mediaType, []byte(payload), true
	}
	payload = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\r\n\f", r) {
			return -1
		}
		return r
	}, payload)
	data, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
	if err != nil {
		return mediaType, nil, false
	}
	return mediaType, data, true
}

// isImageData says whether a data: URI is a picture: an image type (not
// SVG, which is text) and a picture's bytes.
func isImageData(mediaType string, data []byte) bool {
	if !isImageType(mediaType) {
		return false
	}
	has := func(off int, magic string) bool {
		return len(data) >= off+len(magic) && string(data[off:off+len(magic)]) == magic
	}
	le := func(off, n int) int {
		v := 0
		for i := n - 1; i >= 0 && off+i < len(data); i-- {
			v = v<<8 | int(data[off+i])
		}
		return v
	}
	return has(0, "\x89PNG\r\n\x1a\n") || has(0, "\xff\xd8\xff") || has(0, "GIF87a") || has(0, "GIF89a") ||
		has(0, "RIFF") && has(8, "WEBP") || has(4, "ftyp") ||
		has(0, "BM") && len(data) >= 14 && le(2, 4) == len(data) || // BMP: its own size
		has(0, "\x00\x00\x01\x00") && le(4, 2) > 0 && 6+16*le(4, 2) <= len(data) // ICO: its directory fits
}

// isImageType says whether a media type is a picture's (SVG is text).
func isImageType(mediaType string) bool {
	return strings.HasPrefix(mediaType, "image/") && !strings.Contains(mediaType, "svg")
}

// isSVG says whether text starts like an SVG document (read as markup).
func isSVG(text string) bool {
	s := strings.ToLower(strings.TrimLeft(text, " \t\r\n\f\ufeff"))
	return strings.HasPrefix(s, "<svg") || strings.HasPrefix(s, "<?xml") && strings.Contains(s[:min(len(s), 512)], "<svg")
}
