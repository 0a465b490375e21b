package posture

import (
	"encoding/base64"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// Red-team round 4: the Unicode digit normalisation (position maps) and
// the base64 runs the PII detectors read. Each asserts the safe
// behaviour; an attack that succeeds skips with "REDTEAM4 FAIL" unless
// REDTEAM_RUN=1.

// A list of base64 values one per line (an export, a log of request
// bodies): the line before the PII one is a whole base64-alphabet token
// too (a hex digest, another value), so the two lines are joined as one
// "MIME body" and decoded from the first one's alignment: the decoded
// bytes are not text and the PII in the second line is never read.
func TestRedTeam4PIIBase64LineAfterDigestLine(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString([]byte("Employee SSN: 123-45-6789"))
	if ok, _ := rt2Found(t, "attachment body:\n"+enc+"\n", DetectorUSSSN); !ok {
		t.Fatalf("control: a lone base64 line with an SSN is not found")
	}
	var missed []string
	for name, prev := range map[string]string{
		"sha256 hex digest":    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"17-char record id":    "EXPORTRECORD00017",
		"binary base64 value":  "3q2+7wABAgMEBQYHCAkKCw",
		"padded binary base64": "3q2+7wABAgMEBQYHCAkKCw==",
		"uuid without dashes ": "0f8fad5bd9cb469fa16570867728950e",
	} {
		if ok, _ := rt2Found(t, "export:\n"+prev+"\n"+enc+"\n", DetectorUSSSN); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		msg := "base64 line with an SSN passes clean when the line before it is a whole base64-alphabet token: " + strings.Join(missed, "; ") +
			" (fix: when a joined block does not decode to text, also decode each of its lines on its own)"
		t.Fatal(msg)
	}
}

// Text copied from a web page or a word processor carries zero-width and
// soft-hyphen characters between digit groups (invisible to the reader,
// who sees and copies the number). Held: the scan reads through them. (A
// soft hyphen alone between groups, "123\u00ad45\u00ad6789", shows as
// a bare 123456789, which the SSN pattern does not flag by design.)
func TestRedTeam4PIIInvisibleFormatCharsBetweenGroups(t *testing.T) {
	var missed []string
	for name, text := range map[string]string{
		"SSN, zero-width space after dashes":    "SSN: 123-\u200b45-\u200b6789",
		"SSN, soft hyphens as separators":       "SSN: 123-\u00ad45-\u00ad6789",
		"card, word joiners between groups":     "Card: 4111\u2060 1111\u2060 1111\u2060 1111",
		"card, zero-width no-break space (BOM)": "Card: 4111\ufeff1111\ufeff1111\ufeff1111",
	} {
		rule := DetectorCardNumber
		if strings.HasPrefix(name, "SSN") {
			rule = DetectorUSSSN
		}
		if ok, _ := rt2Found(t, text, rule); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		msg := "PII with invisible Cf characters between groups passes clean: " + strings.Join(missed, "; ") +
			" (fix: in newPIIText drop Cf characters (U+00AD, U+200B-U+200D, U+2060, U+FEFF) between digits, mapping them to the neighbouring span)"
		t.Fatal(msg)
	}
}

// Bounded fuzz of the position maps: random mixes of multi-byte digits,
// spaces, dashes, invalid UTF-8 and ASCII; every byte of the normalised
// text maps to a span inside the original, in order; the scan never
// panics, in content and in file names.
func TestRedTeam4PIITextPositionMapsFuzz(t *testing.T) {
	alphabet := []string{"1", "2", "9", " ", "-", "_", ".", "a", "\n", "\u3000", "\u00a0", "\u2013", "\u2212", "\uff0d", "\uff11", "\u0663",
		"\U0001D7D9", "\U0001FBF5", "\u200b", "\xff", "\xe2\x80", "\xf0\x9f", "é", "=", "+", "/", "%"}
	r := rand.New(rand.NewSource(4))
	start := time.Now()
	for iter := 0; iter < 3000 && time.Since(start) < 3*time.Second; iter++ {
		var b strings.Builder
		for n := r.Intn(60); n > 0; n-- {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		s := b.String()
		for _, punct := range []bool{false, true} {
			p := newPIIText(s, punct)
			if len(p.from) != len(p.s) || len(p.to) != len(p.s) {
				t.Fatalf("%q: map lengths %d/%d for %d bytes", s, len(p.from), len(p.to), len(p.s))
			}
			for i := range p.s {
				if p.from[i] < 0 || p.to[i] > len(s) || p.from[i] >= p.to[i] || i > 0 && p.from[i] < p.from[i-1] {
					t.Fatalf("%q: byte %d maps to [%d,%d)", s, i, p.from[i], p.to[i])
				}
			}
		}
		if _, err := ScanContent(s, ContentSelection{Detectors: ContentDetectorNames()}); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if iter%50 == 0 {
			_ = rt2FindingText(t, ScannedFile{FileID: "file-1", FileName: s, SubjectKind: "gpt", SubjectID: "g-1", Text: s})
		}
	}
}

// Base64 runs on large inputs stay linear: 2 MiB of lines that are each a
// whole token ending in '=' (every line a flush), one 2 MiB line of
// short tokens, and 2 MiB in five long lines.
func TestRedTeam4PIIBase64RunsLargeInputsLinear(t *testing.T) {
	const size = 2 << 20
	for name, text := range map[string]string{
		"padded lines": strings.Repeat("QUFBQUFBQUFBQUFBQUFBQUFB=\n", size/26),
		"one line":     strings.Repeat("QUFBQUFBQUFBQUFBQUFBQUFB ", size/25),
		"long lines":   strings.Repeat(strings.Repeat("QUFB", 100000)+"\n", 5),
	} {
		start := time.Now()
		if _, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 4*time.Second*timeScale {
			t.Errorf("%s: %v for %d bytes", name, d, len(text))
		}
	}
}
