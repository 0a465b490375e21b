package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Unset and 0 select the client's adaptive pace (0); N is a fixed pace.
func TestRateSetting(t *testing.T) {
	cases := []struct {
		attr types.Float64
		env  string
		want float64
		err  bool
	}{
		{types.Float64Null(), "", 0, false},
		{types.Float64Value(0), "", 0, false},
		{types.Float64Value(12), "", 12, false},
		{types.Float64Null(), "0", 0, false},
		{types.Float64Null(), "30", 30, false},
		{types.Float64Value(5), "30", 5, false},
		{types.Float64Null(), "-1", 0, true},
		{types.Float64Null(), "fast", 0, true},
	}
	for _, c := range cases {
		t.Setenv(envAdminRPM, c.env)
		got, err := rateSetting(c.attr, envAdminRPM)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("attr %v env %q: %v %v, want %v (error %v)", c.attr, c.env, got, err, c.want, c.err)
		}
	}
}
