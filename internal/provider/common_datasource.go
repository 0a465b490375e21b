package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// configureSnapshot is the shared Configure of every data source: it picks the
// provider's snapshot loader out of the provider data.
func configureSnapshot(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	if req.ProviderData == nil {
		return nil // provider not configured yet (validate); Read is not called then
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", req.ProviderData))
		return nil
	}
	return data
}
