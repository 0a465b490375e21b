package posture

import (
	"strings"
	"testing"
)

// A parent control selects the checks tagged with its sub-controls where
// the framework lists both levels (CIS controls and safeguards), and only
// there: an ISO control never selects a control its id is a prefix of.
func TestFrameworkParentControlSelectsSubControls(t *testing.T) {
	got := ChecksSelectedBy("cis:5")
	if len(got) == 0 {
		t.Fatal("cis:5 selects no check")
	}
	for _, id := range got {
		ok := false
		for _, tag := range CheckControls(id) {
			ok = ok || strings.HasPrefix(tag, "cis:5.")
		}
		if !ok {
			t.Errorf("cis:5 selects %s, tagged %v", id, CheckControls(id))
		}
	}
	for _, id := range CheckIDs() {
		for _, tag := range CheckControls(id) {
			if strings.HasPrefix(tag, "cis:5.") && !CheckMatchesFrameworks(id, []string{"cis:5"}) {
				t.Errorf("cis:5 does not select %s (%s)", id, tag)
			}
		}
	}
	if CheckMatchesFrameworks("user_inactive", []string{"cis:5.3"}) != true || CheckMatchesFrameworks("user_inactive", []string{"cis:5.4"}) {
		t.Error("a safeguard selects other safeguards")
	}
	// cis:1 must not select cis:1x.y (there is none yet; the separator rule
	// is what prevents it).
	if selectorMatchesTag("cis:1", "cis:13.1") || !selectorMatchesTag("cis:13", "cis:13.1") {
		t.Error("cis:1 selects a tag of control 13")
	}
	if len(ChecksSelectedBy("iso27001:A.5.1")) != 0 || selectorMatchesTag("iso27001:A.5.1", "iso27001:A.5.15") {
		t.Error("iso27001:A.5.1 selects checks tagged A.5.15")
	}
	if selectorMatchesTag("soc2:CC6", "soc2:CC6.1") {
		t.Error("soc2 series CC6 selects CC6.1, though it is not a criterion")
	}
}

// A control in the wrong case, or a series or function that is not a
// control, gets an error naming the controls meant.
func TestFrameworkSelectorSuggestions(t *testing.T) {
	for sel, want := range map[string]string{
		"iso27001:a.5.15":    `did you mean "iso27001:A.5.15"?`,
		"iso27001: A.5.15 ":  `did you mean "iso27001:A.5.15"?`,
		"owasp-llm:llm10":    `did you mean "owasp-llm:LLM10"?`,
		"soc2:cc6.1":         `did you mean "soc2:CC6.1"?`,
		"nist-ai-rmf:GOVERN": "did you mean one of nist-ai-rmf:GOVERN-1, nist-ai-rmf:GOVERN-2, nist-ai-rmf:GOVERN-3, nist-ai-rmf:GOVERN-4, nist-ai-rmf:GOVERN-5, nist-ai-rmf:GOVERN-6?",
		"soc2:CC6":           "soc2:CC6.1, soc2:CC6.2",
		"iso27001:A.9.9":     `(for example "iso27001:A.5.1")`,
		"ISO27001":           `did you mean "iso27001"?`,
		"ISO27001:A.5.15":    `did you mean "iso27001:A.5.15"?`,
		" cis":               `did you mean "cis"?`,
	} {
		err := ValidateFrameworkSelector(sel)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want it to contain %q", sel, err, want)
		}
	}
	for _, ok := range []string{"cis:5", "cis", "iso27001:A.5.1"} {
		if err := ValidateFrameworkSelector(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// A valid selector that selects nothing is explained: the framework's
// controls that have checks, or the checks tagged with it.
func TestNoCheckSelectedMessage(t *testing.T) {
	msg := NoCheckSelectedMessage("iso27001:A.5.1", []string{"spend_limit"})
	if !strings.Contains(msg, `no check is tagged with "iso27001:A.5.1"`) || !strings.Contains(msg, "iso27001:A.5.15") || strings.Contains(msg, "iso27001:A.5.1,") {
		t.Errorf("message: %s", msg)
	}
	msg = NoCheckSelectedMessage("owasp-llm:LLM10", []string{"admin_key_rotation"})
	if !strings.Contains(msg, "spend_limit") || !strings.Contains(msg, "admin_key_rotation") {
		t.Errorf("message: %s", msg)
	}
	long := make([]string, 100)
	for i := range long {
		long[i] = "x"
	}
	if got := boundedList(long); !strings.HasSuffix(got, "and 60 more") {
		t.Errorf("boundedList: %s", got)
	}
	if n := len(ControlsWithChecks("cis")); n == 0 || ControlsWithChecks("cis")[0] != "cis:2" {
		t.Errorf("cis controls with checks: %v", ControlsWithChecks("cis"))
	}
}

// Coverage says how many of a framework's catalog checks a result judged;
// a check that could not read its data is not coverage, and neither it nor
// a "not reported" finding raises a framework's score.
func TestFrameworkCoverage(t *testing.T) {
	tagged := len(ChecksSelectedBy("soc2"))
	if tagged < 20 {
		t.Fatalf("soc2 tags %d checks", tagged)
	}
	spend := RuleResult{CheckID: "spend_limit", Severity: SeverityMedium}
	cov := FrameworkCoverages(Result{Rules: []RuleResult{spend}})
	if cov["soc2"] != (FrameworkCoverage{Evaluated: 1, Tagged: tagged}) || cov["cis"] != (FrameworkCoverage{Tagged: len(ChecksSelectedBy("cis"))}) || len(cov) != len(Frameworks()) {
		t.Errorf("coverage = %+v", cov)
	}
	errored := RuleResult{CheckID: "user_inactive", Severity: SeverityMedium, Errors: []DataError{{CheckID: "user_inactive", Cause: "users: 500"}}}
	cov = FrameworkCoverages(Result{Rules: []RuleResult{spend, errored}})
	if cov["soc2"].Evaluated != 1 || cov["cis"].Evaluated != 0 {
		t.Errorf("a check that could not read its data counts as coverage: %+v", cov)
	}
	alone := FrameworkScores(Result{Rules: []RuleResult{spend}})["soc2"]
	withErr := FrameworkScores(Result{Rules: []RuleResult{spend, errored}})["soc2"]
	if withErr >= alone {
		t.Errorf("soc2 score with an unreadable check %d, without %d: the unreadable check does not cost", withErr, alone)
	}
	notReported := RuleResult{CheckID: "user_inactive", Severity: SeverityMedium, Findings: []Finding{{SubjectID: "user-1", Observed: "last login not reported"}}}
	if got := FrameworkScores(Result{Rules: []RuleResult{spend, notReported}})["soc2"]; got >= alone {
		t.Errorf("soc2 score with a not-reported finding %d, without %d", got, alone)
	}
}

// The JSON report carries the coverage beside the scores.
func TestJSONReportCarriesFrameworkCoverage(t *testing.T) {
	rep := NewJSONReport(Result{GeneratedAt: testNow, Rules: []RuleResult{{CheckID: "spend_limit", Severity: SeverityMedium}}})
	if rep.FrameworkCoverage["soc2"] != (FrameworkCoverage{Evaluated: 1, Tagged: len(ChecksSelectedBy("soc2"))}) {
		t.Errorf("coverage %+v", rep.FrameworkCoverage)
	}
	b, err := JSON(Result{GeneratedAt: testNow})
	if err != nil || !strings.Contains(string(b), `"framework_coverage": {`) || !strings.Contains(string(b), `"tagged": `) {
		t.Errorf("JSON report lacks framework_coverage (%v)", err)
	}
}
