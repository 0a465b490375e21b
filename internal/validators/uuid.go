package validators

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// UUID accepts a workspace id in the UUID form the Compliance API uses
// (XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX).
func UUID() validator.String { return uuidValidator{} }

type uuidValidator struct{}

func (uuidValidator) Description(context.Context) string {
	return "must be a UUID such as 8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"
}

func (v uuidValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v uuidValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckUUID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid workspace id", err.Error())
	}
}

// CheckUUID reports whether s is a UUID, with an error that shows the form.
func CheckUUID(s string) error {
	if !uuidPattern.MatchString(s) {
		// The value is not echoed: a key pasted into the wrong setting would
		// otherwise land in the plan output.
		return fmt.Errorf("the value (%d characters) is not a workspace id: it must be a UUID such as "+
			"8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b (ChatGPT admin console, workspace settings)", len(s))
	}
	return nil
}
