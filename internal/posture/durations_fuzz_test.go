package posture_test

import (
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/validators"
)

// FuzzParseDuration covers the provider's duration settings (request and
// total timeouts); it lives here because the validators package has no fuzz
// file of its own.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"30s", "2m", "1h30m", "0s", "-5s", "5", "", "1e9h", "9223372036854775807ns", "1.5h", "µs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := validators.ParseDuration(s)
		if err != nil {
			if !strings.Contains(err.Error(), "positive duration") {
				t.Fatalf("the error does not say what is accepted: %v", err)
			}
			return
		}
		if d <= 0 {
			t.Fatalf("%q parsed to a non-positive duration %s", s, d)
		}
	})
}
