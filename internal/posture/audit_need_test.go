package posture

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The audit window and the tenant-scoped types are declared by the checks;
// the provider only asks.
func TestAuditNeedsAreDeclaredByChecks(t *testing.T) {
	if n := AuditNeeds([]Rule{{CheckID: "spend_limit"}}); n.Days != 0 || len(n.TenantEventTypes) != 0 {
		t.Errorf("a rule set without audit checks needs %+v", n)
	}
	// Every read asks for at least the widest default window (user_inactive's
	// 90 days), so a default baseline, evaluated check by check, shares one
	// audit log query.
	shared := sharedAuditWindowDays()
	if shared != 90 {
		t.Errorf("shared window %d days, want user_inactive's default 90", shared)
	}
	if n := AuditNeeds([]Rule{{CheckID: "audit_logging"}}); n.Days != shared || len(n.TenantEventTypes) != 0 {
		t.Errorf("audit_logging alone needs %+v", n)
	}
	n := AuditNeeds([]Rule{
		{CheckID: "risky_admin_events", Params: Params{"lookback_days": IntValue(30), "ignore_event_types": ListValue("tenant.admin_api_key.created")}},
		{CheckID: "user_inactive", Params: Params{"max_inactive_days": IntValue(120)}},
	})
	if n.Days != 120 {
		t.Errorf("window = %d days, want the longest declared (120)", n.Days)
	}
	if !reflect.DeepEqual(n.TenantEventTypes, riskyTenantTypesToRead([]string{"tenant.admin_api_key.created"})) {
		t.Errorf("tenant types = %v", n.TenantEventTypes)
	}
	for _, typ := range n.TenantEventTypes {
		if !tenantScopedEventType(typ) {
			t.Errorf("%s is asked of the tenant_only query but is not tenant-scoped (the API would answer 400)", typ)
		}
		if _, ok := riskyTenantEventTypes[typ]; !ok {
			t.Errorf("%s is queried but not judged", typ)
		}
		if typ == "tenant.admin_api_key.created" {
			t.Error("an ignored type is still queried")
		}
	}
	if n := AuditNeeds([]Rule{{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}}}); n.Days != 0 {
		t.Errorf("workspace-only user_inactive reads the audit log: %+v", n)
	}
}

func TestOrgUserInactivityUsesLoginsAndNeverReadsAbsentAsNever(t *testing.T) {
	rule := Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("org")}}
	login := func(id, user string, daysAgo int) AuditEvent {
		return AuditEvent{ID: id, Type: "login.succeeded", ActorType: "session", ActorID: user, EffectiveAt: ago(daysAgo)}
	}
	snap := emptySnapshot()
	snap.OrgUsers = Loaded(
		// Logs in to the dashboard, never used an API key: active.
		OrgUser{ID: "user_dashboard", Email: "d@example.com", AddedAt: ago(400)},
		// api_key_last_used_at absent and no login: not judged, not "never".
		OrgUser{ID: "user_unreported", Email: "u@example.com", AddedAt: ago(400), APIKeyUseNotReported: true},
		// api_key_last_used_at absent but a recent login: active.
		OrgUser{ID: "user_unreported_login", Email: "l@example.com", AddedAt: ago(400), APIKeyUseNotReported: true},
		// Neither: inactive.
		OrgUser{ID: "user_idle", Email: "i@example.com", AddedAt: ago(400), APIKeyLastUsedAt: ago(200)},
	)
	untimed := AuditEvent{ID: "a4", Type: "login.succeeded", ActorType: "session", ActorID: "user_idle"}
	snap.AuditLogs = Loaded(login("a1", "user_dashboard", 3), login("a2", "user_unreported_login", 10), login("a3", "user_idle", 150), untimed)
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 {
		t.Fatal(rr.Errors)
	}
	got := map[string]string{}
	for _, f := range rr.Findings {
		got[f.SubjectID] = f.Observed
	}
	if len(got) != 2 {
		t.Errorf("findings = %v, want user_unreported and user_idle", got)
	}
	if o := got["user_unreported"]; !strings.Contains(o, "not reported") || strings.Contains(o, "never") {
		t.Errorf("absent api_key_last_used_at: %q, want a not-reported finding", o)
	}
	if o := got["user_idle"]; !strings.Contains(o, "last active 150 days ago") {
		t.Errorf("idle user: %q, want the later of login and key use", o)
	}

	snap.AuditLogs = Unreadable[AuditEvent]("", errors.New("HTTP 500"))
	if rr := EvaluateRule(snap, rule); len(rr.Errors) == 0 || rr.Errors[0].Collection != CollectionAuditLogs {
		t.Errorf("unreadable audit log: errors %v, want one naming audit_logs", rr.Errors)
	}
}

func TestAPIKeyCreatedIsJudgedByTheKeyOwner(t *testing.T) {
	created := func(id, keyID string) AuditEvent {
		return AuditEvent{ID: id, Type: "api_key.created", EffectiveAt: ago(1), ActorType: "session", ActorID: "user_admin", ResourceID: keyID}
	}
	snap := emptySnapshot()
	p := project("proj_a")
	p.APIKeys = Loaded(
		ProjectAPIKey{ID: "key_sa", OwnerType: "service_account", OwnerID: "svc_1"},
		ProjectAPIKey{ID: "key_person", OwnerType: "user", OwnerEmail: "p@example.com"},
	)
	snap.Projects = Loaded(p)
	snap.AuditLogs = Loaded(created("ev_sa", "key_sa"), created("ev_person", "key_person"), created("ev_gone", "key_deleted"), created("ev_noid", ""))
	rr := EvaluateRule(snap, Rule{CheckID: "risky_admin_events"})
	if len(rr.Errors) > 0 {
		t.Fatal(rr.Errors)
	}
	got := map[string]string{}
	for _, f := range rr.Findings {
		got[f.SubjectID] = f.Observed
	}
	if _, ok := got["ev_sa"]; ok {
		t.Errorf("a service-account key created from a dashboard session was flagged: %q", got["ev_sa"])
	}
	if !strings.Contains(got["ev_person"], "owned by user p@example.com") {
		t.Errorf("person-owned key: %q", got["ev_person"])
	}
	if !strings.Contains(got["ev_gone"], "cannot be judged") || !strings.Contains(got["ev_noid"], "cannot be judged") {
		t.Errorf("keys outside the inventory must be not-judged findings: %v", got)
	}

	// The inventory unreadable: an error, and the event is not passed.
	p.APIKeys = Unreadable[ProjectAPIKey]("", errors.New("HTTP 500"))
	snap.Projects = Loaded(p)
	snap.AuditLogs = Loaded(created("ev_sa", "key_sa"))
	rr = EvaluateRule(snap, Rule{CheckID: "risky_admin_events"})
	if len(rr.Errors) == 0 || len(rr.Findings) != 1 {
		t.Errorf("unreadable key list: findings %+v errors %v, want one not-judged finding and an error", rr.Findings, rr.Errors)
	}
}

func TestTenantScopedRiskyEvents(t *testing.T) {
	snap := emptySnapshot()
	snap.TenantAuditLogs = Loaded(
		AuditEvent{ID: "t1", Type: "tenant.sso_connection.deleted", EffectiveAt: ago(1), ActorType: "session"},
		AuditEvent{ID: "t2", Type: "tenant.session_policy.updated", EffectiveAt: ago(2), ActorType: "session"},
	)
	rr := EvaluateRule(snap, Rule{CheckID: "risky_admin_events"})
	if len(rr.Findings) != 2 || len(rr.Errors) != 0 {
		t.Errorf("findings %+v errors %v, want both tenant events", rr.Findings, rr.Errors)
	}
	snap.TenantAuditLogs = Unreadable[AuditEvent](CollectionTenantAuditLogs.Endpoint(), errors.New("HTTP 400: tenant_only refused"))
	rr = EvaluateRule(snap, Rule{CheckID: "risky_admin_events"})
	if rr.Passed() || len(rr.Errors) != 1 || !strings.Contains(rr.Errors[0].Error(), "tenant_only=true") {
		t.Errorf("refused tenant query: errors %v, want the check to fail closed naming the query", rr.Errors)
	}
}
