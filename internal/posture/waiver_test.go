package posture

import (
	"strings"
	"testing"
	"time"
)

// A GPT's owner chooses its name. Renaming a GPT to another GPT's id must not
// borrow that GPT's waiver: id waivers compare the id only.
func TestRenamedGPTDoesNotTakeAnotherGPTsWaiver(t *testing.T) {
	snap := emptySnapshot()
	press := gpt("g-PressKit")
	press.Visibility = visibilityGPTStore
	evil := gpt("g-Evil")
	evil.Visibility = visibilityGPTStore
	evil.Config.Name = "g-PressKit"
	evil.OwnerEmail = "g-PressKit"
	snap.GPTs = Loaded(press, evil)
	rr := EvaluateRule(snap, Rule{CheckID: "gpt_public_store", Waivers: []Waiver{
		{Subject: "g-presskit", Justification: "press kit is public by design", Expires: "2026-12-31"},
	}})
	p, _ := findingFor(rr, "g-PressKit")
	e, ok := findingFor(rr, "g-Evil")
	if !p.Waived {
		t.Errorf("the id waiver does not waive its own GPT: %+v", p)
	}
	if !ok || e.Waived || e.WaiverExpired {
		t.Errorf("a GPT renamed to another GPT's id took its waiver: %+v", e)
	}
	if rr.Passed() {
		t.Error("rule passed with the renamed GPT unwaived")
	}
}

func TestWaiverMatchFields(t *testing.T) {
	f := Finding{SubjectID: "key_1", SubjectName: "Deploy Key", SubjectEmail: "Dev@Example.com"}
	cases := []struct {
		w    Waiver
		want bool
	}{
		{Waiver{Subject: "KEY_1"}, true},
		{Waiver{Subject: "key_*", Match: "id"}, true},
		{Waiver{Subject: "deploy key"}, false},
		{Waiver{Subject: "dev@example.com"}, false},
		{Waiver{Subject: "deploy*", Match: WaiverMatchName}, true},
		{Waiver{Subject: "key_1", Match: WaiverMatchName}, false},
		{Waiver{Subject: "*@example.com", Match: WaiverMatchEmail}, true},
		{Waiver{Subject: "key_1", Match: WaiverMatchEmail}, false},
		{Waiver{Subject: "key_1", Match: "everything"}, false},
	}
	for _, tc := range cases {
		if got := tc.w.matches(f); got != tc.want {
			t.Errorf("%+v matches = %v, want %v", tc.w, got, tc.want)
		}
	}
	// An empty field never matches, even a pattern that matches "".
	if (Waiver{Subject: "x*", Match: WaiverMatchEmail}).matches(Finding{SubjectID: "x1"}) {
		t.Error("email waiver matched a finding without email")
	}
}

func TestWaiverSubjectAndMatchValidation(t *testing.T) {
	_, errs := ValidateRule(Rule{CheckID: "spend_limit", Waivers: []Waiver{
		{Subject: "*", Justification: "x", Expires: "2026-12-31"},
		{Subject: " ** ", Justification: "x", Expires: "2026-12-31"},
		{Subject: "organization", Match: "owner", Justification: "x", Expires: "2026-12-31"},
	}})
	text := errorsText(errs)
	for _, want := range []string{
		`check spend_limit waiver 0: subject "*" would waive every finding of the check`,
		`check spend_limit waiver 1: subject " ** " would waive every finding`,
		`waiver 2 (subject "organization"): match "owner" is not valid; valid: id, name, email (default id)`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s missing %q", text, want)
		}
	}
	if len(errs) != 3 {
		t.Errorf("want 3 errors, got %v", errs)
	}
	// An invalid waiver never suppresses.
	snap := emptySnapshot()
	snap.SpendLimit = LoadedValue(SpendLimit{})
	rr := EvaluateRule(snap, Rule{CheckID: "spend_limit", Waivers: []Waiver{{Subject: "*", Justification: "x", Expires: "2026-12-31"}}})
	if rr.Passed() {
		t.Error("a rule with a catch-all waiver passed")
	}
	if _, errs := ValidateRule(Rule{CheckID: "spend_limit", Waivers: []Waiver{{Subject: "org*", Match: "Name", Justification: "x", Expires: "2026-12-31"}}}); len(errs) > 0 {
		t.Errorf("a partial wildcard or a differently-cased match is rejected: %v", errs)
	}
}

func TestMaxWaiverDays(t *testing.T) {
	asOf := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	w := func(expires string) Rule {
		return Rule{CheckID: "spend_limit", Waivers: []Waiver{{Subject: "organization", Justification: "approved", Expires: expires}}}
	}
	// 365 days after 2026-06-15 is 2027-06-15: valid through that day.
	for _, ok := range []string{"2027-06-15", "2027-06-15T23:59:59Z", "2026-06-16"} {
		if _, errs := ValidateRuleAt(w(ok), asOf); len(errs) > 0 {
			t.Errorf("%s rejected: %v", ok, errs)
		}
	}
	_, errs := ValidateRuleAt(w("2027-06-16"), asOf)
	want := `check spend_limit waiver 0 (subject "organization"): expires 2027-06-16 is more than 365 days after 2026-06-15; the maximum waiver length is 365 days (provider attribute max_waiver_days)`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors = %v, want %q", errs, want)
	}
	if _, errs := ValidateRuleAt(w("2099-01-01"), time.Time{}); len(errs) > 0 {
		t.Errorf("length judged without an as-of time: %v", errs)
	}
	r := w("2026-08-01")
	r.MaxWaiverDays = 30
	if _, errs := ValidateRuleAt(r, asOf); len(errs) != 1 || !strings.Contains(errs[0].Error(), "maximum waiver length is 30 days") {
		t.Errorf("MaxWaiverDays 30 not applied: %v", errs)
	}
	r.MaxWaiverDays = 60
	if _, errs := ValidateRuleAt(r, asOf); len(errs) > 0 {
		t.Errorf("MaxWaiverDays 60: %v", errs)
	}
	for _, bad := range []int{-1, MaxWaiverDaysLimit + 1} {
		r.MaxWaiverDays = bad
		if _, errs := ValidateRule(r); len(errs) != 1 || !strings.Contains(errs[0].Error(), "max_waiver_days") {
			t.Errorf("MaxWaiverDays %d: %v", bad, errs)
		}
	}
	// Evaluation judges as of the snapshot: an over-long waiver is an
	// invalid rule, not a suppression.
	snap := emptySnapshot()
	snap.SpendLimit = LoadedValue(SpendLimit{})
	rr := EvaluateRule(snap, w("2030-01-01"))
	if rr.Passed() || len(rr.Errors) == 0 || !strings.Contains(rr.Errors[0].Error(), "max_waiver_days") {
		t.Errorf("over-long waiver evaluated: %+v", rr)
	}
}
