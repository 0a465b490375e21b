//go:build benchposture

package main

import (
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// TestBenchBuildReadsBenchSwitch: the benchmark build (-tags benchposture)
// reads the switch, so cmd/benchposture can compare with the snapshot off.
func TestBenchBuildReadsBenchSwitch(t *testing.T) {
	t.Setenv(snapshot.EnvBenchDisableSnapshot, "1")
	if got := benchSnapshotOptions(); got == (snapshot.Options{}) {
		t.Fatalf("benchmark build ignores %s", snapshot.EnvBenchDisableSnapshot)
	}
}
