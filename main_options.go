//go:build !benchposture

package main

import "github.com/openai-posture/terraform-provider-openai/internal/snapshot"

// benchSnapshotOptions is the snapshot loader tuning of a release build: the
// production behaviour, whatever the environment says. The benchmarking
// switch exists only in a build with -tags benchposture (main_bench.go).
func benchSnapshotOptions() snapshot.Options { return snapshot.Options{} }
