package openai

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// A tenant-scoped query sends tenant_only=true and every requested event
// type, on every page.
func TestListAuditLogsTenantOnlyExactQuery(t *testing.T) {
	var mu sync.Mutex
	var queries []string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Query().Get("after") == "" {
			writeJSON(w, 200, `{"object":"list","data":[{"id":"audit_log-1","type":"tenant.sso_connection.updated","effective_at":1722461446}],"first_id":"audit_log-1","last_id":"audit_log-1","has_more":true}`)
			return
		}
		writeJSON(w, 200, `{"object":"list","data":[{"id":"audit_log-2","type":"role.bound_to_resource","effective_at":1722461440}],"first_id":"audit_log-2","last_id":"audit_log-2","has_more":false}`)
	})
	gte := time.Unix(1700000000, 0)
	logs, err := c.ListAuditLogs(testCtx(t), AuditLogFilter{
		EffectiveAtGTE: &gte,
		EventTypes:     []string{"tenant.sso_connection.updated", "role.bound_to_resource"},
		TenantOnly:     true,
	})
	if err != nil || len(logs) != 2 {
		t.Fatalf("%v %+v", err, logs)
	}
	const first = "effective_at%5Bgte%5D=1700000000&event_types%5B%5D=tenant.sso_connection.updated&event_types%5B%5D=role.bound_to_resource&limit=100&tenant_only=true"
	const second = "after=audit_log-1&" + first
	if len(queries) != 2 || queries[0] != first || queries[1] != second {
		t.Fatalf("queries\n%q\nwant\n%q\n%q", queries, first, second)
	}
}

// Without TenantOnly the parameter is not sent at all.
func TestListAuditLogsOrgQueryHasNoTenantOnly(t *testing.T) {
	var got string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RawQuery
		writeJSON(w, 200, `{"object":"list","data":[],"has_more":false}`)
	})
	if _, err := c.ListAuditLogs(testCtx(t), AuditLogFilter{EventTypes: []string{"api_key.created"}}); err != nil {
		t.Fatal(err)
	}
	if got != "event_types%5B%5D=api_key.created&limit=100" {
		t.Fatalf("query %q", got)
	}
}

func TestIsTenantScopedEventType(t *testing.T) {
	for typ, want := range map[string]bool{
		"tenant.sso_connection.updated": true,
		"tenant.sso_connection.deleted": true,
		"tenant.anything":               true,
		"role.bound_to_resource":        true,
		"role.unbound_from_resource":    true,
		"role.created":                  false,
		"role.bound_to_resource.x":      false,
		"api_key.created":               false,
		"project.archived":              false,
		"tenant":                        false,
		"Tenant.sso_connection.updated": false,
		"":                              false,
	} {
		if got := IsTenantScopedEventType(typ); got != want {
			t.Errorf("IsTenantScopedEventType(%q) = %v, want %v", typ, got, want)
		}
	}
}
