package posture

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A waiver naming a finding's fingerprint waives that finding only: the same
// GPT's other external recipient stays a failing finding.
func TestWaiverFindingWaivesOnlyThatFinding(t *testing.T) {
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}
	snap := emptySnapshot()
	withGPT(&snap, externalShareGPT("g-1", "a@outsider.test", "b@outsider.test"))
	rr := EvaluateRule(snap, rule)
	if len(rr.Findings) != 2 {
		t.Fatalf("setup: want two findings, got %+v", rr.Findings)
	}
	accepted := rr.Findings[0]
	rule.Waivers = []Waiver{{Subject: "g-1", Finding: accepted.Fingerprint, Justification: "SEC-1", Expires: "2026-12-31"}}
	rr = EvaluateRule(snap, rule)
	for _, f := range rr.Findings {
		if want := f.Fingerprint == accepted.Fingerprint; f.Waived != want {
			t.Errorf("finding %s [%s]: waived %v, want %v", f.Fingerprint, f.SubKey, f.Waived, want)
		}
	}
	if rr.Passed() {
		t.Error("the rule passes with one recipient unwaived")
	}
	// The fingerprint alone does not waive: the subject must match too.
	rule.Waivers[0].Subject = "g-other"
	for _, f := range EvaluateRule(snap, rule).Findings {
		if f.Waived {
			t.Errorf("a waiver for another subject waived %s by fingerprint", f.Subject())
		}
	}
}

func TestWaiverFindingValidation(t *testing.T) {
	good := Fingerprint("gpt_public_link", "g-1", "")
	for _, fp := range []string{good[:31], good + "0", strings.ToUpper(good), " " + good[1:], good[:31] + "g", "*"} {
		rule := Rule{CheckID: "gpt_public_link", Waivers: []Waiver{{Subject: "g-1", Finding: fp, Justification: "x", Expires: "2026-12-31"}}}
		_, errs := ValidateRule(rule)
		var re *RuleError
		if len(errs) != 1 || !errors.As(errs[0], &re) || fmt.Sprint(re.Path) != fmt.Sprint([]any{"waivers", 0, "finding"}) ||
			!strings.Contains(errs[0].Error(), "finding") || !strings.Contains(errs[0].Error(), "32 lowercase hexadecimal") {
			t.Errorf("finding %q: errors %v, want one at waivers[0].finding naming the format", fp, errs)
		}
	}
	rule := Rule{CheckID: "gpt_public_link", Waivers: []Waiver{{Subject: "g-1", Finding: good, Justification: "x", Expires: "2026-12-31"}}}
	if _, errs := ValidateRule(rule); len(errs) > 0 {
		t.Errorf("a valid fingerprint is rejected: %v", errs)
	}
}

// The placeholder warning names the check and the waiver, without an as-of
// time too (the provider's config validation).
func TestWaiverPlaceholderWarningNamesCheckAndWaiver(t *testing.T) {
	rule := Rule{CheckID: "gpt_public_link", Waivers: []Waiver{
		{Subject: "g-ok", Justification: "SEC-1", Expires: "2026-12-31"},
		{Subject: "g-1", Justification: BaselineJustification, Expires: "2026-12-31"},
	}}
	warnings, errs := ValidateRule(rule)
	if len(errs) > 0 || len(warnings) != 1 || !strings.Contains(warnings[0], "gpt_public_link waiver 1") || !strings.Contains(warnings[0], `"g-1"`) {
		t.Errorf("warnings %q errors %v, want one naming check gpt_public_link waiver 1 (g-1)", warnings, errs)
	}
}
