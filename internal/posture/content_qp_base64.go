package posture

import (
	"regexp"
	"strings"
)

// Base64 and MIME encodings nest: a quoted-printable HTML body holds a
// base64 data: URI (cut by soft breaks and =3D in the raw text), and a
// message attached in base64 (a forwarded .eml) holds quoted-printable
// bodies and encoded words. The content scan reads base64 runs of the
// decoded MIME text too, and decodes the messages in base64 runs like the
// text's own (one level each way: every pass is bounded).

// maxInnerMIMEBytes bounds the decoded text of messages in base64 runs
// kept for the secret rules and the line scan; the messages of the runs
// after it are still read for personal data, one run at a time.
const maxInnerMIMEBytes = 16 << 20

// innerMIMEMarker is what a run must hold to be decoded as a message: a
// quoted-printable Content-Transfer-Encoding or an encoded word.
var innerMIMEMarker = regexp.MustCompile(`(?i)content-transfer-encoding[ \t]*:[^\n]*quoted-printable|=\?[^?\s]+\?[qb]\?`)

// base64BodyHeader is the field declaring a base64 MIME body.
var base64BodyHeader = regexp.MustCompile(`(?i)content-transfer-encoding[ \t]*:[ \t]*"?base64`)

// mimeBase64Runs returns the base64 runs (base64Runs) of the raw text, of
// it with MIME delimiter lines blank when it has a base64 body, and of the
// decoded MIME text, each with the raw line it starts on. Runs found twice
// are kept twice (hits are deduplicated by value).
func mimeBase64Runs(text string, qp qpDecoded) []base64Run {
	runs := base64Runs(text)
	// A MIME delimiter line ("--boundary--" is all base64url characters)
	// right after a base64 body is read as the body's last line, and the
	// body then decodes to no text: read once more with those lines blank
	// (same line numbers).
	if base64BodyHeader.MatchString(text) {
		if masked := maskDelimiterLines(text); masked != text {
			runs = append(runs, base64Runs(masked)...)
		}
	}
	if qp.text != "" {
		for _, run := range base64Runs(qp.text) {
			run.line = qp.rawLine(run.line)
			runs = append(runs, run)
		}
	}
	return runs
}

// maskDelimiterLines blanks the lines of text that start with "--" (MIME
// delimiter lines), keeping every line end.
func maskDelimiterLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "--") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// decodeMIMEInRuns decodes the messages in runs (decodeMIME), every line
// mapped to the raw line of its run, up to maxInnerMIMEBytes; rest are the
// runs holding a message that the bound left out.
func decodeMIMEInRuns(runs []base64Run) (inner qpDecoded, rest []base64Run) {
	var b strings.Builder
	for _, run := range runs {
		if !innerMIMEMarker.MatchString(run.decoded) {
			continue
		}
		if b.Len() >= maxInnerMIMEBytes {
			rest = append(rest, run)
			continue
		}
		d := decodeMIME(strings.Split(stripFormatChars(run.decoded), "\n"))
		if len(d.lines) == 0 {
			continue
		}
		if len(inner.lines) > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.text)
		for range d.lines {
			inner.lines = append(inner.lines, run.line)
		}
	}
	inner.text = b.String()
	return inner, rest
}
