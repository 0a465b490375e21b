package posture

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of the base64 decoding the PII detectors read (base64Runs): every
// list and loop is bounded.
const (
	// minBase64Run is the shortest run decoded: 12 bytes of text, shorter
	// than any card number written with its label.
	minBase64Run = 16
	// maxBase64Runs is the most runs of one text decoded.
	maxBase64Runs = 256
	// maxBase64Decoded is the most bytes one run is decoded to (a MIME text
	// part is far shorter; an attachment is cut there).
	maxBase64Decoded = 256 << 10
)

// base64Token is a run of base64 characters within a line.
var base64Token = regexp.MustCompile(`[A-Za-z0-9+/_-]{16,}={0,2}`)

// base64Run is a decoded run and the 1-based line its encoding starts on.
type base64Run struct {
	decoded string
	line    int
}

// base64Runs finds the base64 runs of text (a token of at least
// minBase64Run characters; consecutive lines that are each wholly one
// token, as MIME wraps a body, are one run), decodes them, and keeps those
// that decode to mostly printable UTF-8 text (a key, an image or a hash
// decodes to bytes that are not).
func base64Runs(text string) []base64Run {
	var out []base64Run
	lines := strings.Split(text, "\n")
	flush := func(enc string, line int) bool {
		if len(out) >= maxBase64Runs {
			return false
		}
		if d, ok := decodeBase64Text(enc); ok {
			out = append(out, base64Run{decoded: d, line: line})
		}
		return true
	}
	var block strings.Builder
	blockLine := 0
	for i, raw := range lines {
		line := strings.TrimRight(raw, "\r \t")
		whole := len(line) >= 4 && base64Token.FindString(line) == line
		if !whole && len(line) >= 4 && block.Len() > 0 && isBase64Chars(line) {
			whole = true // the last, shorter line of a wrapped body
		}
		if whole && (block.Len() > 0 || len(line) >= minBase64Run) {
			if block.Len() == 0 {
				blockLine = i + 1
			}
			if block.Len() <= maxBase64Decoded/3*4 {
				block.WriteString(line)
			}
			if !strings.HasSuffix(line, "=") {
				continue
			}
		}
		if block.Len() > 0 {
			if !flush(block.String(), blockLine) {
				return out
			}
			block.Reset()
			if whole {
				continue
			}
		}
		for _, tok := range base64Token.FindAllString(line, maxBase64Runs) {
			if !flush(tok, i+1) {
				return out
			}
		}
	}
	if block.Len() > 0 {
		flush(block.String(), blockLine)
	}
	return out
}

func isBase64Chars(s string) bool {
	for _, r := range s {
		if !(isAlnum(r) || r == '+' || r == '/' || r == '_' || r == '-' || r == '=') {
			return false
		}
	}
	return true
}

// decodeBase64Text decodes enc (standard or URL alphabet, padded or not),
// cut at maxBase64Decoded, and reports whether it is text: valid UTF-8 of
// which at least 90% of the characters print or are white space.
func decodeBase64Text(enc string) (string, bool) {
	enc = strings.TrimRight(enc, "=")
	if n := maxBase64Decoded / 3 * 4; len(enc) > n {
		enc = enc[:n]
	}
	if len(enc)%4 == 1 {
		enc = enc[:len(enc)-1]
	}
	enc = strings.NewReplacer("-", "+", "_", "/").Replace(enc)
	b, err := base64.RawStdEncoding.DecodeString(enc)
	if err != nil || len(b) == 0 || !utf8.Valid(b) {
		return "", false
	}
	s := string(b)
	total, printable := 0, 0
	for _, r := range s {
		total++
		if unicode.IsPrint(r) || unicode.IsSpace(r) {
			printable++
		}
	}
	return s, printable*10 >= total*9
}
