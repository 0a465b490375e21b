package posture

import (
	"fmt"
	"regexp"
	"strings"
	"time"
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
// quoted-printable Content-Transfer-Encoding, an encoded word or an RFC
// 2231 extended parameter (name*= or name*N*=).
var innerMIMEMarker = regexp.MustCompile(`(?i)content-transfer-encoding[ \t]*:[^\n]*quoted-printable|=\?[^?\s]+\?[qb]\?|[;\s][a-z0-9_.-]{1,64}\*(?:\d{1,4}\*)?[ \t]*=`)

// base64BodyHeader is the field declaring a base64 MIME body.
var base64BodyHeader = regexp.MustCompile(`(?i)content-transfer-encoding[ \t]*:[ \t]*"?base64`)

// mimeBase64Runs returns the base64 runs (base64Runs) of the raw text, of
// it read as a lenient decoder reads a base64 body (maskDelimiterLines)
// when it has one, and of the
// decoded MIME text, each with the raw line it starts on. Runs found twice
// are kept twice (hits are deduplicated by value). cut is the raw line
// where the raw text's runs reached their bound (base64RunsCut), 0 if not.
func mimeBase64Runs(text string, qp qpDecoded) (runs []base64Run, cut int) {
	runs, cut = base64RunsCut(text)
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
	return runs, cut
}

// maskDelimiterLines reads text as a lenient MIME decoder reads a base64
// body, keeping every line end: lines that start with "--" (MIME delimiter
// lines) are blank, and a line of base64 characters broken by a few spaces
// or tabs (Python's email package skips them) is joined.
func maskDelimiterLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "--"):
			lines[i] = ""
		case brokenBase64Line(l):
			lines[i] = strings.NewReplacer(" ", "", "\t", "").Replace(l)
		}
	}
	return strings.Join(lines, "\n")
}

// brokenBase64Line says whether l is base64 characters (at least
// minBase64Run) broken by at most three runs of spaces or tabs inside it:
// prose, with a space every few words, is not.
func brokenBase64Line(l string) bool {
	l = strings.TrimSpace(l)
	gaps, chars := 0, 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			if l[i-1] != ' ' && l[i-1] != '\t' { // i > 0: l is trimmed
				gaps++
			}
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/', c == '=', c == '-', c == '_':
			chars++
		default:
			return false
		}
	}
	return gaps > 0 && gaps <= 3 && chars >= minBase64Run
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

// maxNestedBase64Bytes bounds the decoded text of the base64 runs found
// inside decoded runs (withNestedBase64Runs).
const maxNestedBase64Bytes = 16 << 20

// withNestedBase64Runs adds to runs the base64 runs inside those of them
// that hold a base64 MIME body (a mail attached in base64 whose own part
// is base64), each at its outer run's line. Only one level more is
// decoded: a nested run holding a base64 body again, or nested runs past
// maxNestedBase64Bytes, make the scan incomplete (the reason and line, ""
// if none), never a silent pass.
func withNestedBase64Runs(runs []base64Run) (all []base64Run, incomplete string, line int) {
	all = runs
	total := 0
	for _, run := range runs {
		if !base64BodyHeader.MatchString(run.decoded) {
			continue
		}
		nested := base64Runs(run.decoded)
		if masked := maskDelimiterLines(run.decoded); masked != run.decoded {
			nested = append(nested, base64Runs(masked)...)
		}
		for _, n := range nested {
			if total += len(n.decoded); total > maxNestedBase64Bytes {
				return all, fmt.Sprintf("base64 inside base64 beyond %d MiB decoded; not decoded from line %d on", maxNestedBase64Bytes>>20, run.line), run.line
			}
			if base64BodyHeader.MatchString(n.decoded) && incomplete == "" {
				incomplete, line = fmt.Sprintf("base64 body nested three levels deep at line %d; not decoded", run.line), run.line
			}
			n.line = run.line
			all = append(all, n)
		}
	}
	return all, incomplete, line
}

// scanRestMessages decodes the messages in runs past decodeMIMEInRuns'
// bound one run at a time (bounded memory) and hands add what the secret
// rules and the PII detectors find in them, each at its run's line. It
// stops, saying why and where, at maxScanFindings hits or after
// maxScanTime.
func scanRestMessages(rest []base64Run, detectors []string, add func(detector, rule string, line int, value string), hitCount func() int) (string, int, error) {
	start := time.Now()
	runSecrets, disabled := contentSecretRules(detectors)
	for _, run := range rest {
		if hitCount() >= maxScanFindings {
			return fmt.Sprintf("scan exceeded %d findings; not scanned from line %d on", maxScanFindings, run.line), run.line, nil
		}
		if time.Since(start) > maxScanTime {
			return fmt.Sprintf("scan exceeded %v; not scanned from line %d on", maxScanTime, run.line), run.line, nil
		}
		d := decodeMIME(strings.Split(stripFormatChars(run.decoded), "\n"))
		if runSecrets {
			res, err := detectSecrets(d.text, disabled)
			if err != nil {
				return "", 0, err
			}
			for _, m := range res.matches {
				add(DetectorSecrets, m.rule, run.line, m.value)
			}
			if res.incomplete != "" {
				return fmt.Sprintf("secret scan of the decoded text of messages in base64 stopped early; not scanned from line %d on", run.line), run.line, nil
			}
		}
		for _, line := range strings.Split(stripFormatChars(d.text), "\n") {
			findPIIInPieces(line, detectors, func(det, value string) { add(det, det, run.line, value) })
		}
	}
	return "", 0, nil
}
