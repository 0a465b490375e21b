package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// configureSnapshot is the shared Configure of every data source: it picks the
// provider's snapshot loader out of the provider data.
func configureSnapshot(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	return providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// providerDataFrom unpacks what Configure handed to data sources and
// resources. nil means the provider is not configured (yet, or because its
// configuration is only known at apply).
func providerDataFrom(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", v))
		return nil
	}
	return data
}

// configured reports whether the provider could be configured, and says why
// not otherwise: Terraform reads with an unconfigured provider when the
// provider block depends on values known only after apply.
func (p *providerData) configured(diags *diag.Diagnostics) bool {
	if p != nil {
		return true
	}
	diags.AddError("Provider not configured",
		"The openai provider's configuration depends on values that are not known yet (attributes of resources "+
			"created in this run), so it cannot read the organization now. Use literal values, variables or "+
			"environment variables in the provider block.")
	return false
}
