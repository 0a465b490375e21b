package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// BaseURL accepts an API base URL under the client's rules: https, or plain
// http on a loopback address only (the simulator), so a typo can never send a
// key in clear text over a network.
func BaseURL() validator.String { return baseURLValidator{} }

type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an https URL, or an http URL on a loopback address (127.0.0.1, ::1, localhost)"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v baseURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := openai.ValidateBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base URL", err.Error())
	}
}
