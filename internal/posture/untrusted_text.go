package posture

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text a subject's owner chooses (GPT names, file names, recipient emails,
// action domains, file and memory previews) ends up in lines people and CI
// systems read: plan diagnostics, the plan's diff of accepted_findings, and
// the messages of SARIF, JUnit and OCSF reports. Raw, it could move the
// cursor or erase lines of a terminal (ESC sequences), start a line of its
// own that imitates Terraform ("No changes. ...") or runs a GitHub Actions
// workflow command ("::add-mask::", "##[warning]"), reorder what is shown
// (bidi overrides), or read as our own framing ("[waived until ...]").
//
// UntrustedText and UntrustedFragment are the one way such text reaches a
// human-facing line. Machine fields (the JSON report's subject_name, SARIF
// and OCSF properties) keep the raw value: they are data, escaped by their
// encoders.

// UntrustedMaxRunes bounds how much of an untrusted value (a name) a line
// shows; ObservedMaxRunes bounds an observed value, which can carry several
// names and a preview besides our wording.
const (
	UntrustedMaxRunes = 200
	ObservedMaxRunes  = 1000
)

// UntrustedText renders a value its subject's owner controls (a name, an
// email) as a double-quoted, escaped, bounded string: `"Press kit\n::x"`
// shows as `"Press kit\n:\x3ax"`. The result is one line with no control,
// format or separator character, and a quote inside the value is escaped,
// so the value cannot end the quotes and imitate the text around it.
func UntrustedText(s string) string {
	return `"` + escapeUntrusted(s, escapeQuoted, UntrustedMaxRunes) + `"`
}

// UntrustedFragment escapes an owner-controlled value shown without quotes
// (a name or sub-key in an accepted_findings label, a report's structured
// field): the same escapes as UntrustedText except for quotes and
// backslashes, and every "[" and "]" as \x5b and \x5d. Unquoted, nothing
// bounds the value, and our markers ("[waived]" ends an accepted_findings
// label, right after the sub-key) are bracketed: with no raw bracket, no
// value can imitate one, whatever letters follow (look-alikes such as
// Cyrillic "а", fullwidth "ｗ" or a combining mark after the bracket).
// It is bounded like UntrustedText.
func UntrustedFragment(s string) string {
	return escapeUntrusted(s, escapeFragment, UntrustedMaxRunes)
}

// observedFragment escapes a finding's Observed, which mixes our fixed
// wording (including our "[redacted]" in previews) with untrusted parts
// ("action calls " + a domain): like UntrustedFragment, except that a "["
// opening a short run of plain ASCII words closed by "]" ("[redacted]",
// "[DRAFT]") stays, unless it reads "waive"; any other "[" is escaped. It
// is bounded at ObservedMaxRunes.
func observedFragment(s string) string {
	return escapeUntrusted(s, escapeObserved, ObservedMaxRunes)
}

// escapeMode selects how escapeUntrusted treats quotes and brackets.
type escapeMode int

const (
	// escapeQuoted: the value is shown in double quotes (UntrustedText).
	escapeQuoted escapeMode = iota
	// escapeFragment: an unquoted owner value: every bracket is escaped.
	escapeFragment
	// escapeObserved: our wording mixed with owner values (Observed).
	escapeObserved
)

// escapeUntrusted writes s with every character that could change how a
// line reads replaced by a visible Go-style escape:
//   - C0 and C1 controls (ESC, CR, LF, TAB, NEL U+0085, ...), Unicode format
//     characters (category Cf: bidi overrides U+202A-202E and U+2066-2069,
//     zero-width U+200B-200D, U+FEFF), line and paragraph separators
//     U+2028/2029, and any other character Go does not count as printable;
//   - bytes that are not UTF-8, as \xNN;
//   - "[" after "#", so no GitHub Actions "##[command]" survives (the
//     runner finds those anywhere in a line), and "[" before "waive" (any
//     case, after spaces), so a value cannot imitate our "[waived until
//     ...]", "[waiver expired ...]" and "[waived]" markers; unquoted
//     (escapeFragment) every "[" and "]"; in Observed (escapeObserved) every
//     "[" but one opening a plain bracketed word ("[redacted]"); other
//     brackets of a quoted value ("[DRAFT] Sales") stay as they are;
//   - the second ":" of "::", so no GitHub Actions "::command::" survives
//     (the runner runs those at the start of a line; Terraform word-wraps
//     long diagnostic lines at spaces, so a value could start a line);
//   - the second "`" of "“", so no Markdown fence survives (the drift
//     workflow pastes the plan into an issue inside a ``` block);
//   - opening and closing punctuation outside ASCII (categories Ps and Pe:
//     full-width "\uff3b", "\u27e6", "\u2045", ...), in every mode, so no
//     look-alike bracket reads as our "[waived]" markers.
//
// Quoted (escapeQuoted), quotes and backslashes are escaped too. The value
// is cut after maxRunes characters, marked with an ellipsis.
func escapeUntrusted(s string, mode escapeMode, maxRunes int) string {
	var b strings.Builder
	prev := rune(-1)
	for n := 0; len(s) > 0; n++ {
		if n == maxRunes {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[0])
		} else {
			b.WriteString(escapeRune(r, prev, s[size:], mode))
		}
		s = s[size:]
		prev = r
	}
	return b.String()
}

// escapeRune is one character of escapeUntrusted; prev is the character
// before it in the value (-1 at the start), rest the value after it.
func escapeRune(r, prev rune, rest string, mode escapeMode) string {
	quoted := mode == escapeQuoted
	switch {
	case r == '\\' && quoted:
		return `\\`
	case r == '"' && quoted:
		return `\"`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r == '\t':
		return `\t`
	case r == '[' && (prev == '#' || startsWaiverMarker(rest) || mode == escapeFragment || (mode == escapeObserved && !plainBracketWord(rest))):
		return `\x5b`
	case r == ']' && mode == escapeFragment:
		return `\x5d`
	case r == ':' && prev == ':':
		return `\x3a`
	case r == '`' && prev == '`':
		return `\x60`
	case r < 0x80 && (r < 0x20 || r == 0x7f):
		return fmt.Sprintf(`\x%02x`, r)
	case r == ' ' || (unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r) && !lookalikeBracket(r)):
		return string(r)
	case r > 0xffff:
		return fmt.Sprintf(`\U%08x`, r)
	default:
		return fmt.Sprintf(`\u%04x`, r)
	}
}

// lookalikeBracket reports whether r is opening or closing punctuation
// outside ASCII (Unicode categories Ps and Pe: full-width "\uff3b", "\u27e6",
// "\u2045", ...): such a bracket would read as one of our "[waived]" markers,
// so it is escaped like a non-printable character.
func lookalikeBracket(r rune) bool {
	return r >= 0x80 && unicode.In(r, unicode.Ps, unicode.Pe)
}

// startsWaiverMarker reports whether the text after a "[" reads "waive"
// (waived, waiver), in any case, after any spaces.
func startsWaiverMarker(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	const word = "waive"
	return len(rest) >= len(word) && strings.EqualFold(rest[:len(word)], word)
}

// plainBracketMax bounds how far plainBracketWord looks for the "]".
const plainBracketMax = 64

// plainBracketWord reports whether the text after a "[" is a short run of
// ASCII letters, digits, spaces, "-", "_" and "." closed by "]" that does not
// read "waive": our own "[redacted]" and "[rule-id redacted]", or an
// ordinary "[DRAFT]". Anything else (a look-alike letter, a combining mark,
// no closing bracket) is not plain, so its "[" is escaped.
func plainBracketWord(rest string) bool {
	if startsWaiverMarker(rest) {
		return false
	}
	for i := 0; i < len(rest) && i <= plainBracketMax; i++ {
		c := rest[i]
		switch {
		case c == ']':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == ' ', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return false
}
