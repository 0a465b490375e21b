package openai

import "strings"

// IsTenantScopedEventType reports whether an audit log event type is
// tenant-scoped: it starts with "tenant." (tenant.sso_connection.updated, …)
// or is role.bound_to_resource / role.unbound_from_resource.
//
// The Admin API returns tenant-scoped events only to a query with
// tenant_only=true (AuditLogFilter.TenantOnly), and such a query must ask
// only for tenant-scoped event_types[] or it is refused with a 400. Callers
// therefore split the event types they want with this function and send one
// query per scope; a refused tenant query means those events are unknown, so
// checks needing them fail closed.
//
// The rule is the project's reading of the spec (it names
// role.bound_to_resource as the example of an event needing tenant_only); the
// API does not publish the full list.
func IsTenantScopedEventType(t string) bool {
	switch t {
	case "role.bound_to_resource", "role.unbound_from_resource":
		return true
	}
	return strings.HasPrefix(t, "tenant.")
}
