package openai

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestLiveReadOnly reads a real organization, read-only, when asked to:
//
//	OPENAI_POSTURE_LIVE_TEST=1 OPENAI_ADMIN_KEY=... [OPENAI_COMPLIANCE_API_KEY=... OPENAI_WORKSPACE_ID=...] \
//	  go test -run TestLiveReadOnly -v ./internal/openai/
//
// It never runs in CI (no network there) and prints counts only, never data.
func TestLiveReadOnly(t *testing.T) {
	if os.Getenv("OPENAI_POSTURE_LIVE_TEST") != "1" {
		t.Skip("set OPENAI_POSTURE_LIVE_TEST=1 (and OPENAI_ADMIN_KEY, optionally the compliance key and workspace id) to read a real organization")
	}
	c, err := NewClient(Config{
		AdminAPIKey:      os.Getenv("OPENAI_ADMIN_KEY"),
		ComplianceAPIKey: os.Getenv("OPENAI_COMPLIANCE_API_KEY"),
		WorkspaceID:      os.Getenv("OPENAI_WORKSPACE_ID"),
		UserAgent:        "terraform-provider-openai/live-test",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if c.HasAdmin() {
		keys, err := c.ListAdminAPIKeys(ctx)
		if err != nil {
			t.Fatalf("admin API keys: %v", err)
		}
		projects, err := c.ListProjects(ctx)
		if err != nil {
			t.Fatalf("projects: %v", err)
		}
		t.Logf("admin API: %d admin keys, %d projects", len(keys), len(projects))
	}
	if c.HasCompliance() {
		gpts, err := c.ListGPTs(ctx)
		if err != nil {
			t.Fatalf("GPTs: %v", err)
		}
		t.Logf("compliance API: %d GPTs", len(gpts))
	}
}
