package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

func run(v validator.String, value string) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("attr"), ConfigValue: types.StringValue(value),
	}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestValidators(t *testing.T) {
	cases := []struct {
		name    string
		v       validator.String
		value   string
		wantErr string // substring; "" means valid
	}{
		{"duration ok", Duration(), "1m30s", ""},
		{"duration no unit", Duration(), "30", `"30s"`},
		{"duration negative", Duration(), "-5s", "positive"},
		{"duration zero", Duration(), "0s", "positive"},
		{"uuid ok", UUID(), "8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b", ""},
		{"uuid bad", UUID(), "workspace-1", "must be a UUID"},
		{"https ok", BaseURL(), "https://api.openai.com/v1", ""},
		{"loopback http ok", BaseURL(), "http://127.0.0.1:8080/v1", ""},
		{"localhost http ok", BaseURL(), "http://localhost:8080/v1", ""},
		{"http off loopback", BaseURL(), "http://api.openai.com/v1", "https"},
		{"private address http", BaseURL(), "http://10.0.0.5/v1", "https"},
		{"no scheme", BaseURL(), "api.openai.com", "no host"},
		{"user info", BaseURL(), "https://user:pw@api.openai.com/v1", "user info"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := run(tc.v, tc.value)
			if tc.wantErr == "" && got != "" {
				t.Fatalf("%q rejected: %s", tc.value, got)
			}
			if tc.wantErr != "" && !strings.Contains(got, tc.wantErr) {
				t.Fatalf("%q: error %q does not mention %q", tc.value, got, tc.wantErr)
			}
		})
	}
}

func TestNullAndUnknownAreNotValidated(t *testing.T) {
	for _, v := range []validator.String{Duration(), UUID(), BaseURL()} {
		for _, value := range []types.String{types.StringNull(), types.StringUnknown()} {
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: value}, resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("%T rejected %v", v, value)
			}
		}
	}
}

// A key pasted into the wrong setting must not be echoed into the plan
// output by the error that rejects it.
func TestRejectedValuesAreNotEchoed(t *testing.T) {
	const secret = "test-secret-value-not-real-0123456789"
	for name, err := range map[string]error{
		"workspace id":           CheckUUID(secret),
		"base URL without host":  openai.ValidateBaseURL(secret),
		"base URL with a query":  openai.ValidateBaseURL("https://api.openai.com/v1?token=" + secret),
		"base URL not parseable": openai.ValidateBaseURL("https://%zz" + secret),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the error echoes the value: %v", name, err)
		}
	}
}
