package posture

import (
	"strings"
	"testing"
)

// Every tag names a control of its framework's published list, and every
// check of the catalog carries at least one tag.
func TestFrameworkTagsAreControls(t *testing.T) {
	for id, tags := range checkControls {
		seen := map[string]bool{}
		for _, tag := range tags {
			if !isControl(tag) {
				t.Errorf("%s: tag %q is not a control of the embedded lists", id, tag)
			}
			if seen[tag] {
				t.Errorf("%s: tag %q twice", id, tag)
			}
			seen[tag] = true
		}
	}
	for _, id := range CheckIDs() {
		if len(CheckControls(id)) == 0 {
			t.Errorf("check %s has no framework tag (checks_frameworks.go)", id)
		}
	}
}

func TestFrameworkListsLoad(t *testing.T) {
	want := map[string]int{"owasp-llm": 10, "nist-ai-rmf": 19, "iso27001": 93, "soc2": 61}
	for _, f := range Frameworks() {
		if n, ok := want[f.Key]; ok && len(f.Controls) != n {
			t.Errorf("%s: %d controls, want %d", f.Key, len(f.Controls), n)
		}
		if !strings.Contains(f.Source, "http") {
			t.Errorf("%s: source %q names no publication address", f.Key, f.Source)
		}
	}
	if _, err := parseFramework("nope"); err == nil {
		t.Error("a missing list loaded")
	}
}

func TestFrameworkSelectors(t *testing.T) {
	for _, ok := range []string{"iso27001", "iso27001:A.5.15", "owasp-llm:LLM10", "nist-ai-rmf:GOVERN-2", "cis:5.3", "soc2:CC6.1"} {
		if err := ValidateFrameworkSelector(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for sel, want := range map[string]string{"iso": "valid frameworks: owasp-llm, nist-ai-rmf, cis, iso27001, soc2", "iso27001:A.9.9": "not a control of ISO/IEC 27001:2022",
		"iso27001:": "not a control", "ISO27001": "unknown framework"} {
		if err := ValidateFrameworkSelector(sel); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want it to contain %q", sel, err, want)
		}
	}
	if !CheckMatchesFrameworks("spend_limit", []string{"owasp-llm"}) || !CheckMatchesFrameworks("spend_limit", []string{"soc2:A1.1"}) ||
		CheckMatchesFrameworks("spend_limit", []string{"soc2:A1"}) || CheckMatchesFrameworks("spend_limit", []string{"cis"}) {
		t.Error("framework selection is not by framework or exact control")
	}
}

func TestFrameworkScores(t *testing.T) {
	res := Result{Rules: []RuleResult{
		{CheckID: "spend_limit", Severity: SeverityMedium, Findings: []Finding{{SubjectID: "organization"}}}, // owasp-llm, iso27001, soc2
		{CheckID: "user_inactive", Severity: SeverityMedium},                                                 // cis, iso27001, soc2
	}}
	got := FrameworkScores(res)
	want := map[string]int{"owasp-llm": 95, "cis": 100, "iso27001": 95, "soc2": 95}
	if len(got) != len(want) {
		t.Fatalf("scores = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

// The reports carry each rule's framework tags and the per-framework score.
func TestReportsCarryFrameworks(t *testing.T) {
	res := Result{GeneratedAt: testNow, Rules: []RuleResult{{CheckID: "spend_limit", Title: "t", Severity: SeverityMedium, Enforcement: EnforcementError}}}
	sarif, err := SARIF(res, "test")
	if err != nil || !strings.Contains(string(sarif), `"frameworks": [`) || !strings.Contains(string(sarif), `"owasp-llm:LLM10"`) {
		t.Errorf("SARIF rule properties lack frameworks (%v)", err)
	}
	junit, err := JUnit(res)
	if err != nil || !strings.Contains(string(junit), `<property name="framework" value="owasp-llm:LLM10"></property>`) {
		t.Errorf("JUnit properties lack frameworks (%v): %s", err, junit)
	}
	rep := NewJSONReport(res)
	if len(rep.Rules) != 1 || len(rep.Rules[0].Frameworks) == 0 || rep.Rules[0].Frameworks[0] != "owasp-llm:LLM10" || rep.FrameworkScores["soc2"] != 100 {
		t.Errorf("JSON report frameworks: %+v, scores %v", rep.Rules, rep.FrameworkScores)
	}
}
