package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A check named in checks that min_severity would drop is an error naming
// the check, its severity and min_severity, like the frameworks exclusion.
func TestFindingsMinSeverityExcludingNamedCheckIsAnError(t *testing.T) {
	m := postureFindingsModel{Parameters: types.DynamicNull(), Frameworks: types.ListNull(types.StringType)}
	m.Checks = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("gpt_external_share"), types.StringValue("gpt_shared_editable")})
	m.MinSeverity = types.StringValue("high")
	_, _, diags := m.rules(0)
	var found diag.Diagnostic
	for _, d := range diags {
		if d.Severity() == diag.SeverityError && d.Summary() == "Check excluded by min_severity" {
			found = d
		}
	}
	if found == nil {
		t.Fatalf("no error for the excluded check: %v", diags)
	}
	for _, want := range []string{"gpt_shared_editable", "medium", `"high"`} {
		if !strings.Contains(found.Detail(), want) {
			t.Errorf("detail %q does not name %s", found.Detail(), want)
		}
	}
	if strings.Contains(found.Detail(), "gpt_external_share") {
		t.Errorf("the high-severity check is reported as excluded: %q", found.Detail())
	}

	// Unnamed checks (the defaults) are filtered by min_severity silently,
	// as documented.
	m.Checks = types.ListNull(types.StringType)
	if _, _, diags := m.rules(0); diags.HasError() {
		t.Errorf("min_severity over the default checks errors: %v", diags)
	}
}

// With checks unset, a control selector warns about the opt-in checks
// tagged with it that are not evaluated, naming them and how to add them;
// naming them (through checks) silences it.
func TestFindingsFrameworksWarnOptInChecksNotEvaluated(t *testing.T) {
	_, _, diags := frameworksModel(nil, "iso27001:A.8.12").rules(0)
	var warn diag.Diagnostic
	for _, d := range diags {
		if d.Severity() == diag.SeverityWarning && d.Summary() == "Opt-in checks not evaluated" {
			warn = d
		}
	}
	if diags.HasError() || warn == nil {
		t.Fatalf("want one warning and no error: %v", diags)
	}
	for _, want := range []string{"frameworks[0]", `"iso27001:A.8.12"`, "dlp_memory", "dlp_gpt_file", "checks = ["} {
		if !strings.Contains(warn.Detail(), want) {
			t.Errorf("warning %q lacks %s", warn.Detail(), want)
		}
	}
	if _, _, diags := frameworksModel([]string{"dlp_gpt_instructions"}, "iso27001:A.8.12").rules(0); diags.WarningsCount() > 0 {
		t.Errorf("checks set explicitly still warns: %v", diags)
	}
}
