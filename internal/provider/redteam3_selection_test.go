package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attack: checks = [] (a filtered list, `[for c in var.checks : c if ...]`,
// that came out empty). rules builds no rule and reports nothing, so the
// findings data source reads passed = true with nothing evaluated, the
// report a pipeline archives as clean. frameworks and min_severity refuse to
// select nothing; an empty checks list should too.
func TestRedTeam3EmptyChecksListIsNotAPass(t *testing.T) {
	m := postureFindingsModel{Parameters: types.DynamicNull(), Frameworks: types.ListNull(types.StringType)}
	m.Checks = types.ListValueMust(types.StringType, []attr.Value{})
	rules, _, diags := m.rules(0)
	if len(rules) == 0 && !diags.HasError() {
		t.Fatalf("checks = [] selects no check and raises no error: %v", diags)
	}
	for _, d := range diags.Errors() {
		if wp, ok := d.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(path.Root("checks")) {
			t.Errorf("error does not name the checks attribute: %v", d)
		}
	}
}
