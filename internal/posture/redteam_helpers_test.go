package posture

import (
	"os"
	"testing"
)

// redteamFail marks a red-team test whose attack succeeds on the current
// code: it skips with "REDTEAM FAIL: <why>" so the branch stays green, unless
// REDTEAM_FORCE=1, which runs the test to show it failing.
func redteamFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("REDTEAM_FORCE") != "1" {
		t.Skip("REDTEAM FAIL: " + why)
	}
}
