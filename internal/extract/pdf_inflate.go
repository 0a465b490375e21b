package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"io"
	"regexp"
)

// streamStart finds the start of each stream's data: the stream keyword and
// its end-of-line.
var streamStart = regexp.MustCompile(`stream\r?\n`)

// imageDict tells an image XObject's dictionary, which text extraction never
// inflates, so images do not count against the budget.
var imageDict = regexp.MustCompile(`/Subtype\s*/Image`)

// ascii85Filter tells a stream dictionary naming ASCII85Decode (alone or
// before FlateDecode, the chain the reader supports).
var ascii85Filter = regexp.MustCompile(`/ASCII85Decode|/A85\b`)

// pdfContentInflatesBeyond reports whether the Flate streams of data that
// are not images inflate to more than budget bytes together. It inflates
// into io.Discard, so it costs time bounded by budget, not memory. A stream
// whose dictionary names ASCII85Decode is decoded from ASCII85 first, so
// the [/ASCII85Decode /FlateDecode] chain is measured too. This raw scan
// is a first pass (it also covers object and font streams); content
// streams are measured again through the reader's filters before they are
// interpreted (pdfExtractor.measure).
func pdfContentInflatesBeyond(data []byte, budget int64) bool {
	var total int64
	for _, loc := range streamStart.FindAllIndex(data, -1) {
		dictFrom := max(loc[0]-512, 0)
		dict := data[dictFrom:loc[0]]
		if imageDict.Match(dict) {
			continue
		}
		var raw io.Reader = bytes.NewReader(data[loc[1]:])
		if ascii85Filter.Match(dict) {
			raw = ascii85.NewDecoder(&ascii85Data{r: raw})
		}
		zr, err := zlib.NewReader(raw)
		if err != nil {
			continue // not Flate (or not compressed): its size is its length
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, budget-total+1))
		_ = zr.Close()
		total += n
		if total > budget {
			return true
		}
	}
	return false
}

// ascii85Data passes ASCII85 characters up to the end marker "~>", dropping
// white space (as the reader's own ASCII85 filter does).
type ascii85Data struct {
	r   io.Reader
	eod bool
}

func (a *ascii85Data) Read(p []byte) (int, error) {
	if a.eod {
		return 0, io.EOF
	}
	n, err := a.r.Read(p)
	out := 0
	for _, c := range p[:n] {
		if c == '~' {
			a.eod = true
			return out, io.EOF
		}
		if c >= '!' && c <= 'u' || c == 'z' {
			p[out] = c
			out++
		}
	}
	return out, err
}
