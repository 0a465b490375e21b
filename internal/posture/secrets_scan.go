package posture

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// How the secret engine walks a text. gitleaks' overlap filter
// (detect.filter) compares every finding of a fragment with every other, so
// one whole-file fragment costs time quadratic in its findings (a 20 MiB
// file of generic keys: about 50 minutes). The gitleaks CLI reads files in
// small chunks; so do we, and we stop after a bounded number of findings or
// time. A scan that stops early reports it (scanIncomplete): it is never a
// pass.
var (
	// scanChunkBytes is the size of one fragment handed to gitleaks; chunks
	// end at a line end where the text has one.
	scanChunkBytes = 64 << 10
	// scanChunkOverlap is how far a chunk starts before the previous one
	// ended (rounded back to a line start): a secret spanning a chunk
	// boundary (a PEM private key spans lines) is whole in the next chunk
	// if it is no longer than this.
	scanChunkOverlap = 16 << 10
	// maxScanFindings is the most distinct secrets one text is scanned for;
	// past it the scan stops. A file with that many is flagged anyway.
	maxScanFindings = 1000
	// maxScanTime bounds the time one text is scanned for: a backstop, far
	// above the time of the largest file max_file_mib allows (about 1.5 s a
	// MiB of text on one core).
	maxScanTime = 5 * time.Minute
)

// scanIncompleteRule names the hit a scan that stopped early adds: a
// finding, so a text that could not be scanned whole never passes.
const scanIncompleteRule = "scan_incomplete"

// textChunk is a piece of a text, its byte offset and the 1-based line it
// starts on.
type textChunk struct {
	text        string
	start, line int
}

// textChunks splits text into chunks of at most size bytes, each starting
// overlap bytes (rounded back to a line start) before the previous one
// ended. A line longer than a chunk is cut at a character boundary. overlap
// must be less than half of size so that every chunk moves forward.
func textChunks(text string, size, overlap int) []textChunk {
	var out []textChunk
	pos, line := 0, 1
	for {
		if len(text)-pos <= size {
			return append(out, textChunk{text: text[pos:], start: pos, line: line})
		}
		end := pos + size
		half := pos + size/2
		if i := strings.LastIndexByte(text[half:end], '\n'); i >= 0 {
			end = half + i + 1
		} else {
			end = runeStart(text, end)
		}
		out = append(out, textChunk{text: text[pos:end], start: pos, line: line})
		next := end - overlap
		if i := strings.LastIndexByte(text[pos:next], '\n'); i >= 0 {
			next = pos + i + 1
		} else {
			next = runeStart(text, next)
		}
		line += strings.Count(text[pos:next], "\n")
		pos = next
	}
}

// runeStart moves i back to the start of the character it falls in.
func runeStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// scanVariants are the forms of a text the detectors read, each with the
// text's line numbering: the text without Unicode format characters (a
// zero-width space or soft hyphen inside a key breaks every pattern, and
// whoever reads the key strips them), and, when the text holds JSON
// escapes, the same with \uXXXX and \/ decoded (a JSON file may spell a key
// in escapes; every JSON reader sees the key).
func scanVariants(text string) []string {
	plain := stripFormatChars(text)
	out := []string{plain}
	if strings.Contains(text, `\u`) || strings.Contains(text, `\/`) {
		if un := stripFormatChars(jsonUnescapeInLine(text)); un != plain {
			out = append(out, un)
		}
	}
	return out
}

// stripFormatChars removes the invisible characters that break a pattern
// and that whoever reads the text drops: Unicode's Default_Ignorable_Code_Point
// set, that is category Cf (zero-width space and joiners, word joiner, soft
// hyphen, byte order mark, bidi controls), the variation selectors
// (U+FE00-FE0F, U+E0100-E01EF), the combining grapheme joiner U+034F, the
// Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the other code points
// Unicode reserves as ignorable. None is a line break or a space, so line
// numbers stay.
func stripFormatChars(s string) string {
	return strings.Map(func(r rune) rune {
		if isDefaultIgnorable(r) {
			return -1
		}
		return r
	}, s)
}

// isDefaultIgnorable reports whether r is a Default_Ignorable_Code_Point
// (Cf, Variation_Selector, Other_Default_Ignorable_Code_Point). The derived
// property leaves out a few Cf characters that print (the prepended
// concatenation marks such as U+0600); dropping them too only removes
// characters no key holds.
func isDefaultIgnorable(r rune) bool {
	if r < 0xAD {
		return false // fast path: ASCII and Latin-1 hold none below the soft hyphen
	}
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

var jsonUnicodeEscape = regexp.MustCompile(`\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}`)

// jsonUnescapeInLine decodes JSON's \uXXXX escapes (surrogate pairs too) and
// \/ in place. Escapes of control characters stay escaped, so no line is
// added or joined and line numbers stay.
func jsonUnescapeInLine(s string) string {
	s = jsonUnicodeEscape.ReplaceAllStringFunc(s, func(esc string) string {
		hi, _ := strconv.ParseUint(esc[2:6], 16, 32)
		r := rune(hi)
		if len(esc) == 12 {
			lo, _ := strconv.ParseUint(esc[8:12], 16, 32)
			r = 0x10000 + (rune(hi)-0xD800)<<10 + (rune(lo) - 0xDC00)
		}
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || (r >= 0xD800 && r <= 0xDFFF) {
			return esc
		}
		return string(r)
	})
	return strings.ReplaceAll(s, `\/`, "/")
}

// maxKeyBlockBytes bounds the window a private key block crossing a chunk
// boundary is scanned again in: a 16384-bit RSA key with a certificate
// chain bundled is well under it. A longer block crossing a boundary is
// reported as not scanned whole.
const maxKeyBlockBytes = 64 << 10

// keyBlockBegin starts a PEM private key block (gitleaks' private-key rule
// reads "-----BEGIN ... PRIVATE KEY-----" up to "KEY-----").
var keyBlockBegin = regexp.MustCompile(`-----BEGIN[ A-Za-z0-9_-]{0,100}PRIVATE KEY`)

// openKeyBlock looks at the last private key BEGIN line of chunk c of text
// v. When the block it starts does not end inside the chunk and the chunk
// is not the text's end, it returns the window from that line's start
// through the block's END line and the line the window starts on; ok is
// set. When the END line is not within maxKeyBlockBytes but the text goes
// on past that bound, w is empty (the block cannot be scanned whole). One
// window per chunk at most: the scan costs at most twice the text.
func openKeyBlock(v string, c textChunk) (w string, line int, ok bool) {
	chunkEnd := c.start + len(c.text)
	if chunkEnd >= len(v) {
		return "", 0, false
	}
	locs := keyBlockBegin.FindAllStringIndex(c.text, -1)
	if len(locs) == 0 {
		return "", 0, false
	}
	begin := locs[len(locs)-1][0]
	if strings.Contains(c.text[begin:], "-----END") {
		return "", 0, false
	}
	begin = strings.LastIndexByte(c.text[:begin], '\n') + 1
	line = c.line + strings.Count(c.text[:begin], "\n")
	from := c.start + begin
	limit := min(len(v), from+maxKeyBlockBytes)
	end := strings.Index(v[from:limit], "-----END")
	if end < 0 {
		if limit < len(v) {
			return "", line, true
		}
		// The text ends without the block's END: no whole block to find.
		return "", 0, false
	}
	end += from
	if nl := strings.IndexByte(v[end:limit], '\n'); nl >= 0 {
		end += nl + 1
	} else if end = limit; end < len(v) {
		end = runeStart(v, end)
	}
	return v[from:end], line, true
}

// secretScan is the result of scanning one text with the secret rules.
type secretScan struct {
	matches []secretMatch
	// incomplete, when set, says why the scan stopped early and from which
	// line the text was not scanned.
	incomplete string
	// incompleteLine is the first line not (or not wholly) scanned.
	incompleteLine int
}

// scanSecretChunks runs detect over each chunk of each variant of text and
// shifts line numbers to the text's. It stops when the distinct findings
// reach maxScanFindings or the scan has taken maxScanTime.
func scanSecretChunks(text string, detect func(chunk string) []secretMatch) secretScan {
	start := time.Now()
	var res secretScan
	distinct := map[string]bool{}
	for _, v := range scanVariants(text) {
		for _, c := range textChunks(v, scanChunkBytes, scanChunkOverlap) {
			if time.Since(start) > maxScanTime {
				res.incomplete = fmt.Sprintf("scan exceeded %v; not scanned from line %d on", maxScanTime, c.line)
				res.incompleteLine = c.line
				return res
			}
			found := detect(c.text)
			for _, m := range found {
				m.line += c.line - 1
				res.matches = append(res.matches, m)
				distinct[m.rule+"\x00"+m.value] = true
			}
			// A private key block longer than the overlap that starts in
			// this chunk and ends past it is whole in no chunk: scan it
			// again from its BEGIN line in a wider window.
			if w, line, ok := openKeyBlock(v, c); ok {
				if w == "" {
					if res.incomplete == "" {
						res.incomplete = fmt.Sprintf("a private key block from line %d on is longer than %d KiB and crosses a chunk boundary; it was not scanned whole", line, maxKeyBlockBytes>>10)
						res.incompleteLine = line
					}
				} else {
					for _, m := range detect(w) {
						m.line += line - 1
						res.matches = append(res.matches, m)
						distinct[m.rule+"\x00"+m.value] = true
					}
				}
			}
			if len(distinct) >= maxScanFindings {
				last := c.line + strings.Count(c.text, "\n")
				res.incomplete = fmt.Sprintf("scan exceeded %d findings; not scanned after line %d", maxScanFindings, last)
				res.incompleteLine = last
				return res
			}
		}
	}
	return res
}
