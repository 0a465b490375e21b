package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

func frameworkKeys() []string {
	var keys []string
	for _, f := range posture.Frameworks() {
		keys = append(keys, f.Key)
	}
	return keys
}

// frameworkSelectors reads `frameworks`: nil when unset (no narrowing), else
// the selectors, each validated (an error names the valid frameworks or an
// example control).
func (m postureFindingsModel) frameworkSelectors() ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if m.Frameworks.IsNull() || m.Frameworks.IsUnknown() {
		return nil, nil
	}
	var sels []string
	diags.Append(m.Frameworks.ElementsAs(context.Background(), &sels, false)...)
	for i, sel := range sels {
		if err := posture.ValidateFrameworkSelector(sel); err != nil {
			diags.AddAttributeError(path.Root("frameworks").AtListIndex(i), "Unknown framework or control", err.Error())
		}
	}
	if sels == nil {
		sels = []string{}
	}
	return sels, diags
}

// frameworksSelectSomething errors on every selector that selects none of
// the rules: beside another selector it would otherwise be dropped in
// silence, and the report would claim a control it never looked at.
// candidates are the checks the selectors narrowed.
func frameworksSelectSomething(frameworks []string, rules []posture.Rule, candidates []string) diag.Diagnostics {
	var diags diag.Diagnostics
	if frameworks == nil {
		return nil
	}
	if len(frameworks) == 0 {
		diags.AddAttributeError(path.Root("frameworks"), "No framework selected",
			"frameworks is empty, which selects no check: name a framework or control, or remove frameworks to evaluate every selected check")
		return diags
	}
	for i, sel := range frameworks {
		if posture.ValidateFrameworkSelector(sel) != nil {
			continue // already an error
		}
		found := false
		for _, r := range rules {
			found = found || posture.CheckMatchesFrameworks(r.CheckID, []string{sel})
		}
		if !found {
			diags.AddAttributeError(path.Root("frameworks").AtListIndex(i), "Framework selects no check",
				fmt.Sprintf("frameworks[%d]: %s", i, posture.NoCheckSelectedMessage(sel, candidates)))
		}
	}
	return diags
}

// excludedCheckMessage explains a check named explicitly that frameworks
// excludes: evaluating fewer checks than named would be silent.
func excludedCheckMessage(id string, frameworks []string) string {
	return fmt.Sprintf("check %s is named explicitly but is tagged with none of frameworks (%s); its tags are %s: "+
		"remove it, or add one of its tags to frameworks", id, strings.Join(frameworks, ", "), strings.Join(posture.CheckControls(id), ", "))
}

// frameworkCoverageObject is the type of a framework_coverage element.
var frameworkCoverageObject = types.ObjectType{AttrTypes: map[string]attr.Type{"evaluated": types.Int64Type, "tagged": types.Int64Type}}

// frameworkCoverageValue is framework_coverage (posture.FrameworkCoverages).
func frameworkCoverageValue(res posture.Result) types.Map {
	elems := map[string]attr.Value{}
	for key, c := range posture.FrameworkCoverages(res) {
		elems[key] = types.ObjectValueMust(frameworkCoverageObject.AttrTypes, map[string]attr.Value{
			"evaluated": types.Int64Value(int64(c.Evaluated)), "tagged": types.Int64Value(int64(c.Tagged)),
		})
	}
	return types.MapValueMust(frameworkCoverageObject, elems)
}
