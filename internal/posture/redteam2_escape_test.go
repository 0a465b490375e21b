package posture

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Red-team round 2: escape bypasses that HOLD on the current code (kept as
// regression tests). Every human-facing rendering of an owner's value must
// be one valid UTF-8 line with no control, format or separator character,
// no "::", "##[" or "“" and no raw "[waive".
func TestRedTeam2EscapeBypassesHold(t *testing.T) {
	long := strings.Repeat("a", UntrustedMaxRunes-1)
	inputs := map[string]string{
		"C1 CSI as a rune":          "x\u009b31mRED",
		"C1 CSI as a raw byte":      "x\x9b31mRED",
		"OSC 8 hyperlink":           "\x1b]8;;https://evil.test\x1b\\click\x1b]8;;\x1b\\",
		"C1 OSC":                    "\u009d8;;https://evil.test\u009c",
		"invalid UTF-8 before ::":   "\xff::add-mask::x",
		"colon at the cap boundary": long + "::set-output",
		"hash at the cap boundary":  long[1:] + "##[error]x",
		"percent-encoded newline":   "x%0A::error::forged",
		"NEL and LS/PS":             "a\u0085::b\u2028::c\u2029::d",
		"bidi isolate":              "a\u2066::\u2069b",
		"CR only":                   "a\r::warning::b",
		"double escape":             `a\x3a::b`,
		"waiver marker after tabs":  "x[\twaived until 2099-01-01]",
		"triple backtick":           "```\nNo changes.",
		"hash then invalid then [":  "##\xff[x",
		"combining between colons":  ":\u0301:error::x",
	}
	for name, in := range inputs {
		f := Finding{SubjectKind: "gpt", SubjectID: "g-1", SubjectName: in, SubKey: "file:" + in, Observed: "file " + in}
		for what, out := range map[string]string{
			"Subject": f.Subject(), "SubjectLabel": f.SubjectLabel(), "SubKeyText": f.SubKeyText(),
			"ObservedText": f.ObservedText(), "Message": f.Message(), "Escaped.SubjectName": f.Escaped().SubjectName,
		} {
			if !utf8.ValidString(out) {
				t.Errorf("%s/%s: invalid UTF-8 %q", name, what, out)
			}
			for _, r := range out {
				if (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029') && r != ' ' {
					t.Errorf("%s/%s: raw %U in %q", name, what, r, out)
				}
			}
			for _, bad := range []string{"::", "##[", "``", "[waive", "[\twaive"} {
				if strings.Contains(strings.ToLower(out), bad) {
					t.Errorf("%s/%s: %q survives in %q", name, what, bad, out)
				}
			}
		}
	}
}
