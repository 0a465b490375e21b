package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red-team round 3 (issue 11): attacks on the RTF reader. Each asserts the
// safe behaviour (the planted text is in the extracted text, or the file
// is not scanned); an attack that succeeds skips with "REDTEAM3 FAIL"
// unless REDTEAM_RUN=1.

// rt3Card is a test card number (Visa's documented test PAN): all decimal
// digits, so also all hex digits.
const rt3Card = "4111111111111111"

func rt3RTFHas(t *testing.T, doc, want string) (bool, string) {
	t.Helper()
	res, err := Text("notes.rtf", []byte(doc), Limits{})
	if err != nil {
		if _, ok := err.(*NotScannedError); ok {
			return true, "not scanned: " + err.Error()
		}
		t.Fatalf("error is not a NotScannedError: %v", err)
	}
	if res.Format != "rtf" {
		t.Fatalf("read as %q, not rtf", res.Format)
	}
	return strings.Contains(res.Text, want), res.Text
}

// The characters after \uN are its fallback, shown by every reader without
// Unicode (and by anyone reading the raw file); \ucN sets how many (the
// reader caps it at 16). Dropping them drops whatever is written there: a
// whole card number or SSN, or the first 16 characters of a key.
func TestRedTeam3RTFUnicodeFallbackHidesText(t *testing.T) {
	var missed []string
	for name, doc := range map[string]string{
		"card in \\uc16 fallback": `{\rtf1\ansi\deff0 {\fonttbl{\f0 Arial;}}\f0 Payment card: {\uc16\u8226 ` + rt3Card + `} thanks\par}`,
		"key head in fallback":    `{\rtf1\ansi Key: \uc16\u8203 ` + rtMarker + `\par}`,
	} {
		want := rt3Card
		if strings.Contains(doc, rtMarker) {
			want = rtMarker
		}
		if ok, text := rt3RTFHas(t, doc, want); !ok {
			missed = append(missed, fmt.Sprintf("%s: text=%q", name, text))
		}
	}
	if len(missed) > 0 {
		t.Fatalf("RTF \\uN fallback characters (up to 16 after each \\uN, \\uc16) are dropped, not held: %v", missed)
	}
}

// A picture's \binN data is dropped whatever it holds, while its hex data
// is held when it is not all hex: the same text behind \bin passes clean.
func TestRedTeam3RTFPictureBinaryHidesText(t *testing.T) {
	doc := fmt.Sprintf(`{\rtf1\ansi Figure {\pict\pngblip\bin%d %s} end\par}`, len(rtMarker), rtMarker)
	if ok, text := rt3RTFHas(t, doc, rtMarker); !ok {
		t.Fatalf("text behind \\bin inside a {\\pict} group is dropped: text=%q", text)
	}
}

// Data destinations ({\pict}, {\*\panose}, {\*\themedata}, ...) are dropped
// when their text is all hex digits: a card number (or any decimal PII
// without separators, or a hex token) is all hex digits.
func TestRedTeam3RTFHexOnlyDataGroupHidesDigits(t *testing.T) {
	var missed []string
	for _, group := range []string{`{\pict\pngblip ` + rt3Card + `}`, `{\*\panose ` + rt3Card + `}`, `{\*\datastore ` + rt3Card + `}`} {
		doc := `{\rtf1\ansi Card on file: ` + group + ` \par}`
		if ok, _ := rt3RTFHas(t, doc, rt3Card); !ok {
			missed = append(missed, group)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("a card number inside an RTF data group is dropped as hex data: %v", missed)
	}
}

// Held text (font tables, \* destinations, unknown mixed-case words) of a
// single line is bounded by the text cap, and one long line of small
// groups stays linear.
func TestRedTeam3RTFHeldLineLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{\rtf1\ansi `)
	for b.Len() < 4<<20 {
		b.WriteString(`{\*\x y}a`)
	}
	b.WriteString(`\par}`)
	start := time.Now()
	_, _ = Text("big.rtf", []byte(b.String()), Limits{})
	if d := time.Since(start); d > 10*time.Second*timeScale {
		t.Fatalf("4 MiB RTF of held groups took %v", d)
	}
}
