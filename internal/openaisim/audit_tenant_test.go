package openaisim

import (
	"sort"
	"strings"
	"testing"
)

// sampleTenantEvents are the tenant-scoped audit events of SampleOrg(), newest first.
var sampleTenantEvents = []string{"audit_log-sim-tenant-role-bound", "audit_log-sim-tenant-user-added", "audit_log-sim-tenant-sso-updated-old"}

func TestTenantScopedEventsOnlyWithTenantOnly(t *testing.T) {
	s := newSim(t, SampleOrg())
	tenant := map[string]bool{}
	for _, id := range sampleTenantEvents {
		tenant[id] = true
	}
	// Without tenant_only (absent or false), no tenant-scoped event, even when asked for
	// a tenant-scoped type.
	for _, q := range []string{"", "&tenant_only=false", "&event_types[]=tenant.sso_connection.updated", "&event_types[]=role.bound_to_resource"} {
		for _, id := range dataIDs(t, s.testAdmin(t, "/organization/audit_logs?limit=100"+q)) {
			if tenant[id] {
				t.Errorf("%q returned tenant-scoped event %s", q, id)
			}
		}
	}
	// With tenant_only=true, exactly the tenant-scoped ones.
	got := dataIDs(t, s.testAdmin(t, "/organization/audit_logs?limit=100&tenant_only=true"))
	if strings.Join(got, ",") != strings.Join(sampleTenantEvents, ",") {
		t.Errorf("tenant_only=true: got %v, want %v", got, sampleTenantEvents)
	}
	got = dataIDs(t, s.testAdmin(t, "/organization/audit_logs?tenant_only=true&event_types[]=tenant.sso_connection.updated&event_types[]=role.bound_to_resource"))
	sort.Strings(got)
	if want := "audit_log-sim-tenant-role-bound,audit_log-sim-tenant-sso-updated-old"; strings.Join(got, ",") != want {
		t.Errorf("tenant_only=true with tenant types: got %v, want %s", got, want)
	}
}

func TestTenantOnlyRejectsNonTenantEventTypes(t *testing.T) {
	s := newSim(t, SampleOrg())
	for _, q := range []string{
		"tenant_only=true&event_types[]=login.succeeded",
		"tenant_only=true&event_types[]=tenant.sso_connection.updated&event_types[]=scim.disabled",
		"tenant_only=true&event_types=api_key.created",
	} {
		r := doGet(t, s.AdminBaseURL()+"/organization/audit_logs?"+q, AdminKey)
		e, _ := r.body["error"].(map[string]any)
		if r.status != 400 || e == nil || e["param"] != "event_types" || e["type"] != "invalid_request_error" {
			t.Errorf("%s: got %d %s, want 400 invalid_request_error with param event_types", q, r.status, r.raw)
		}
	}
}

func TestSampleTenantEventPayloads(t *testing.T) {
	s := newSim(t, SampleOrg())
	body := s.testAdmin(t, "/organization/audit_logs?tenant_only=true&event_types[]=role.bound_to_resource")
	ev := body["data"].([]any)[0].(map[string]any)
	d, ok := ev["role.bound_to_resource"].(map[string]any)
	if !ok {
		t.Fatalf("payload not under the type key: %v", ev)
	}
	for _, k := range []string{"id", "role_id", "resource_id", "resource_type", "permissions", "workspace_id", "connector_id", "connector_name", "enabled", "source"} {
		if _, ok := d[k]; !ok {
			t.Errorf("role.bound_to_resource payload lacks %s: %v", k, d)
		}
	}
	if !strings.HasPrefix(d["id"].(string), s.WorkspaceID()+"__") {
		t.Errorf("connector resource id %v is not <workspace_id>__<connector_id>", d["id"])
	}
	// login.succeeded carries an empty payload and a session actor (the engine's
	// activity signal).
	body = s.testAdmin(t, "/organization/audit_logs?limit=100&event_types[]=login.succeeded")
	users := map[string]bool{}
	for _, raw := range body["data"].([]any) {
		ev := raw.(map[string]any)
		if p, ok := ev["login.succeeded"].(map[string]any); !ok || len(p) != 0 {
			t.Errorf("%v: login.succeeded payload %v, want {}", ev["id"], ev["login.succeeded"])
		}
		u := ev["actor"].(map[string]any)["session"].(map[string]any)["user"].(map[string]any)
		users[u["id"].(string)] = true
	}
	if len(users) < 3 {
		t.Errorf("logins of %d users, want several", len(users))
	}
}
