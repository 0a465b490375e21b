package snapshot

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAuditLogProbeCostsOneRequest(t *testing.T) {
	l, sim := newLoader(t)
	ctx := context.Background()
	for range 3 {
		events, err := l.AuditLogProbe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 0 {
			t.Fatalf("probe returned %d events; it should ask for none of the past", len(events))
		}
	}
	if got := sim.RequestCount(openai.EndpointAuditLogs); got != 1 {
		t.Fatalf("audit log probed with %d requests, want 1", got)
	}
}

func TestAuditLogProbeUnreadable(t *testing.T) {
	l, sim := newLoader(t)
	sim.Update(func(f *openaisim.Fixture) { f.Organization.AuditLogsUnreadable = true })
	_, err := l.AuditLogProbe(context.Background())
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("want a 403 APIError, got %v", err)
	}
}

func TestGPTByIDIsCachedPerID(t *testing.T) {
	l, sim := newLoader(t)
	ctx := context.Background()
	for range 2 {
		g, err := l.GPT(ctx, "g-SimHRHelper")
		if err != nil || g.ID != "g-SimHRHelper" {
			t.Fatalf("got %+v, %v", g, err)
		}
	}
	if _, err := l.GPT(ctx, "g-Nope"); !openai.IsNotFound(err) {
		t.Fatalf("unknown GPT: want 404, got %v", err)
	}
	if got := sim.RequestCount(openai.EndpointComplianceGPT); got != 2 {
		t.Fatalf("GPT fetched %d times for two ids, want 2", got)
	}
}
