package posture

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red team 6 (rt6): an outsider's last pass over the pieced reads of the
// content scan (content_pieces.go, base64Pieces, withNestedBase64Runs,
// scanRestMessages, the decoded-mail cap). Each test asserts the safe
// behaviour; the four attacks that worked at first were fixed and their
// tests run always.

// rt6Found scans text with every detector: whether an SSN was found (a
// scan reported incomplete counts: never a pass).
func rt6Found(t *testing.T, text string) bool {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if h.Rule == DetectorUSSSN || h.Rule == scanIncompleteRule {
			return true
		}
	}
	return false
}

// An SSN placed at every offset around the first and second piece ends of
// a long line (and so across the overlap and the space-seeking start of
// the next piece) is found.
func TestRT6PieceEdgesSSN(t *testing.T) {
	const ssn = "123-45-6789"
	var missed []int
	for _, edge := range []int{piiPieceBytes, 2*piiPieceBytes - piiPieceOverlap} {
		for d := -24; d <= 8; d++ {
			pos := edge + d
			// Spaces everywhere so the next piece starts right after one.
			line := strings.Repeat("a ", pos/2+1)[:pos] + " SSN " + ssn + " " + strings.Repeat("b ", 80<<10)
			got := false
			findPIIInPieces(line, []string{DetectorUSSSN}, func(_, v string) {
				if strings.Contains(v, "6789") {
					got = true
				}
			})
			if !got {
				missed = append(missed, pos)
			}
		}
	}
	if len(missed) > 0 {
		t.Fatalf("an SSN at offsets %v of a long line is found in no piece", missed)
	}
}

// A long line with no rune start (continuation bytes only) must not send
// a piece start below zero. Callers pass valid UTF-8 today (stripFormatChars
// maps invalid bytes to U+FFFD), so this is a latent bound, not an upload.
func TestRT6PiecesNoRuneStartNoPanic(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("latent: findPIIInPieces panics on a line without rune starts: %v", r)
		}
	}()
	findPIIInPieces(strings.Repeat("\x80", piiPieceBytes*2), []string{DetectorUSSSN}, func(_, _ string) {})
}

// Many short pieces: a line of a few MiB of digits (every piece full of
// number candidates) is read in bounded time.
func TestRT6PiecesManyDigitsBounded(t *testing.T) {
	line := strings.Repeat("4111 1111 ", 400<<10/10*4) // ~4 MiB
	start := time.Now()
	findPIIInPieces(line, ContentDetectorNames(), func(_, _ string) {})
	if d := time.Since(start); d > 60*time.Second {
		t.Fatalf("4 MiB of card-like digits took %v", d)
	}
}

// Base64 longer than one piece decodes in pieces cut at multiples of 4
// encoded characters, i.e. at any byte of the decoded text: in text of
// two- or three-byte characters a piece starts or ends inside a
// character, is not valid UTF-8, and was dropped as "not text" with the
// SSN it holds. A mail reader decodes the whole body.
func TestRT6Base64PieceSplitsRune(t *testing.T) {
	filler := strings.Repeat("é", 200<<10) // 400 KiB decoded: two pieces or more
	for _, c := range []struct{ name, payload string }{
		{"ssn in the first piece", "x SSN 123-45-6789 " + filler},
		{"ssn in a later piece", "x " + filler + " SSN 123-45-6789 " + filler},
	} {
		t.Run(c.name, func(t *testing.T) {
			enc := base64.StdEncoding.EncodeToString([]byte(c.payload))
			var wrapped strings.Builder
			for len(enc) > 76 {
				wrapped.WriteString(enc[:76] + "\n")
				enc = enc[76:]
			}
			wrapped.WriteString(enc + "\n")
			control := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(c.payload, "é", "e")))
			if !rt6Found(t, control) {
				t.Fatal("control: the SSN in ASCII base64 is not found")
			}
			if !rt6Found(t, wrapped.String()) {
				t.Fatalf("%s: base64 of UTF-8 text is cut into pieces inside a character; the piece fails utf8.Valid and its SSN passes", c.name)
			}
		})
	}
}

// Decoded mail text just past the cap: the SSN beyond it is not read,
// and the scan must say so rather than pass.
func TestRT6DecodedCapJustPast(t *testing.T) {
	old := maxDecodedMIMEBytes
	maxDecodedMIMEBytes = 64 << 10
	defer func() { maxDecodedMIMEBytes = old }()
	head := "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
	body := strings.Repeat("abcdefg=\n", (64<<10)/7) + "SSN 123-4=\n5-6789\n"
	if !rt6Found(t, head+body) {
		t.Fatalf("an SSN split by a soft break just past the decoded-text cap passes with the scan complete")
	}
}

// The base64 reader decodes at most maxBase64Runs runs of a text and
// stops without a word: 300 short harmless base64 notes first, then the
// SSN in base64, which is never decoded, and the scan says complete.
func TestRT6Base64RunBoundSilent(t *testing.T) {
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "ref: %s\n", base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("harmless note number %04d", i))))
	}
	last := "ref: " + base64.StdEncoding.EncodeToString([]byte("SSN 123-45-6789 on file")) + "\n"
	if !rt6Found(t, last) {
		t.Fatal("control: the SSN in base64 alone is not found")
	}
	if !rt6Found(t, b.String()+last) {
		t.Fatalf("after %d decoy base64 runs the SSN's run is not decoded and the scan reports complete", maxBase64Runs)
	}
}

// White space inside a line of a base64 MIME body: lenient decoders
// (Python's email package, binascii.a2b_base64 in its default mode) skip
// it and show the text; the scan reads the line as two short tokens.
func TestRT6Base64BodySpaceInsideLine(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString([]byte("Dear customer, the SSN 123-45-6789 is on file with us today."))
	head := "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
	if !rt6Found(t, head+enc+"\n") {
		t.Fatal("control: the SSN in a base64 body is not found")
	}
	if !rt6Found(t, head+enc[:30]+" "+enc[30:]+"\n") {
		t.Fatalf("a space inside a base64 body line hides the SSN (lenient readers skip it)")
	}
}
