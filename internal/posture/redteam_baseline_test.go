package posture

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Red-team attacks on baseline_hcl (issue 12, adoption on day one). Each
// test asserts the safe behaviour, so it FAILS when the attack succeeds.

// baselineWaiversOf renders the baseline of res and returns the waivers it
// adds for checkID, read back as Terraform would read them.
func baselineWaiversOf(t *testing.T, rules []Rule, res Result, checkID string) []Waiver {
	t.Helper()
	return baselineWaiversAt(t, rules, res, checkID, testNow)
}

func baselineWaiversAt(t *testing.T, rules []Rule, res Result, checkID string, asOf time.Time) []Waiver {
	t.Helper()
	src := BaselineHCL(rules, res, asOf, 30)
	blocks := parseBaseline(t, src)
	body := blocks[checkID]
	if body == nil {
		t.Fatalf("no block for %s in\n%s", checkID, src)
	}
	var out []Waiver
	for _, w := range evalAttr(t, body, "waivers").AsValueSlice() {
		ww := Waiver{
			Subject:       w.GetAttr("subject").AsString(),
			Justification: w.GetAttr("justification").AsString(),
			Expires:       w.GetAttr("expires").AsString(),
		}
		if w.Type().HasAttribute("match") {
			ww.Match = w.GetAttr("match").AsString()
		}
		if w.Type().HasAttribute("finding") {
			ww.Finding = w.GetAttr("finding").AsString()
		}
		out = append(out, ww)
	}
	return out
}

// externalShareGPT is a GPT shared with the given recipients' emails.
func externalShareGPT(id string, emails ...string) GPT {
	g := gpt(id)
	g.Recipients = nil
	for i, e := range emails {
		g.Recipients = append(g.Recipients, GPTRecipient{ID: "user-x" + string(rune('a'+i)), Email: e, Permissions: &GPTPermissions{CanRead: true}})
	}
	return g
}

// Attack: adopt the baseline while GPT g-1 is shared with one outsider, then
// share the same GPT with a second outsider. The adoption guide promises "new
// violations fail"; the baseline waiver is by subject id, so it waives every
// finding of that GPT, including one that did not exist when the baseline
// was rendered and reviewed.
func TestRedTeamBaselineWaivesFutureFindingOnSameSubject(t *testing.T) {
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}
	today := emptySnapshot()
	withGPT(&today, externalShareGPT("g-1", "a@outsider.test"))
	res := Evaluate(today, []Rule{rule})
	if len(res.Rules[0].Unwaived()) != 1 {
		t.Fatalf("setup: want one finding today, got %+v", res.Rules[0].Findings)
	}
	adopted := rule
	adopted.Waivers = baselineWaiversOf(t, []Rule{rule}, res, "gpt_external_share")

	// Tomorrow: the same GPT is also shared with a new outsider.
	tomorrow := emptySnapshot()
	withGPT(&tomorrow, externalShareGPT("g-1", "a@outsider.test", "ceo@competitor.test"))
	rr := EvaluateRule(tomorrow, adopted)
	for _, f := range rr.Findings {
		if strings.Contains(f.SubKey, "competitor") && f.Waived {
			t.Errorf("a violation that did not exist when the baseline was rendered is waived by it: %s [%s] (waiver %q)", f.Subject(), f.SubKey, f.WaiverJustification)
		}
	}
}

// Same attack through a "not reported" finding: a subject whose data could
// not be judged today is baselined; the waiver then also waives whatever
// the subject is later found to violate.
func TestRedTeamBaselineNotReportedWaiverCoversLaterRealFinding(t *testing.T) {
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}
	today := emptySnapshot()
	g := externalShareGPT("g-2")
	g.Recipients = []GPTRecipient{{ID: "user-noemail", Permissions: &GPTPermissions{CanRead: true}}}
	withGPT(&today, g)
	res := Evaluate(today, []Rule{rule})
	if len(res.Rules[0].Unwaived()) != 1 || !strings.Contains(res.Rules[0].Unwaived()[0].Observed, "not reported") {
		t.Fatalf("setup: want one not-reported finding, got %+v", res.Rules[0].Findings)
	}
	adopted := rule
	adopted.Waivers = baselineWaiversOf(t, []Rule{rule}, res, "gpt_external_share")

	tomorrow := emptySnapshot()
	withGPT(&tomorrow, externalShareGPT("g-2", "leak@competitor.test"))
	for _, f := range EvaluateRule(tomorrow, adopted).Findings {
		if f.Waived {
			t.Errorf("the real violation %q is waived by a waiver that accepted only unreadable data", f.Observed)
		}
	}
}

// bidiControls are the Unicode characters that reorder how a line is
// displayed (Trojan Source, CVE-2021-42574) and the invisible ones that hide
// text from a reviewer.
var bidiControls = []rune{
	'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // embeddings and overrides
	'\u2066', '\u2067', '\u2068', '\u2069', // isolates
	'\u200e', '\u200f', '\u061c', // marks
	'\u200b', '\u2060', '\ufeff', // zero width space, word joiner, BOM
}

// Attack: a GPT named with bidi overrides and invisible characters. The
// baseline is a file a reviewer approves in a pull request; raw bidi
// controls in it make the reviewed text differ from what is stored (e.g. a
// comment that visually names another GPT or hides part of the line).
func TestRedTeamBaselineNoBidiOrInvisibleCharacters(t *testing.T) {
	name := "Press kit\u202e\u2066 \"g-Approved\" named \"Approved by CISO\u2069\u200b"
	f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-1", SubjectName: name}
	res := Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical, Findings: []Finding{f}}}}
	src := BaselineHCL(nil, res, baselineAsOf, 30)
	for _, r := range bidiControls {
		if strings.ContainsRune(src, r) {
			t.Errorf("baseline contains raw U+%04X (display-reordering or invisible) from a subject's name:\n%s", r, src)
		}
	}
	if s := HCLString(name); strings.ContainsRune(s, '\u202e') {
		t.Errorf("HCLString leaves U+202E raw: %s", s)
	}
}

// hostileBaselineNames are subject names (attacker-chosen) aimed at every
// HCL construct that could end a comment or string or start another one.
var hostileBaselineNames = []string{
	"a\nresource \"openai_posture_check\" \"x\" {}",
	"a\r\n}\n{ subject = \"*\" }",
	"a\u2028} {\u2029",
	"a\u0085NEL",
	"a */ } /* b",
	"a // }",
	"a # }",
	"<<EOT\n}\nEOT",
	"${file(\"/etc/passwd\")}",
	"%{if true}x%{endif}",
	"$${x} %%{y} $",
	"\\\"\\\\\"",
	"\x00\x1b[31mred\x1b[0m",
	"\xff\xfe invalid",
	"\ufeff BOM",
}

// Attack: hostile names must not change what Terraform parses. Every
// rendered file has exactly the one expected waiver, the subject id, and
// every name stays in one comment line (checked by hclsyntax and, when
// available, by the real `terraform fmt -check`).
func TestRedTeamBaselineHostileNamesParseAsReviewed(t *testing.T) {
	tf, _ := filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "terraform-1.5.7"))
	_, tfErr := os.Stat(tf)
	dir := t.TempDir()
	for i, name := range hostileBaselineNames {
		f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-victim", SubjectName: name}
		res := Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical, Findings: []Finding{f}}}}
		rules := []Rule{{CheckID: "gpt_public_link"}}
		src := BaselineHCL(rules, res, baselineAsOf, 30)
		ws := baselineWaiversAt(t, rules, res, "gpt_public_link", baselineAsOf)
		if len(ws) != 1 || ws[0].Subject != "g-victim" || ws[0].Expires != "2026-12-31" {
			t.Errorf("name %q: waivers %+v, want one for g-victim until 2026-12-31\n%s", name, ws, src)
		}
		if n := strings.Count(src, "\n"); n != 14 {
			t.Errorf("name %q: %d lines, want 14 (a name adds lines)\n%s", name, n, src)
		}
		if tfErr == nil {
			file := filepath.Join(dir, "b"+string(rune('a'+i))+".tf")
			if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(tf, "fmt", "-check", "-diff", file).CombinedOutput(); err != nil {
				t.Errorf("name %q: terraform fmt -check: %v\n%s", name, err, out)
			}
		}
	}
}

// Attack: expiry arithmetic. The rendered waivers run exactly waiverDays
// past the as-of date, never more, and validate against the rule's maximum
// on the day they were rendered, at any hour of it.
func TestRedTeamBaselineExpiryWithinMax(t *testing.T) {
	f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-1"}
	res := Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical, Findings: []Finding{f}}}}
	for _, hour := range []int{0, 12, 23} {
		asOf := baselineAsOf.Add(time.Duration(hour) * time.Hour)
		src := BaselineHCL(nil, res, asOf, DefaultMaxWaiverDays)
		blocks := parseBaseline(t, src)
		ws := evalAttr(t, blocks["gpt_public_link"], "waivers").AsValueSlice()
		w := Waiver{Subject: ws[0].GetAttr("subject").AsString(), Justification: "x", Expires: ws[0].GetAttr("expires").AsString()}
		if err := w.validateLength("gpt_public_link", 0, asOf, DefaultMaxWaiverDays); err != nil {
			t.Errorf("hour %d: the baseline's own waiver fails validation: %v", hour, err)
		}
		// And rendered a day later by a clock skewed to the next day, it
		// must not validate under a smaller max.
		if err := w.validateLength("gpt_public_link", 0, asOf, DefaultMaxWaiverDays-1); err == nil {
			t.Errorf("hour %d: a %d-day baseline waiver passes a %d-day maximum", hour, DefaultMaxWaiverDays, DefaultMaxWaiverDays-1)
		}
	}
}

// Attack: render the baseline from a findings data source set to
// enforcement = "warn" (the data source's enforcement only sets the level in
// its reports). Every rendered block then carries enforcement = "warn": the
// adopted gate never fails, so "new violations fail" is false for every
// check, and nothing in the file says so.
func TestRedTeamBaselineNeverRendersAWarnOnlyGate(t *testing.T) {
	rule := Rule{CheckID: "gpt_public_link", Enforcement: EnforcementWarn}
	f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-1", Enforcement: EnforcementWarn}
	res := Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical, Enforcement: EnforcementWarn, Findings: []Finding{f}}}}
	src := BaselineHCL([]Rule{rule}, res, baselineAsOf, 30)
	blocks := parseBaseline(t, src)
	if a := blocks["gpt_public_link"].Attributes["enforcement"]; a != nil {
		if v, _ := a.Expr.Value(nil); v.AsString() == EnforcementWarn {
			t.Errorf("the rendered gate is warn-only:\n%s", src)
		}
	}
}

// Attack: commit the rendered baseline without replacing its placeholder
// justifications. The adoption guide asks a reviewer to refuse it; nothing
// in the gate does: the placeholder waivers validate without even a warning
// and waive their findings.
func TestRedTeamBaselinePlaceholderJustificationIsFlagged(t *testing.T) {
	rule := Rule{CheckID: "gpt_public_link", Waivers: []Waiver{{Subject: "g-1", Justification: BaselineJustification, Expires: "2026-12-31"}}}
	warnings, errs := ValidateRuleAt(rule, baselineAsOf)
	if len(errs) == 0 && len(warnings) == 0 {
		t.Errorf("a waiver whose justification is the baseline placeholder %q raises no warning or error", BaselineJustification)
	}
}
