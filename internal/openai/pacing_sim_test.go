package openai

import (
	"context"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"golang.org/x/sync/errgroup"
)

// The default (adaptive) configuration reads a whole org without a 429
// reaching the caller under either of the simulator's Admin limit modes, and
// spends few requests on 429s. Counts, not timings: the buckets refill
// faster than real so the test is quick.
func TestAdaptivePacingAgainstSimModes(t *testing.T) {
	fx := openaisim.Generate(openaisim.BaseGenParams().Scaled(0.15)) // 19 projects, ~940 users
	// Path mode refills slowly enough (6 a second after a 60-request burst)
	// that even a client slowed down by -race on a loaded machine exhausts
	// the bucket: the test must see 429s to mean anything.
	for _, tc := range []struct {
		mode  openaisim.RateLimitMode
		scale float64
	}{{openaisim.RateLimitsPerTemplate, 600}, {openaisim.RateLimitsPerPath, 6}} {
		mode := tc.mode
		t.Run(string(mode), func(t *testing.T) {
			sim, err := openaisim.New(fx, openaisim.WithRateLimitMode(mode), openaisim.WithTimeScale(tc.scale))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Close)
			c, err := NewClient(Config{AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL()})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			// Users page by page (10 pages: past the per-template burst),
			// while every project's keys are read 8 at a time (past the
			// per-template burst of that endpoint).
			var g errgroup.Group
			g.Go(func() error {
				for i := 0; i < 12; i++ { // 120 pages: past the per-path burst too
					if _, err := c.ListUsers(ctx); err != nil {
						return err
					}
				}
				return nil
			})
			projects, err := c.ListProjects(ctx)
			if err != nil {
				t.Fatal(err)
			}
			keys := errgroup.Group{}
			keys.SetLimit(8)
			for _, p := range projects {
				keys.Go(func() error {
					_, err := c.ListProjectAPIKeys(ctx, p.ID)
					return err
				})
			}
			if err := keys.Wait(); err != nil {
				t.Fatalf("project keys: %v", err)
			}
			if err := g.Wait(); err != nil {
				t.Fatalf("users: %v", err)
			}
			users := sim.RequestCount(openaisim.EndpointAdminUsers)
			perProject := sim.RequestCount(openaisim.EndpointAdminProjectAPIKeys)
			served := 120 + len(projects)
			extra := users + perProject - served
			t.Logf("%s: %d users requests, %d project-key requests for %d projects, %d 429s", mode, users, perProject, len(projects), extra)
			if extra < 1 {
				t.Errorf("no 429 at all: the test does not exercise the limits")
			}
			if extra > served/3 {
				t.Errorf("%d 429s for %d pages served", extra, served)
			}
			if mode == openaisim.RateLimitsPerPath && perProject != len(projects) {
				t.Errorf("per-path limits: %d project-key requests for %d projects, want no 429", perProject, len(projects))
			}
		})
	}
}
