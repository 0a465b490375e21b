//go:build !benchposture

package main

import (
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// TestReleaseBuildIgnoresBenchSwitch: the benchmarking switch that turns the
// shared snapshot off is not a user setting; a release build ignores it.
func TestReleaseBuildIgnoresBenchSwitch(t *testing.T) {
	t.Setenv(snapshot.EnvBenchDisableSnapshot, "1")
	if got := benchSnapshotOptions(); got != (snapshot.Options{}) {
		t.Fatalf("release build honours %s: %+v", snapshot.EnvBenchDisableSnapshot, got)
	}
}
