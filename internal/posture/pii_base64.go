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
	// part is far shorter); a longer encoding is decoded in overlapping
	// pieces of this size (base64Pieces).
	maxBase64Decoded = 256 << 10
	// base64PieceOverlap is the encoded characters consecutive pieces
	// share (a multiple of 4): a value across a piece's end is whole in
	// the next one.
	base64PieceOverlap = 4 << 10
	// maxBase64Attempts is the most decodings tried for one text (runs,
	// the lines of a wrapped body on their own, path suffixes).
	maxBase64Attempts = 4096
	// maxBase64PathToken and maxBase64PathSlashes bound the retries of a
	// token after its slashes: a path is short.
	maxBase64PathToken   = 4096
	maxBase64PathSlashes = 8
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
	runs, _ := base64RunsCut(text)
	return runs
}

// base64RunsCut is base64Runs, also saying the line where maxBase64Runs
// runs that decode to text were reached and the rest was not read (0 when
// it was not): the caller reports the scan incomplete from there. (The
// bound on attempts stays silent: ordinary code holds thousands of long
// identifiers that are not base64.)
func base64RunsCut(text string) (out []base64Run, cut int) {
	attempts := 0
	lines := strings.Split(text, "\n")
	// decode keeps enc when it decodes to text; it reports whether it did
	// and whether the bounds leave room for more.
	// An encoding longer than maxBase64Decoded decodes to is read in
	// overlapping pieces (base64Pieces), each a run of its own: an
	// attachment's text past the bound is decoded too, not dropped.
	decode := func(enc string, line int) (decoded, more bool) {
		for _, piece := range base64Pieces(enc) {
			if len(out) >= maxBase64Runs {
				cut = line
				return decoded, false
			}
			if attempts >= maxBase64Attempts {
				return decoded, false
			}
			attempts++
			if d, ok := decodeBase64Text(piece); ok {
				out = append(out, base64Run{decoded: d, line: line})
				decoded = true
			}
		}
		return decoded, true
	}
	// token decodes one token; when it is not text, a token that a path
	// ran into (/view/<base64>, /export/<base64>) is tried again after each
	// of its first slashes.
	token := func(tok string, line int) bool {
		ok, more := decode(tok, line)
		if ok || !more || len(tok) > maxBase64PathToken {
			return more
		}
		for n, rest := 0, tok; n < maxBase64PathSlashes; n++ {
			i := strings.IndexByte(rest, '/')
			if i < 0 {
				break
			}
			rest = rest[i+1:]
			if len(rest) < minBase64Run {
				break
			}
			if ok, more = decode(rest, line); ok || !more {
				return more
			}
		}
		return true
	}
	type blockLine struct {
		s    string
		line int
	}
	var block []blockLine
	blockLen := 0
	// flushBlock decodes a wrapped body as one; when the whole is not text
	// (the first line was another token: a digest, an id), each line is
	// tried on its own.
	flushBlock := func() bool {
		defer func() { block, blockLen = block[:0], 0 }()
		var whole strings.Builder
		for _, l := range block {
			whole.WriteString(l.s)
		}
		ok, more := decode(whole.String(), block[0].line)
		if ok || !more || len(block) == 1 {
			return more
		}
		for _, l := range block {
			if !token(l.s, l.line) {
				return false
			}
		}
		return true
	}
	for i, raw := range lines {
		line := strings.TrimRight(raw, "\r \t")
		whole := len(line) >= 4 && base64Token.FindString(line) == line
		if !whole && len(line) >= 4 && len(block) > 0 && isBase64Chars(line) {
			whole = true // the last, shorter line of a wrapped body
		}
		if whole && (len(block) > 0 || len(line) >= minBase64Run) {
			block = append(block, blockLine{line, i + 1})
			blockLen += len(line)
			if !strings.HasSuffix(line, "=") {
				continue
			}
		}
		if len(block) > 0 {
			if !flushBlock() {
				return out, cut
			}
			if whole {
				continue
			}
		}
		for _, tok := range base64Token.FindAllString(line, maxBase64Runs) {
			if !token(tok, i+1) {
				return out, cut
			}
		}
	}
	if len(block) > 0 {
		flushBlock()
	}
	return out, cut
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
	if err != nil {
		return "", false
	}
	// A piece of a long encoding (base64Pieces) starts and ends on byte
	// counts, not characters: drop the parts of a character cut at its
	// edges (at most three bytes each) rather than the whole piece.
	for i := 0; i < utf8.UTFMax-1 && len(b) > 0 && !utf8.RuneStart(b[0]); i++ {
		b = b[1:]
	}
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				b = b[:len(b)-i]
			}
			break
		}
	}
	if len(b) == 0 || !utf8.Valid(b) {
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

// base64Pieces cuts an encoding (its padding and white space already
// off or not) into pieces that each decode to at most maxBase64Decoded
// bytes, starting at multiples of 4 characters (so each decodes on its
// own) and overlapping by base64PieceOverlap; a short one is one piece.
func base64Pieces(enc string) []string {
	const n = maxBase64Decoded / 3 * 4
	if len(enc) <= n {
		return []string{enc}
	}
	var pieces []string
	for start := 0; ; start += n - base64PieceOverlap {
		end := min(start+n, len(enc))
		pieces = append(pieces, enc[start:end])
		if end == len(enc) {
			return pieces
		}
	}
}
