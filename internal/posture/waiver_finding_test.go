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

// A memory is editable: a waiver naming a memory's finding must not accept a
// second secret of the same rule added to that memory later.
func TestMemoryEditIsANewFinding(t *testing.T) {
	snap := emptySnapshot()
	before := testNow.AddDate(0, 0, -3)
	snap.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "a@example.com", UpdatedAt: before, Content: "aws_access_key_id = " + fakeSecrets.awsKeyID})
	var fp string
	for _, f := range EvaluateRule(snap, Rule{CheckID: "dlp_memory"}).Findings {
		fp = f.Fingerprint
	}
	if fp == "" {
		t.Fatal("the memory's key gave no finding")
	}
	rule := Rule{CheckID: "dlp_memory", Waivers: []Waiver{{Subject: "user-1", Finding: fp, Justification: "test key, revoked", Expires: testNow.AddDate(0, 1, 0).Format("2006-01-02")}}}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("the named finding was not waived: %+v", rr.Findings)
	}
	snap.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "a@example.com", UpdatedAt: testNow.AddDate(0, 0, -1),
		Content: "aws_access_key_id = " + fakeSecrets.awsKeyID + "\nsecond = AKIA" + "TESTONLYFAKEKEY3"})
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("an edited memory with a second key passed under the old waiver: %+v", rr.Findings)
	}
}
