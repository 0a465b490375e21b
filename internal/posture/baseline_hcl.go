package posture

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// BaselineJustification is the placeholder justification of every waiver a
// rendered baseline adds: a reviewer must replace it before merging.
const BaselineJustification = "TODO: why is this finding accepted, who owns the fix, and which ticket tracks it?"

// baselineNameRunes bounds how much of a subject's name a comment shows.
const baselineNameRunes = 80

// BaselineHCL renders a ready baseline for an organization: one
// openai_posture_check block (resource name = check id) for EVERY rule of res,
// with the rule's parameters as evaluated, the rule's own waivers still in
// force at asOf, and one waiver per unwaived finding, by subject id and finding
// fingerprint, expiring waiverDays after asOf's date, with
// BaselineJustification. rules are the rules res was evaluated from (their
// parameters and waivers, by check id).
//
// A check that passes today gets its block too (with no new waiver): the
// baseline is the adoption gate, so a check left out of it would never fail
// a plan, and re-rendering the baseline after a clean-up would drop the gate
// of exactly the checks just fixed.
//
// The baseline is a gate: every block fails the plan on a finding it does not
// waive. It never copies a rule's enforcement (a baseline rendered from a
// warn-only findings data source would otherwise never fail), and each waiver
// names its finding's fingerprint, so a new violation on an already
// baselined subject (a new external recipient of an accepted GPT) fails
// instead of riding on the subject's waiver.
//
// Only the subject id, which the API assigns, is ever written as a waiver
// subject: never the name or email a subject's owner chooses. A finding whose
// id contains "*" (a waiver wildcard) gets no waiver, only a comment, so it
// keeps failing rather than waiving more than itself; so does a finding whose
// id a waiver cannot name exactly once Terraform has read it (an id not in
// Unicode NFC: see unwaivableSubject). Names appear only in
// comments, quoted and escaped; every string is escaped for HCL (quotes,
// backslashes, newlines, control, invisible and bidi characters, "${" and
// "%{" templates), so nothing a subject's owner writes can end a string or
// comment, inject HCL, or make the reviewed text read differently from what
// is stored. The output is `terraform fmt` clean. It is empty only when res
// has no rules.
func BaselineHCL(rules []Rule, res Result, asOf time.Time, waiverDays int) string {
	byID := map[string]Rule{}
	for _, r := range rules {
		byID[r.CheckID] = r
	}
	day := asOf.UTC().Truncate(24 * time.Hour)
	expires := date(day.AddDate(0, 0, waiverDays))
	var blocks []string
	for _, rr := range res.Rules {
		blocks = append(blocks, baselineBlock(byID[rr.CheckID], rr, rr.Unwaived(), day, expires))
	}
	return strings.Join(blocks, "\n")
}

func baselineBlock(rule Rule, rr RuleResult, unwaived []Finding, day time.Time, expires string) string {
	var b strings.Builder
	// No enforcement attribute: the default, error, is the only one that
	// makes the baseline a gate.
	switch {
	case len(unwaived) > 0:
		fmt.Fprintf(&b, "# %s (%s): %d finding(s) accepted by this baseline until %s; any other finding fails the plan (enforcement error).\n", rr.CheckID, rr.Severity, len(unwaived), expires)
	case len(rr.Errors) > 0:
		fmt.Fprintf(&b, "# %s (%s): could not be evaluated today (%d error(s)); it fails the plan until it can, and then on any finding (enforcement error).\n", rr.CheckID, rr.Severity, len(rr.Errors))
	default:
		fmt.Fprintf(&b, "# %s (%s): passes today; any new finding fails the plan (enforcement error).\n", rr.CheckID, rr.Severity)
	}
	fmt.Fprintf(&b, "resource \"openai_posture_check\" %q {\n", rr.CheckID)
	fmt.Fprintf(&b, "  check = %s\n", HCLString(rr.CheckID))
	if len(rule.Params) > 0 {
		names := make([]string, 0, len(rule.Params))
		for n := range rule.Params {
			names = append(names, n)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = n + " = " + hclParam(rule.Params[n])
		}
		fmt.Fprintf(&b, "\n  parameters = { %s }\n", strings.Join(parts, ", "))
	}
	// The waivers: written only when there is one (or a comment on a
	// finding that cannot be waived); a passing check needs none.
	var wb strings.Builder
	for _, w := range rule.Waivers {
		// The rule's own waivers still in force stay as written (the
		// operator's configuration, not the subject's).
		if until, err := ParseWaiverExpiry(w.Expires); err != nil || !until.After(day) {
			continue
		}
		wb.WriteString("    {\n")
		fmt.Fprintf(&wb, "      subject       = %s\n", HCLString(w.Subject))
		if w.Match != "" {
			fmt.Fprintf(&wb, "      match         = %s\n", HCLString(w.Match))
		}
		if w.Finding != "" {
			fmt.Fprintf(&wb, "      finding       = %s\n", HCLString(w.Finding))
		}
		fmt.Fprintf(&wb, "      justification = %s\n", HCLString(w.Justification))
		fmt.Fprintf(&wb, "      expires       = %s\n", HCLString(w.Expires))
		wb.WriteString("    },\n")
	}
	for _, f := range unwaived {
		if f.SubjectID == "" || strings.Contains(f.SubjectID, "*") {
			fmt.Fprintf(&wb, "    # Not waived: subject id %s cannot be waived exactly (empty or a wildcard); fix it instead.\n", HCLString(f.SubjectID))
			continue
		}
		if why := unwaivableSubject(f); why != "" {
			fmt.Fprintf(&wb, "    # Not waived: subject id %s %s, so no waiver can name it exactly; fix it instead.\n", HCLString(f.SubjectID), why)
			continue
		}
		fmt.Fprintf(&wb, "    # %s\n", baselineComment(f))
		wb.WriteString("    {\n")
		fmt.Fprintf(&wb, "      subject       = %s\n", HCLString(f.SubjectID))
		fmt.Fprintf(&wb, "      finding       = %s\n", HCLString(findingFingerprint(rr.CheckID, f)))
		fmt.Fprintf(&wb, "      justification = %s\n", HCLString(BaselineJustification))
		fmt.Fprintf(&wb, "      expires       = %s\n", HCLString(expires))
		wb.WriteString("    },\n")
	}
	if wb.Len() > 0 {
		b.WriteString("\n  waivers = [\n")
		b.WriteString(wb.String())
		b.WriteString("  ]\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// unwaivableSubject says why a waiver written for f's subject id would not
// waive f once Terraform has read it, or "" when it would. Terraform reads
// every string in Unicode NFC, and no HCL expression yields anything else
// (function results are cty strings too), so an id that is not NFC never
// reaches the provider unchanged; the check runs the literal through HCL and
// the waiver matcher themselves, so it follows whatever either does. Such an
// id gets a comment instead of a waiver that would match nothing: the
// finding keeps failing, visibly.
func unwaivableSubject(f Finding) string {
	read, ok := hclLiteralValue(HCLString(f.SubjectID))
	switch {
	case !ok:
		return "is not an HCL string"
	case (Waiver{Subject: read}).matches(f):
		return ""
	case !utf8.ValidString(f.SubjectID):
		return "is not valid UTF-8"
	case read != f.SubjectID:
		return "is not in Unicode NFC, and Terraform reads every string in NFC"
	default:
		return "does not match a waiver naming it (waiver subjects are trimmed of surrounding spaces)"
	}
}

// findingFingerprint is f's fingerprint as Evaluate set it, or computed the
// same way for a finding built by hand.
func findingFingerprint(checkID string, f Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return Fingerprint(checkID, f.SubjectID, f.SubKey)
}

// baselineComment describes a finding in one comment line: its subject's
// kind (ours), id (the API's) and, quoted and escaped, its name (its
// owner's), and the finding's sub-key when it has one (which of the
// subject's violations it is; escaped too, as it may quote an email or a
// file name).
func baselineComment(f Finding) string {
	// A comment is shown by terraform show and CI logs: owner-controlled text
	// goes through UntrustedText, which escapes what a log or terminal would
	// act on (workflow commands, escape sequences, bidi controls).
	s := f.SubjectKind + " " + UntrustedText(f.SubjectID)
	if f.SubjectName != "" && f.SubjectName != f.SubjectID {
		s += " named " + UntrustedText(truncateRunes(f.SubjectName, baselineNameRunes))
	}
	if f.SubKey != "" {
		s += ", " + UntrustedText(truncateRunes(f.SubKey, baselineNameRunes))
	}
	return s
}

// truncateRunes cuts s to n runes, marking the cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n]) + "..."
	}
	return s
}

func hclParam(v ParamValue) string {
	switch v.Kind {
	case ParamString:
		return HCLString(v.String)
	case ParamStringList:
		q := make([]string, len(v.List))
		for i, s := range v.List {
			q[i] = HCLString(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return v.HCL()
}

// HCLString quotes s as an HCL string literal whose value is exactly s: it
// escapes backslashes, quotes, newlines, tabs, every other control or
// line-breaking character and every format (Unicode Cf: bidi controls,
// zero-width characters) or otherwise non-printable character as \uXXXX, and doubles the "$" of "${" and the "%" of "%{" so
// no template sequence is evaluated. The result is on one line.
func HCLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			// Invalid UTF-8: replaced, never written raw.
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r != ' ' && (unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r)):
			// Format characters (bidi overrides and isolates, zero-width
			// spaces, the BOM: Trojan Source) and everything else not
			// printable (other spaces, private use, unassigned): escaped,
			// so a reviewed line reads as it is stored.
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hclLiteralValue is the string Terraform hands the provider for an HCL
// string literal: hclsyntax parses and evaluates it as Terraform does, and
// the value is a cty string, which is always in Unicode NFC (so is every
// function's result, base64decode's included: no HCL expression yields a
// string that is not NFC).
func hclLiteralValue(lit string) (string, bool) {
	expr, diags := hclsyntax.ParseExpression([]byte(lit), "baseline.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return "", false
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return "", false
	}
	return v.AsString(), true
}
