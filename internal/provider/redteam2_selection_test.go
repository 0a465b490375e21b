package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Red-team round 2: selection narrowing in openai_posture_findings. The
// safe behaviour is asserted (both attacks are fixed: no skip left).

// Attack: a check named explicitly in `checks` is dropped without a word when
// min_severity is above its severity. frameworks makes the same situation
// an error ("Check excluded by frameworks"), because evaluating fewer checks
// than named is silent; min_severity does not. The report then reads clean
// for gpt_shared_editable, which was never evaluated.
func TestRedTeam2MinSeveritySilentlyDropsNamedCheck(t *testing.T) {
	m := postureFindingsModel{Parameters: types.DynamicNull(), Frameworks: types.ListNull(types.StringType)}
	m.Checks = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("gpt_external_share"), types.StringValue("gpt_shared_editable")})
	m.MinSeverity = types.StringValue("high")
	rules, _, diags := m.rules(0)
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.CheckID)
	}
	if len(ids) == 2 {
		return // evaluated as named
	}
	for _, d := range diags {
		if strings.Contains(d.Detail(), "gpt_shared_editable") {
			return // said so
		}
	}
	t.Fatalf("rules %v, diagnostics %v: a named check is dropped in silence", ids, diags)
}

// Attack: with checks unset, frameworks narrows the DEFAULT checks, which
// leave out every opt-in check. `frameworks = ["iso27001:A.8.12"]` (data
// leakage prevention) then evaluates dlp_gpt_instructions alone and skips
// the seven other DLP checks tagged A.8.12 (dlp_memory, dlp_gpt_file, ...)
// without a word; "every selector must select a check" is satisfied by the
// one, and framework_coverage is per framework, not per control, so it
// cannot show that the control was covered by 1 of its 8 checks. A report
// "A.8.12: passed" reads as data leakage covered.
func TestRedTeam2ControlSelectorSkipsOptInChecksSilently(t *testing.T) {
	rules, _, diags := frameworksModel(nil, "iso27001:A.8.12").rules(0)
	ids := ruleIDs(rules)
	if len(ids) == 0 {
		t.Fatalf("setup: nothing selected: %v", diags)
	}
	for _, d := range diags {
		if strings.Contains(d.Summary()+d.Detail(), "dlp_memory") || strings.Contains(strings.ToLower(d.Summary()+d.Detail()), "opt-in") {
			return // said so
		}
	}
	for _, id := range ids {
		if id == "dlp_memory" {
			return // selected
		}
	}
	t.Fatalf("selected %v, diagnostics %v", ids, diags)
}
