//go:build benchposture

package main

import "github.com/openai-posture/terraform-provider-openai/internal/snapshot"

// benchSnapshotOptions reads the benchmarking switch
// (snapshot.EnvBenchDisableSnapshot) in a provider built by cmd/benchposture
// with -tags benchposture, so the benchmark can measure the shared snapshot's
// gain. Release builds never read it (main_options.go).
func benchSnapshotOptions() snapshot.Options { return snapshot.OptionsFromEnv() }
