package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// maxNestedDepth bounds Office documents embedded in Office documents (a
// chart's workbook inside a DOCX is depth 1).
const maxNestedDepth = 2

// officeText reads the text of a DOCX, XLSX or PPTX: every XML member of the
// package, the main part (named by _rels/.rels) first and the parts it
// relates to after it, then the rest. Part names are the uploader's: a
// reader that trusted fixed names would scan a decoy beside the real part.
// Embedded documents are read when they are Office, PDF or text; another
// embedded object is "not scanned". Another zip is not a format this
// package knows: not scanned.
func officeText(data []byte, lim Limits) (Result, error) {
	run := &officeRun{lim: lim, inflateLeft: lim.MaxUncompressedBytes, entriesLeft: lim.MaxArchiveEntries, deadline: time.Now().Add(lim.Timeout)}
	format, err := run.archive(data, 0)
	if err != nil {
		if format == "" {
			format = "zip"
		}
		reason := err.Error()
		if ns, ok := err.(*NotScannedError); ok {
			reason = ns.Reason // the deadline between members
		}
		return Result{}, &NotScannedError{Format: format, Reason: reason, Transient: IsTransient(err)}
	}
	// Empty text passes only here: every text element of every XML member
	// was read, so empty text is an empty document, not one read wrongly.
	return Result{Format: format, Text: run.out.String()}, nil
}

// officeRun is one extraction: the budgets are shared by the top archive
// and the documents embedded in it.
type officeRun struct {
	lim         Limits
	inflateLeft int64 // uncompressed bytes left, all archives together
	entriesLeft int   // members left, all archives together
	out         strings.Builder
	// deadline is the whole extraction's: embedded PDFs are read within it
	// and it is checked between members, so an abandoned extraction stops.
	deadline time.Time
	attrs    strings.Builder // attribute text held until the line ends (office_xml.go)
}

var errNotOffice = errors.New("zip archive that is not a DOCX, XLSX or PPTX document")

// archive appends the text of one Office package. Reasons never name a
// member (the name is the uploader's content): members are numbered.
func (r *officeRun) archive(data []byte, depth int) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errors.New("corrupt zip archive")
	}
	if len(zr.File) > r.entriesLeft {
		return "", fmt.Errorf("archive has %d entries (embedded archives included), more than %d", r.lim.MaxArchiveEntries-r.entriesLeft+len(zr.File), r.lim.MaxArchiveEntries)
	}
	r.entriesLeft -= len(zr.File)
	pkg := newPackage(zr.File)
	format, ok := pkg.format()
	if !ok {
		return "", errNotOffice
	}
	types, err := pkg.contentTypes(r)
	if err != nil {
		return format, err
	}
	order, err := pkg.readingOrder(r)
	if err != nil {
		return format, err
	}
	for _, i := range order {
		if time.Now().After(r.deadline) {
			return format, errPDFDeadline(r.lim) // transient; same wording
		}
		if err := r.member(zr.File[i], i, depth, types.of(zr.File[i].Name)); err != nil {
			return format, err
		}
	}
	return format, nil
}

// member appends the text of member i, by its kind; ct is its declared
// content type.
func (r *officeRun) member(f *zip.File, i, depth int, ct string) error {
	kind := memberKindOf(f.Name)
	if kind == kindSkip {
		return nil
	}
	if f.Flags&0x1 != 0 {
		return fmt.Errorf("archive member %d is encrypted", i)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("archive member %d is corrupt or uses an unsupported compression method", i)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: r.inflateLeft + 1}
	r.separate()
	if kind == kindXML {
		err = r.xmlText(lr, i)
		if lr.N <= 0 {
			return errBomb
		}
		r.inflateLeft -= (r.inflateLeft + 1) - lr.N
	} else {
		data, skip, rerr := r.readOther(lr, f, ct)
		if lr.N <= 0 {
			return errBomb
		}
		if rerr != nil {
			return fmt.Errorf("archive member %d is corrupt", i)
		}
		// Counted before an embedded archive inflates its own members
		// against what is left.
		r.inflateLeft -= int64(len(data))
		if !skip {
			err = r.embedded(data, i, depth)
		}
	}
	if err != nil {
		return err
	}
	if int64(r.out.Len()) > r.lim.MaxTextBytes {
		return errTextCap(r.lim.MaxTextBytes)
	}
	return nil
}

// readOther reads a member that is not XML. Media recognised by its first
// bytes, and allowed by its declared content type, is skipped after them
// (skip is true; data is what was read); printer settings give their
// device and form names. Anything else is read whole for embedded.
func (r *officeRun) readOther(lr *io.LimitedReader, f *zip.File, ct string) (data []byte, skip bool, err error) {
	head := make([]byte, mediaHeadBytes)
	n, err := io.ReadFull(lr, head)
	head = head[:n]
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return head, false, err
	}
	if mediaContentType(ct) {
		if data, skip, err := r.readMedia(lr, head, f.UncompressedSize64); data != nil || err != nil {
			return data, skip, err
		}
	}
	if n < mediaHeadBytes {
		return head, false, nil
	}
	rest, err := io.ReadAll(lr)
	return slices.Concat(head, rest), false, err
}

// separate ends the text so far with a line break, so two parts' text is
// never glued into one word.
func (r *officeRun) separate() {
	if s := r.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
		r.out.WriteByte('\n')
	}
}

var errBomb = errors.New("archive inflates past its uncompressed size cap (zip bomb?)")

func errTextCap(capBytes int64) error {
	return fmt.Errorf("extracted text larger than %d bytes (the text cap); not scanned, not truncated", capBytes)
}

// embedded appends the text of a member that is not XML: an embedded
// Office document (read to maxNestedDepth), a PDF or text. Anything else
// (an OLE object, ActiveX control, macro project, unknown binary) is
// refused: text in it would not be scanned.
func (r *officeRun) embedded(data []byte, i, depth int) error {
	if len(data) == 0 {
		return nil
	}
	refuse := func(why string) error {
		return fmt.Errorf("embedded object (archive member %d) not scanned: %s", i, why)
	}
	// refuseErr wraps, so a transient cause (a deadline) stays visible.
	refuseErr := func(err error) error {
		return fmt.Errorf("embedded object (archive member %d) not scanned: %w", i, err)
	}
	textLeft := r.lim.MaxTextBytes - int64(r.out.Len())
	switch {
	case bytes.HasPrefix(data, magicZip):
		if depth+1 > maxNestedDepth {
			return refuse(fmt.Sprintf("documents nested more than %d deep", maxNestedDepth))
		}
		if _, err := r.archive(data, depth+1); err != nil {
			return refuseErr(err)
		}
		return nil
	case isPDF(data) && !bytes.HasPrefix(data, magicOLE):
		lim := r.lim
		lim.MaxTextBytes = textLeft
		res, used, err := pdfTextWithin(data, lim, r.deadline, r.inflateLeft)
		r.inflateLeft -= used
		if err != nil {
			return refuseErr(err)
		}
		r.out.WriteString(res.Text)
		return nil
	case bytes.HasPrefix(data, magicOLE):
		return refuse("OLE object (a legacy or encrypted Office file, or another application's data)")
	case isRTF(data): // an altChunk may be RTF or HTML: read as Word imports it
		text, why := rtfToText(data, textLeft)
		if why != "" {
			return refuse(why)
		}
		r.out.WriteString(text)
		return nil
	}
	text, ok := decodeText(data)
	if !ok {
		return refuse("binary data")
	}
	var uris []string
	if isHTML("", text) {
		text, uris = htmlConvert(text)
	}
	if int64(len(text)) > textLeft {
		return errTextCap(r.lim.MaxTextBytes)
	}
	r.out.WriteString(text)
	if len(uris) == 0 {
		return nil
	}
	// Documents in the HTML's data: URIs are read as a browser shows them,
	// within this document's budgets and nesting depth.
	emb := &htmlEmbeds{lim: r.lim, deadline: r.deadline, inflateLeft: r.inflateLeft,
		entriesLeft: r.entriesLeft, textLeft: textLeft - int64(len(text))}
	more, err := emb.readURIs(uris, depth+1)
	r.inflateLeft, r.entriesLeft = emb.inflateLeft, emb.entriesLeft
	if err != nil {
		return refuseErr(err)
	}
	r.out.WriteString(more)
	return nil
}
