package snapshot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

func riskyRule() []posture.Rule {
	return []posture.Rule{{CheckID: "risky_admin_events", Enforcement: "error"}}
}

// Tenant-scoped events reach risky_admin_events through the tenant_only
// query: the organization query never returns them.
func TestTenantScopedRiskyEventsAreRead(t *testing.T) {
	l, sim := newLoader(t)
	sim.Update(func(f *openaisim.Fixture) {
		f.AuditLogs = append(f.AuditLogs, openaisim.AuditLogEvent{
			ID: "audit_log-sim-sso-deleted", Type: "tenant.sso_connection.deleted", EffectiveAt: openaisim.Rel(-24 * time.Hour),
			Actor: json.RawMessage(`{"type":"session","session":{"user":{"id":"user_sim_alice","email":"alice@example.com"}}}`),
		})
	})
	res := posture.Evaluate(l.PostureSnapshot(context.Background(), riskyRule(), time.Now()), riskyRule())
	r := res.Rules[0]
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	for _, f := range r.Findings {
		if f.SubjectID == "audit_log-sim-sso-deleted" {
			return
		}
	}
	t.Errorf("SSO connection deletion not flagged; findings %+v", r.Findings)
}

// A refused tenant_only query fails the check closed, naming that query.
func TestRefusedTenantQueryFailsClosed(t *testing.T) {
	l, sim := newLoader(t)
	ctx, now := context.Background(), time.Now()
	// The organization query is read (and cached) first, so the injected
	// refusal meets only the tenant_only one.
	if c := l.auditEvents(ctx, now, posture.AuditNeeds(riskyRule()).Days); !c.Loaded {
		t.Fatal(c.Err)
	}
	sim.InjectFault(openai.EndpointAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 400, Message: "tenant_only is not allowed"})
	res := posture.Evaluate(l.PostureSnapshot(ctx, riskyRule(), now), riskyRule())
	r := res.Rules[0]
	if r.Passed() || len(r.Errors) != 1 || r.Errors[0].Collection != posture.CollectionTenantAuditLogs ||
		!strings.Contains(r.Errors[0].Error(), "tenant_only=true") {
		t.Errorf("errors %v, want one naming the tenant_only query", r.Errors)
	}
}

// The window is what the checks declare: user_inactive reads its whole
// max_inactive_days, so a login 60 days ago keeps a member active.
func TestAuditWindowComesFromTheChecks(t *testing.T) {
	rules := []posture.Rule{{CheckID: "user_inactive", Params: posture.Params{"scope": posture.StringValue("org")}, Enforcement: "error"}}
	l, sim := newLoader(t)
	sim.Update(func(f *openaisim.Fixture) {
		f.AuditLogs = append(f.AuditLogs, openaisim.AuditLogEvent{
			ID: "audit_log-sim-login-idle", Type: "login.succeeded", EffectiveAt: openaisim.Rel(-60 * 24 * time.Hour),
			Actor: json.RawMessage(`{"type":"session","session":{"user":{"id":"user_sim_inactive_120d","email":"inactive-120d@example.com"}}}`),
		})
	})
	res := posture.Evaluate(l.PostureSnapshot(context.Background(), rules, time.Now()), rules)
	r := res.Rules[0]
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	for _, f := range r.Findings {
		if f.SubjectID == "user_sim_inactive_120d" {
			t.Errorf("a member who logged in 60 days ago was flagged: %s", f.Observed)
		}
	}
}
