package posture

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestUntrustedText(t *testing.T) {
	long := strings.Repeat("a", UntrustedMaxRunes+50)
	for _, tc := range []struct{ in, want string }{
		{"Press kit", `"Press kit"`},
		{"", `""`},
		{"Café ☕ 日本", `"Café ☕ 日本"`},
		{"a\x1b[2K\x1b[1Ab", `"a\x1b[2K\x1b[1Ab"`},
		{"[DRAFT] Sales", `"[DRAFT] Sales"`},
		{"x [  WAIVED]", `"x \x5b  WAIVED]"`},
		{"x [Waiver expired on 2020-01-01]", `"x \x5bWaiver expired on 2020-01-01]"`},
		{"#[x", `"#\x5bx"`},
		{"line\r\nNo changes.\tx", `"line\r\nNo changes.\tx"`},
		{"x\u0085y\u2028z\u2029", `"x\u0085y\u2028z\u2029"`},
		{"\u202eevil\u202c \u2066i\u2069 z\u200bw\u200c\u200d \ufeff", `"\u202eevil\u202c \u2066i\u2069 z\u200bw\u200c\u200d \ufeff"`},
		{"\x00\x7f\u009b", `"\x00\x7f\u009b"`},
		{"bad\xffutf8", `"bad\xffutf8"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"x [waived until 2099-01-01: ok]", `"x \x5bwaived until 2099-01-01: ok]"`},
		{"##[warning]forged", `"##\x5bwarning]forged"`},
		{"::add-mask::x", `":\x3aadd-mask:\x3ax"`},
		{":::", `":\x3a\x3a"`},
		{"a: b", `"a: b"`},
		{"```\nfence", "\"`\\x60\\x60\\nfence\""},
		{"\u00a0nbsp", `"\u00a0nbsp"`},
		{"\U000e0041tag", `"\U000e0041tag"`},
		{long, `"` + strings.Repeat("a", UntrustedMaxRunes) + `…"`},
	} {
		if got := UntrustedText(tc.in); got != tc.want {
			t.Errorf("UntrustedText(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	// The quoted form reads back as the value (up to the cut) with Go's
	// rules, so nothing is lost but the length.
	for _, s := range []string{"a\x1b[2K\r\n\"\\b", "x\u202e\u2028:: ``` ##["} {
		back, err := strconv.Unquote(UntrustedText(s))
		if err != nil || back != s {
			t.Errorf("Unquote(UntrustedText(%q)) = %q, %v", s, back, err)
		}
	}
}

func TestUntrustedFragment(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`file "a.txt" matches pattern "x"`, `file "a.txt" matches pattern "x"`},
		{"action calls evil.example\n::error::x", `action calls evil.example\n:\x3aerror:\x3ax`},
		{`C:\path [waived]`, `C:\path \x5bwaived\x5d`},
		// Unquoted owner text keeps no bracket at all: nothing after it can
		// imitate our markers, look-alike letters or not.
		{"[DRAFT] Sales", `\x5bDRAFT\x5d Sales`},
		{"key.pem [w\u0430iv\u0435d]", "key.pem \\x5bw\u0430iv\u0435d\\x5d"},
		{strings.Repeat("é", UntrustedMaxRunes+1), strings.Repeat("é", UntrustedMaxRunes) + "…"},
	} {
		if got := UntrustedFragment(tc.in); got != tc.want {
			t.Errorf("UntrustedFragment(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// Observed mixes our wording ("[redacted]") with owner values: a "[" stays
// only before a plain ASCII bracketed word that does not read "waive".
func TestObservedFragmentBrackets(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AK…[redacted]…Y2", "AK…[redacted]…Y2"},
		{"key [gitleaks-aws_key redacted]", "key [gitleaks-aws_key redacted]"},
		{"file [DRAFT] plan.pdf", "file [DRAFT] plan.pdf"},
		{"file x [waived]", `file x \x5bwaived]`},
		{"file x [w\u0430iv\u0435d]", "file x \\x5bw\u0430iv\u0435d]"},
		{"file x [\u0301waived]", "file x \\x5b\u0301waived]"},
		{"file x [\uff57\uff41\uff49\uff56\uff45d]", "file x \\x5b\uff57\uff41\uff49\uff56\uff45d]"},
		{"unclosed [x", `unclosed \x5bx`},
		{"empty []", `empty \x5b]`},
	} {
		if got := observedFragment(tc.in); got != tc.want {
			t.Errorf("observedFragment(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// untrustedOutputProblem says what of s should not appear in a line built
// from untrusted text, or "".
func untrustedOutputProblem(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			return "a raw newline"
		case unicode.IsControl(r):
			return "a control character"
		case unicode.Is(unicode.Cf, r):
			return "a format character"
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			return "a line separator"
		case r != ' ' && !unicode.IsPrint(r):
			return "a non-printable character"
		}
	}
	for _, seq := range []string{"#[", "::", "``"} {
		if strings.Contains(s, seq) {
			return "the sequence " + seq
		}
	}
	for i := strings.Index(s, "["); i >= 0; i = strings.Index(s, "[") {
		s = s[i+1:]
		if startsWaiverMarker(s) {
			return "a waiver marker"
		}
	}
	return ""
}

func FuzzUntrustedText(f *testing.F) {
	for _, s := range []string{"Press kit", "a\x1b[2K\r\n::add-mask::x", "##[warning]", "```", "\u202e\u2028\ufeff", "\xff\xfe", `"\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := UntrustedText(s)
		if !strings.HasPrefix(q, `"`) || !strings.HasSuffix(q, `"`) || len(q) < 2 {
			t.Fatalf("UntrustedText(%q) = %s: not quoted", s, q)
		}
		inner := q[1 : len(q)-1]
		if p := untrustedOutputProblem(inner); p != "" {
			t.Fatalf("UntrustedText(%q) = %s has %s", s, q, p)
		}
		// It reads back with Go's rules (so no quote inside is left
		// unescaped), as the value itself unless it was cut.
		back, err := strconv.Unquote(q)
		if err != nil {
			t.Fatalf("Unquote(UntrustedText(%q) = %s): %v", s, q, err)
		}
		if utf8.RuneCountInString(s) <= UntrustedMaxRunes && back != s {
			t.Fatalf("Unquote(UntrustedText(%q)) = %q", s, back)
		}
		if p := untrustedOutputProblem(UntrustedFragment(s)); p != "" {
			t.Fatalf("UntrustedFragment(%q) = %s has %s", s, UntrustedFragment(s), p)
		}
		if fr := UntrustedFragment(s); strings.ContainsAny(fr, "[]") {
			t.Fatalf("UntrustedFragment(%q) = %s keeps a bracket", s, fr)
		}
		if p := untrustedOutputProblem(observedFragment(s)); p != "" {
			t.Fatalf("observedFragment(%q) = %s has %s", s, observedFragment(s), p)
		}
		// Bounded: each rune becomes at most 10 bytes (\U0010ffff).
		if len(q) > 2+10*UntrustedMaxRunes+len("…") {
			t.Fatalf("UntrustedText of %d bytes is %d bytes long", len(s), len(q))
		}
	})
}

// The finding's human-facing text escapes what the subject's owner chose:
// quoted where the line is ours (Subject, Message), unquoted where
// Terraform quotes the value itself (SubjectLabel, for accepted_findings),
// where an ordinary name reads as it always did.
func TestFindingTextEscapesOwnerText(t *testing.T) {
	f := Finding{SubjectKind: "gpt", SubjectID: "g-1", SubjectName: "Press kit", Observed: "visibility anyone-with-link", Allowed: "invite-only"}
	if got, want := f.Subject(), `gpt "Press kit" (g-1)`; got != want {
		t.Errorf("Subject() = %s, want %s", got, want)
	}
	if got, want := f.SubjectLabel(), `gpt Press kit (g-1)`; got != want {
		t.Errorf("SubjectLabel() = %s, want %s", got, want)
	}
	if got, want := f.Message(), `gpt "Press kit" (g-1): observed visibility anyone-with-link; allowed invite-only`; got != want {
		t.Errorf("Message() = %s, want %s", got, want)
	}
	if got, want := (Finding{SubjectKind: "user", SubjectID: "u-1", SubjectEmail: "a@b.example"}).Subject(), `user "a@b.example" (u-1)`; got != want {
		t.Errorf("Subject() of a person = %s, want %s", got, want)
	}

	f.SubjectName = "x\n::add-mask::y [waived until 2099-01-01: ok]\x1b[2K"
	f.Observed = "action calls evil.example\n##[error]z"
	f.SubKey = "domain:a\nb"
	for name, s := range map[string]string{"Subject": f.Subject(), "SubjectLabel": f.SubjectLabel(), "Message": f.Message(), "SubKeyText": f.SubKeyText()} {
		if p := untrustedOutputProblem(s); p != "" {
			t.Errorf("%s() = %s has %s", name, s, p)
		}
	}
	e := f.Escaped()
	for _, s := range []string{e.SubjectName, e.Observed, e.SubKey} {
		if p := untrustedOutputProblem(s); p != "" {
			t.Errorf("Escaped() field %s has %s", s, p)
		}
	}
	long := Finding{Observed: strings.Repeat("o", ObservedMaxRunes+1)}
	if got := long.ObservedText(); got != strings.Repeat("o", ObservedMaxRunes)+"…" {
		t.Errorf("ObservedText() of %d runes is %d runes long", ObservedMaxRunes+1, utf8.RuneCountInString(got))
	}
	if e.Escaped() != e {
		t.Errorf("Escaped() twice changes the finding again: %+v", e.Escaped())
	}
}
