package snapshot

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// BenchmarkPostureSnapshot reads every check's data from an in-process simulator
// serving a generated org (a quarter of openaisim.BaseGenParams, no latency) and
// evaluates it, once per iteration with a fresh loader, as one plan does:
//
//	go test -run '^$' -bench PostureSnapshot -benchmem ./internal/snapshot/
//
// The shared variant is what a plan does (fetch-once cache, parallel reads); the
// sequential-no-cache variant is the benchmarking switch of cmd/benchposture,
// with every check reading for itself.
func BenchmarkPostureSnapshot(b *testing.B) {
	fx := openaisim.Generate(openaisim.BaseGenParams().Scaled(0.25))
	sim, err := openaisim.New(fx)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(),
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	var rules []posture.Rule
	for _, c := range posture.Catalog() {
		rules = append(rules, posture.Rule{CheckID: c.ID, Enforcement: "warn"})
	}
	for _, bc := range []struct {
		name string
		opts Options
		// perCheck evaluates each rule with its own PostureSnapshot call, as the
		// provider's posture_check resources do.
		perCheck bool
	}{
		{"shared/all-rules", Options{}, false},
		{"shared/per-check", Options{}, true},
		{"sequential-no-cache/per-check", Options{DisableCache: true, Sequential: true}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			sim.ResetCounts()
			findings := 0
			for b.Loop() {
				l := NewWithOptions(client, bc.opts)
				now := time.Now()
				if bc.perCheck {
					for _, r := range rules {
						snap := l.PostureSnapshot(context.Background(), []posture.Rule{r}, now)
						findings += len(posture.EvaluateRule(snap, r).Findings)
					}
					continue
				}
				snap := l.PostureSnapshot(context.Background(), rules, now)
				for _, r := range posture.Evaluate(snap, rules).Rules {
					findings += len(r.Findings)
				}
			}
			total := 0
			for _, n := range sim.RequestCounts() {
				total += n
			}
			b.ReportMetric(float64(total)/float64(b.N), "requests/op")
			b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
		})
	}
}

// BenchmarkPostureSnapshotInvitesAndKeys is the per-check plan of the checks
// reading invites or project API keys (and project members), on the 4x org
// of cmd/benchposture (5,000 invites, 500 projects x 5 keys): what caching
// those collections in the engine's form saves (each check used to convert
// its own copy).
//
//	go test -run '^$' -bench PostureSnapshotInvitesAndKeys -benchmem ./internal/snapshot/
func BenchmarkPostureSnapshotInvitesAndKeys(b *testing.B) {
	sim, err := openaisim.New(openaisim.Generate(openaisim.BaseGenParams().Scaled(4)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(), AdminRequestsPerMinute: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	var rules []posture.Rule
	for _, c := range posture.Catalog() {
		r := posture.Rule{CheckID: c.ID, Enforcement: "warn"}
		for _, id := range posture.Needs([]posture.Rule{r}) {
			if id == posture.CollectionInvites || id == posture.CollectionProjectAPIKeys || id == posture.CollectionProjectUsers {
				rules = append(rules, r)
				break
			}
		}
	}
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	rest := ms.HeapAlloc
	var l *Loader
	for b.Loop() {
		l = New(client)
		now := time.Now()
		// As the provider: one snapshot per check, the checks of a plan
		// running side by side (here all at once) over one loader.
		done := make(chan int, len(rules))
		for _, r := range rules {
			go func() {
				snap := l.PostureSnapshot(context.Background(), []posture.Rule{r}, now)
				done <- len(posture.EvaluateRule(snap, r).Findings)
			}()
		}
		for range rules {
			<-done
		}
	}
	// What the loader's cache holds once the checks are done (the plan's
	// provider keeps it until it exits).
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-min(rest, ms.HeapAlloc))/(1<<20), "cache-MiB")
	runtime.KeepAlive(l)
}
