package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// timeString renders an API timestamp as an RFC 3339 string, or null when the
// API sent none.
func timeString(t openai.Timestamp) types.String {
	if !t.Valid {
		return types.StringNull()
	}
	return types.StringValue(t.Time.UTC().Format(time.RFC3339))
}

// timePtrString renders a time of the snapshot's compact form (nil when the
// API sent none) like timeString.
func timePtrString(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// daysSincePtr is daysSince for a time of the snapshot's compact form.
func daysSincePtr(t *time.Time, now time.Time) types.Int64 {
	if t == nil {
		return types.Int64Null()
	}
	return daysSince(openai.Timestamp{Time: *t, Valid: true}, now)
}

// shownString maps a compact-form string and whether the API sent it.
func shownString(v string, sent bool) types.String {
	if !sent {
		return types.StringNull()
	}
	return types.StringValue(v)
}

// shownBool maps a compact-form bool and whether the API sent it.
func shownBool(v bool, sent bool) types.Bool {
	if !sent {
		return types.BoolNull()
	}
	return types.BoolValue(v)
}

// daysSince is the whole number of days from t to now, or null when t is not
// known (a key never used, say).
func daysSince(t openai.Timestamp, now time.Time) types.Int64 {
	if !t.Valid {
		return types.Int64Null()
	}
	d := now.Sub(t.Time)
	if d < 0 {
		return types.Int64Value(0)
	}
	return types.Int64Value(int64(d / (24 * time.Hour)))
}

// optString maps an optional API string to a Terraform value.
func optString(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return types.StringValue(*p)
}
