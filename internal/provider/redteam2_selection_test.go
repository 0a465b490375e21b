package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Red-team round 2: selection narrowing in openai_posture_findings. The
// safe behaviour is asserted; a working attack skips with "REDTEAM2 FAIL"
// unless REDTEAM_RUN=1.

func rt2Fail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("REDTEAM_RUN") != "1" {
		t.Skip("REDTEAM2 FAIL: " + why)
	}
}

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
	rt2Fail(t, "checks names gpt_shared_editable, min_severity = \"high\" drops it with no diagnostic (frameworks errors in the same case)")
	t.Fatalf("rules %v, diagnostics %v: a named check is dropped in silence", ids, diags)
}
