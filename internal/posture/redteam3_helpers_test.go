package posture

import (
	"os"
	"testing"
)

// rt3Fail marks an attack of red-team round 3 that succeeded: the test is
// skipped (the branch stays green) unless REDTEAM_RUN=1, when it fails.
func rt3Fail(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("REDTEAM_RUN") != "1" {
		t.Skipf("REDTEAM3 FAIL: "+format, args...)
	}
	t.Fatalf("REDTEAM3 FAIL: "+format, args...)
}
