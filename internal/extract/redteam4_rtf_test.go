package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red-team round 4: the RTF \uN fallback held text. Each asserts the safe
// behaviour; an attack that succeeds skips with "REDTEAM4 FAIL" unless
// REDTEAM_RUN=1.

// Fallback characters written as \'hh escapes (how Word writes a
// fallback in the document's code page), one \uN per character so each
// fallback is one character: the marker is read from the fallbacks or the
// document refused.
func TestRedTeam4RTFFallbackHexEscapes(t *testing.T) {
	var hex, perChar strings.Builder
	for _, c := range []byte(rtMarker) {
		fmt.Fprintf(&hex, `\'%02x`, c)
		fmt.Fprintf(&perChar, `\uc1\u8203\'%02x`, c)
	}
	var missed []string
	for name, doc := range map[string]string{
		"hex fallback, \\uc16 chunks": `{\rtf1\ansi Key: \uc16\u8203 ` + hex.String()[:64] + `\u8203 ` + hex.String()[64:] + `\par}`,
		"one \\uN per hex character":  `{\rtf1\ansi Key: ` + perChar.String() + `\par}`,
	} {
		res, err := Text("doc.rtf", []byte(doc), Limits{})
		if err != nil || strings.Contains(strings.ReplaceAll(res.Text, " ", ""), rtMarker) {
			continue
		}
		missed = append(missed, fmt.Sprintf("%s: %q", name, res.Text))
	}
	if len(missed) > 0 {
		msg := "marker in \\'hh fallbacks passes clean: " + strings.Join(missed, "; ")
		t.Fatal(msg)
	}
}

// 4 MiB of \uN with alphanumeric fallbacks, in one word and in many:
// linear.
func TestRedTeam4RTFFallbackLargeLinear(t *testing.T) {
	for name, unit := range map[string]string{
		"one long word": `\u8203A`,
		"many words":    `\u8203A x`,
		"long prefix":   strings.Repeat("b", 60) + `\u8203A `,
	} {
		doc := `{\rtf1\ansi ` + strings.Repeat(unit, (4<<20)/len(unit)) + ` ` + rtMarker + `\par}`
		start := time.Now()
		_, _ = Text("doc.rtf", []byte(doc), Limits{})
		if d := time.Since(start); d > 4*time.Second*timeScale {
			t.Errorf("%s: %v for %d bytes", name, d, len(doc))
		}
	}
}
