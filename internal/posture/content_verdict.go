package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// contentEngineVersion changes whenever a detector's behaviour does (the
// secret rules: gitleaks' release and ours; the PII validators), so cached
// verdicts of an older engine are never reused.
const contentEngineVersion = secretEngineVersion + "; pii v5 (prefixes at separators, Unicode spaces, dashes and digits, wide group separators, dotted cards and SSNs, lower-case grouped IBANs, base64 decoded, also line by line and after path slashes); content v7 (quoted-printable MIME bodies also scanned decoded, by the secret rules, PII detectors and custom patterns; boundaries followed as a reader does (multipart only, a stack, mbox separators), every line of a body decoded, bodies after a malformed header block, Windows-1252 bytes, UTF-16 and legacy charsets, RFC 2047 encoded words and RFC 2231 parameters, lone CR line ends, base64 in decoded text, messages in base64 decoded); content v8 (long lines read for PII in overlapping pieces, decoded MIME text capped at 64 MiB (scan incomplete beyond), base64 past the decode bound decoded in pieces, base64 inside base64 one level more, messages past the inner bound read by the secret rules too, boundary only from the first well-formed Content-Type, RFC 2231 and past-bound charset/boundary parameters, folded base64 encoded words, overlapping encoded-word units); content v9 (base64 pieces keep the characters cut at their edges, base64 body lines broken by spaces joined, more than 256 base64 runs of text reported incomplete)"

// ContentSelection is what a content check scans for: its detectors and
// custom patterns. Two rules with the same selection share verdicts.
type ContentSelection struct {
	Detectors      []string `json:"detectors"`
	CustomPatterns []string `json:"custom_patterns"`
}

// Key identifies the selection and the engine version (for verdict caches).
func (s ContentSelection) Key() string {
	d := slices.Clone(s.Detectors)
	for i := range d {
		d[i] = strings.ToLower(d[i])
	}
	slices.Sort(d)
	d = slices.Compact(d)
	h := sha256.Sum256([]byte(contentEngineVersion + "\x00" + strings.Join(d, "\x01") + "\x00" + strings.Join(s.CustomPatterns, "\x01")))
	return hex.EncodeToString(h[:12])
}

func contentSelection(p resolvedParams) ContentSelection {
	return ContentSelection{Detectors: p.list("detectors"), CustomPatterns: p.list("custom_patterns")}
}

// ContentHit is one detection, redacted: the rule, the 1-based line and at
// most the first and last two characters of the match.
type ContentHit struct {
	Detector string `json:"detector"`
	Rule     string `json:"rule"`
	Line     int    `json:"line"`
	Preview  string `json:"preview"`
	// Digest is no longer set: a digest of a low-entropy match (a password)
	// lets anyone holding a kept verdict confirm a guess. The field stays
	// (empty, omitted) for verdicts kept by older releases and the code that
	// clears it.
	Digest string `json:"digest,omitempty"`
}

// ContentVerdict is the result of scanning one text with one selection. It
// holds no content, so it may be kept (in state, in a cache directory).
type ContentVerdict struct {
	Hits []ContentHit `json:"hits"`
}

// ScanContent scans text with sel. It is what the content checks do with a
// file's text; a loader that keeps verdicts calls it once per file and
// selection and hands the checks the verdicts instead of the text.
func ScanContent(text string, sel ContentSelection) (ContentVerdict, error) {
	custom, err := compileContentPatterns(sel.CustomPatterns)
	if err != nil {
		return ContentVerdict{}, err
	}
	hits, err := scanContent(text, sel.Detectors, custom)
	if err != nil {
		return ContentVerdict{}, err
	}
	v := ContentVerdict{Hits: make([]ContentHit, len(hits))}
	for i, h := range hits {
		v.Hits[i] = ContentHit{Detector: h.detector, Rule: h.rule, Line: h.line, Preview: h.preview}
	}
	return v, nil
}
