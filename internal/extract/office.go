package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// officeText reads the text parts of a DOCX, XLSX or PPTX. Another zip is
// not a format this package knows: not scanned.
func officeText(data []byte, lim Limits) (Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Result{}, notScanned("zip", "corrupt zip archive")
	}
	if len(zr.File) > lim.MaxArchiveEntries {
		return Result{}, notScanned("zip", "archive has %d entries, more than %d", len(zr.File), lim.MaxArchiveEntries)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	a := &archive{files: files, budget: lim.MaxUncompressedBytes, maxText: lim.MaxTextBytes}
	var parts []string
	var format string
	switch {
	case files["word/document.xml"] != nil:
		format = "docx"
		parts = append([]string{"word/document.xml"}, a.matching("word/", "header", "footer", "footnotes", "endnotes", "comments")...)
	case files["xl/workbook.xml"] != nil:
		format = "xlsx"
		parts = append([]string{"xl/sharedStrings.xml"}, a.matching("xl/worksheets/", "sheet")...)
	case files["ppt/presentation.xml"] != nil:
		format = "pptx"
		parts = append(a.matching("ppt/slides/", "slide"), a.matching("ppt/notesSlides/", "notesSlide")...)
	default:
		return Result{}, notScanned("zip", "zip archive that is not a DOCX, XLSX or PPTX document")
	}
	var out strings.Builder
	for _, p := range parts {
		if files[p] == nil {
			continue
		}
		if err := a.xmlText(p, &out); err != nil {
			return Result{}, notScanned(format, "%v", err)
		}
	}
	return Result{Format: format, Text: out.String()}, nil
}

type archive struct {
	files   map[string]*zip.File
	budget  int64 // uncompressed bytes left for the whole archive
	maxText int64
}

// matching lists members directly under dir whose base name starts with one
// of prefixes and ends in .xml, in natural order (slide2 before slide10).
func (a *archive) matching(dir string, prefixes ...string) []string {
	var out []string
	for name := range a.files {
		if !strings.HasPrefix(name, dir) || strings.Contains(strings.TrimPrefix(name, dir), "/") || path.Ext(name) != ".xml" {
			continue
		}
		base := path.Base(name)
		for _, p := range prefixes {
			if strings.HasPrefix(base, p) {
				out = append(out, name)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

func naturalLess(a, b string) bool {
	na, sa := trailingNumber(a)
	nb, sb := trailingNumber(b)
	if sa == sb {
		return na < nb
	}
	return a < b
}

func trailingNumber(s string) (int, string) {
	s = strings.TrimSuffix(s, ".xml")
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return n, s[:i]
}

var errBomb = errors.New("archive inflates past its uncompressed size cap (zip bomb?)")

// xmlText appends the character data of one member, a newline after each
// paragraph, row or shared string, and a tab between cells.
func (a *archive) xmlText(name string, out *strings.Builder) error {
	f := a.files[name]
	rc, err := f.Open()
	if err != nil {
		return errors.New("corrupt or encrypted archive member " + name)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: a.budget + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return errBomb
			}
			return errors.New("corrupt XML in " + name)
		}
		switch t := tok.(type) {
		case xml.CharData:
			out.Write(t)
		case xml.EndElement:
			switch t.Name.Local {
			case "p", "si", "row", "br":
				out.WriteByte('\n')
			case "c", "tab":
				out.WriteByte('\t')
			}
		}
		if int64(out.Len()) > a.maxText {
			return errors.New("extracted text larger than the cap")
		}
	}
	if lr.N <= 0 {
		return errBomb
	}
	a.budget -= (a.budget + 1) - lr.N
	return nil
}
