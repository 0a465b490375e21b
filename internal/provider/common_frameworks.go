package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

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
