package posture

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// MinAuditWindowDays is the shortest audit log window any read asks for.
// Checks that only need the log to be readable (audit_logging) and short
// lookbacks share this window, so one plan makes one audit log query for
// them.
const MinAuditWindowDays = 7

// sharedAuditWindowDays is the window every audit log read asks for at
// least: the longest any check needs with its default parameters (never less
// than MinAuditWindowDays).
//
// Why: Terraform evaluates each openai_posture_check on its own, so the
// loader cannot know the union of the plan's windows. Reading the widest
// default window for all of them lets a default baseline share one audit
// log query per provider process (the loader caches by window); a check
// configured wider than every default adds one query of its own. Each check
// still judges only its own window.
var sharedAuditWindowDays = sync.OnceValue(func() int {
	days := MinAuditWindowDays
	for _, c := range Catalog() {
		days = max(days, c.AuditNeed(c.DefaultParams()).Days)
	}
	return days
})

// AuditNeed is what a check reads from the audit log: every event of the
// last Days whole days (counted back from the start of the evaluation's UTC
// day), plus the tenant-scoped event types in TenantEventTypes, which the API
// returns only to a separate tenant_only=true query.
type AuditNeed struct {
	Days             int
	TenantEventTypes []string
}

// AuditNeed returns what the check reads from the audit log with the given
// parameters; the zero AuditNeed when it reads none.
func (c Check) AuditNeed(params Params) AuditNeed {
	if c.audit == nil {
		return AuditNeed{}
	}
	n := c.audit(c.bestEffortParams(params))
	n.TenantEventTypes = slices.Clone(n.TenantEventTypes)
	return n
}

// AuditNeeds is the union of what rules read from the audit log: the longest
// window (at least MinAuditWindowDays when any rule reads the log) and every
// tenant-scoped event type, sorted and deduplicated. Days is 0 when no rule
// reads the audit log.
func AuditNeeds(rules []Rule) AuditNeed {
	var out AuditNeed
	types := map[string]bool{}
	for _, r := range rules {
		c, ok := LookupCheck(r.CheckID)
		if !ok {
			continue
		}
		n := c.AuditNeed(r.Params)
		if n.Days == 0 && len(n.TenantEventTypes) == 0 {
			continue
		}
		out.Days = max(out.Days, n.Days, sharedAuditWindowDays())
		for _, t := range n.TenantEventTypes {
			if tenantScopedEventType(t) {
				types[t] = true
			}
		}
	}
	for t := range types {
		out.TenantEventTypes = append(out.TenantEventTypes, t)
	}
	sort.Strings(out.TenantEventTypes)
	return out
}

// tenantScopedEventType reports whether the audit log returns events of type
// t only to a tenant_only=true query (shared decision 4): types starting with
// "tenant." and role.bound_to_resource / role.unbound_from_resource. The
// tenant_only query refuses (400) any type that is not, so AuditNeeds leaves
// such a type out rather than spoil the query for the others. (Private: the
// client's openai.IsTenantScopedEventType is the public one.)
func tenantScopedEventType(t string) bool {
	return strings.HasPrefix(t, "tenant.") || t == "role.bound_to_resource" || t == "role.unbound_from_resource"
}
