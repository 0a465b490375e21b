package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// WaiverExpiry accepts a waiver expiry: a date YYYY-MM-DD or an RFC 3339
// timestamp. A date in the past is valid here (the waiver then simply stops
// suppressing, with a warning at plan time).
func WaiverExpiry() validator.String { return waiverExpiryValidator{} }

type waiverExpiryValidator struct{}

func (waiverExpiryValidator) Description(context.Context) string {
	return "must be a date YYYY-MM-DD or an RFC 3339 timestamp such as 2026-06-30T00:00:00Z"
}

func (v waiverExpiryValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v waiverExpiryValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := posture.ParseWaiverExpiry(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid waiver expiry", err.Error())
	}
}
