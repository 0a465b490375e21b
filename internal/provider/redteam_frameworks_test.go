package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Red-team attacks on `openai_posture_findings { frameworks = [...] }`
// (issue 12). Each test asserts the safe behaviour, so it FAILS when the
// attack succeeds.

func frameworksModel(checks []string, sels ...string) postureFindingsModel {
	m := postureFindingsModel{Checks: types.ListNull(types.StringType), Parameters: types.DynamicNull()}
	if checks != nil {
		vs := make([]attr.Value, len(checks))
		for i, c := range checks {
			vs[i] = types.StringValue(c)
		}
		m.Checks = types.ListValueMust(types.StringType, vs)
	}
	vs := make([]attr.Value, len(sels))
	for i, s := range sels {
		vs[i] = types.StringValue(s)
	}
	m.Frameworks = types.ListValueMust(types.StringType, vs)
	return m
}

func ruleIDs(rules []posture.Rule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.CheckID
	}
	return out
}

// Selectors that cannot select anything are errors naming the valid
// choices: a typo, a wrong case, surrounding spaces, an empty control, a
// prefix of a framework key.
func TestRedTeamFrameworkSelectorTyposAreErrors(t *testing.T) {
	for _, sel := range []string{"ISO27001", "iso27001:a.5.15", " iso27001", "iso27001 ", "iso27001:A.5.15 ", "iso27001:", "iso", "owasp", "owasp-llm:llm10",
		"nist-ai-rmf:GOVERN 2", "nist-ai-rmf:GOVERN", "soc2:cc6.1", "iso27001:A.5.15:x", ":A.5.15", "", "*", "iso27001:*", "iso27001:A.5.*"} {
		_, _, diags := frameworksModel(nil, sel).rules(0)
		if !diags.HasError() {
			t.Errorf("frameworks = [%q] is accepted", sel)
			continue
		}
		msg := diags.Errors()[0].Detail()
		if !strings.Contains(msg, "valid frameworks") && !strings.Contains(msg, "not a control") {
			t.Errorf("frameworks = [%q]: error %q names neither the valid frameworks nor the control list", sel, msg)
		}
	}
}

// Attack: a selection that names a real control no check is tagged with,
// beside one that has checks. Every selector the user wrote must select
// something; otherwise the report claims to cover a control it never
// looked at. Before the fix only an all-empty selection was an error;
// beside another selector it was dropped silently. Now every selector that
// selects none of the checks is an error naming it and the controls that
// have checks.
func TestRedTeamFrameworkSelectorWithNoChecksIsNotSilent(t *testing.T) {
	rules, _, diags := frameworksModel(nil, "iso27001:A.5.15", "iso27001:A.5.1").rules(0)
	if !diags.HasError() {
		t.Fatalf("A.5.1 selects no check but the selection is accepted (evaluated: %v)", ruleIDs(rules))
	}
	// The error names the selector and the controls that do have checks.
	msg := diags.Errors()[0].Detail()
	if !strings.Contains(msg, `"iso27001:A.5.1"`) || !strings.Contains(msg, "iso27001:A.5.15") {
		t.Errorf("error does not name the selector and the controls with checks: %s", msg)
	}
	// A selector whose checks are all left out by checks (or min_severity)
	// is an error too, naming the checks tagged with it.
	_, _, diags = frameworksModel([]string{"spend_limit"}, "soc2", "owasp-llm:LLM02").rules(0)
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "dlp_gpt_file") {
		t.Errorf("owasp-llm:LLM02 beside soc2 with checks = [spend_limit] is accepted or unexplained: %v", diags)
	}
}

// Attack: a CIS control number ("cis:5", Account Management) is a valid
// control, but the checks are tagged with its safeguards ("cis:5.3"...), so
// selecting the control selects none of them. Alone it is an error whose
// message says no check is tagged with cis:5, though five checks support
// its safeguards; beside another selector it silently selects nothing.
func TestRedTeamFrameworkParentControlSelectsItsSafeguards(t *testing.T) {
	rules, _, diags := frameworksModel(nil, "cis:5").rules(0)
	if diags.HasError() || len(rules) == 0 {
		t.Errorf("cis:5 (Account Management) selects no check; checks tagged cis:5.3/5.4/5.5/5.6 exist (err: %v)", diags)
	}
	rules, _, diags = frameworksModel(nil, "soc2:CC6.1", "cis:5").rules(0)
	for _, r := range rules {
		for _, tag := range posture.CheckControls(r.CheckID) {
			if strings.HasPrefix(tag, "cis:5.") {
				return
			}
		}
	}
	if !diags.HasError() {
		t.Errorf("cis:5 beside soc2:CC6.1 selects none of the cis:5.x checks, silently (evaluated %v)", ruleIDs(rules))
	}
}

// Duplicated, overlapping and null-free selections stay bounded and never
// widen the selection beyond the checks tagged.
func TestRedTeamFrameworkSelectionNeverWidens(t *testing.T) {
	rules, _, diags := frameworksModel(nil, "owasp-llm:LLM10", "owasp-llm:LLM10").rules(0)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if ids := ruleIDs(rules); len(ids) != 1 || ids[0] != "spend_limit" {
		t.Errorf("evaluated %v, want [spend_limit]", ids)
	}
	// A check named in checks that frameworks would drop is an error naming
	// both, not a silent narrowing.
	_, _, diags = frameworksModel([]string{"spend_limit", "admin_key_rotation"}, "owasp-llm:LLM10").rules(0)
	if !diags.HasError() {
		t.Error("admin_key_rotation, named in checks, is dropped by frameworks in silence")
	} else if msg := diags.Errors()[0].Detail(); !strings.Contains(msg, "admin_key_rotation") || !strings.Contains(msg, "owasp-llm:LLM10") {
		t.Errorf("error names not both the check and the frameworks: %s", msg)
	}
	// An empty list is not "no narrowing".
	if _, _, diags := frameworksModel(nil).rules(0); !diags.HasError() {
		t.Error("frameworks = [] selects every check instead of failing")
	}
}

// Attack: framework_scores over a narrowed selection. Selecting one
// OWASP control evaluates a single check; framework_scores then also
// carries "soc2" and "iso27001" scores computed from that one check, with
// nothing saying how much of the framework was evaluated: a dashboard reads
// "SOC 2: 100" for an organization of which one SOC 2 check ran. The fix
// keeps the score (over what ran) and adds framework_coverage beside it.
func TestRedTeamFrameworkScoreReflectsCoverage(t *testing.T) {
	res := posture.Result{Rules: []posture.RuleResult{{CheckID: "spend_limit", Severity: posture.SeverityMedium}}}
	scores := posture.FrameworkScores(res)
	cov := frameworkCoverageValue(res).Elements()["soc2"]
	want := types.ObjectValueMust(frameworkCoverageObject.AttrTypes, map[string]attr.Value{
		"evaluated": types.Int64Value(1), "tagged": types.Int64Value(int64(countTagged("soc2"))),
	})
	if v, ok := scores["soc2"]; ok && v == 100 && (cov == nil || !cov.Equal(want)) {
		t.Errorf("soc2 scores %d from 1 of the %d checks tagged with SOC 2, with coverage %v", v, countTagged("soc2"), cov)
	}
}

func countTagged(key string) int {
	n := 0
	for _, id := range posture.CheckIDs() {
		if posture.CheckMatchesFrameworks(id, []string{key}) {
			n++
		}
	}
	return n
}

// A control written in the wrong case, or a control that exists but no
// check supports, is an error; the error should name the valid choice the
// user most likely meant (the control in its published case) or the
// controls that have checks, not only a fixed example.
func TestRedTeamFrameworkControlErrorNamesChoices(t *testing.T) {
	_, _, diags := frameworksModel(nil, "iso27001:a.5.15").rules(0)
	if !diags.HasError() {
		t.Fatal("accepted")
	}
	if msg := diags.Errors()[0].Detail(); !strings.Contains(msg, `did you mean "iso27001:A.5.15"?`) {
		t.Errorf("error for iso27001:a.5.15 does not name A.5.15: %s", msg)
	}
}
