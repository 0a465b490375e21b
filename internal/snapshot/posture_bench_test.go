package snapshot

import (
	"context"
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
