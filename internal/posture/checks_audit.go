package posture

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// riskyEventTypes are organization audit event types that weaken posture by
// themselves. tenant.sso_connection.* events are matched by prefix too, in
// case the API lists some in the organization log.
var riskyEventTypes = map[string]string{
	"scim.disabled":                   "SCIM provisioning disabled",
	"ip_allowlist.deleted":            "IP allow-list deleted",
	"ip_allowlist.config.deactivated": "IP allow-list deactivated",
}

// riskyTenantEventTypes are the tenant-scoped risky types (names from the
// spec's AuditLogEventType enum). The API returns them only to a
// tenant_only=true query whose event_types[] are all tenant-scoped, so they
// are listed one by one: that query cannot match a prefix.
var riskyTenantEventTypes = map[string]string{
	"tenant.sso_connection.created":       "SSO connection created",
	"tenant.sso_connection.updated":       "SSO connection changed",
	"tenant.sso_connection.deleted":       "SSO connection deleted",
	"tenant.sso_connection.setup.started": "SSO connection setup started",
	"tenant.scim.deletion.requested":      "SCIM directory deletion requested",
	"tenant.session_policy.created":       "session policy created",
	"tenant.session_policy.updated":       "session policy changed",
	"tenant.session_policy.deleted":       "session policy deleted",
	"tenant.admin_api_key.created":        "admin API key created",
}

const ssoEventPrefix = "tenant.sso_connection."

// apiKeyCreatedEvent is judged by the created key's real owner (looked up in
// the key inventory): risky when a person, not a service account, owns it.
const apiKeyCreatedEvent = "api_key.created"

// riskyTenantTypesToRead are the tenant-scoped types risky_admin_events asks
// the tenant_only query for: every risky one not ignored.
func riskyTenantTypesToRead(ignored []string) []string {
	var out []string
	for t := range riskyTenantEventTypes {
		if !containsFold(ignored, t) {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

var _ = register(Check{
	ID: "audit_logging", Title: "Audit logging not readable", Severity: SeverityHigh,
	Description: "Flags an organization whose audit log cannot be read: audit logging is disabled, or the admin key lacks access. Without it nothing else that happened can be reconstructed.",
	Data:        "Admin API GET /organization/audit_logs: a 403/404 answer is the finding; other failures (5xx, network) are errors, since they say nothing about the setting.",
	Remediation: "Enable audit logging in the organization's Data controls settings and use an admin key that can read it.",
	SubjectKind: "organization",
	needs:       needs(CollectionAuditLogs),
	// Readability only: the shortest window, shared with other checks.
	audit: func(resolvedParams) AuditNeed { return AuditNeed{Days: MinAuditWindowDays} },
	run: func(e *evalContext) {
		s := e.snap.AuditLogs.state()
		if s.loaded {
			return
		}
		if !s.denied {
			e.need(CollectionAuditLogs, e.snap.AuditLogs)
			return
		}
		f := orgSubject()
		cause := "access denied"
		if s.err != nil {
			cause = s.err.Error()
		}
		f.Observed = fmt.Sprintf("%s refused: %s", firstNonEmpty(s.endpoint, CollectionAuditLogs.Endpoint()), cause)
		f.Allowed = "a readable audit log"
		e.report(f)
	},
})

var _ = register(Check{
	ID: "risky_admin_events", Title: "Recent posture-weakening admin events", Severity: SeverityHigh,
	Description: "Flags audit events in the last lookback_days that weaken posture: SCIM disabled or its directory deletion requested, IP allow-list removed or deactivated, SSO connection or session policy created, changed or deleted, an admin key created (tenant event), or an API key created that is owned by a person rather than a service account. An event without a timestamp counts as recent.",
	Data: "Admin API GET /organization/audit_logs over at least lookback_days: type, effective_at, actor, and the event's key id for api_key.created. " +
		"Tenant-scoped events (tenant.sso_connection.*, tenant.scim.deletion.requested, tenant.session_policy.*, tenant.admin_api_key.created) come from a second query with tenant_only=true for exactly those types; if it is refused the check fails closed naming that query. " +
		"api_key.created carries no owner: the key id is looked up in the admin and project key lists, and a key not found there (deleted since, or unreadable) is reported as not judged. " +
		"Data: the tenant_only rules and whether the event's key id equals the key list id are unconfirmed (digest §1.7).",
	Remediation: "Review each event with its actor; revert the change (re-enable SCIM or the IP allow-list, restore SSO) or waive the event with a justification.",
	SubjectKind: "audit_event",
	Params: []ParamSpec{
		{Name: "lookback_days", Kind: ParamInt, Default: IntValue(7), HasRange: true, Min: 1, Max: 365, Description: "How many days of audit events to judge."},
		{Name: "ignore_event_types", Kind: ParamStringList, Default: ListValue(), Description: "Event types not to flag (exact type names, case-insensitive). Ignoring every type the check flags by name is an error."},
	},
	needs:          needs(CollectionAuditLogs, CollectionTenantAuditLogs, CollectionAdminAPIKeys, CollectionProjectAPIKeys),
	validateParams: validateIgnoredEventTypes,
	paramWarnings:  ignoredEventTypeWarnings,
	audit: func(p resolvedParams) AuditNeed {
		return AuditNeed{Days: int(p.int("lookback_days")), TenantEventTypes: riskyTenantTypesToRead(p.list("ignore_event_types"))}
	},
	run: runRiskyAdminEvents,
})

func runRiskyAdminEvents(e *evalContext) {
	// Judge what was read; an unreadable half (the tenant_only query
	// included) is a data error, so the check fails closed either way.
	orgOK := e.need(CollectionAuditLogs, e.snap.AuditLogs)
	tenantOK := e.need(CollectionTenantAuditLogs, e.snap.TenantAuditLogs)
	var events []AuditEvent
	if orgOK {
		events = append(events, e.snap.AuditLogs.Items...)
	}
	if tenantOK {
		events = append(events, e.snap.TenantAuditLogs.Items...)
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].ID < events[j].ID })
	lookback := e.params.int("lookback_days")
	since := e.now().Add(-time.Duration(lookback) * 24 * time.Hour)
	ignored := e.params.list("ignore_event_types")
	// The key inventory is read whether or not an api_key.created event is
	// in the window: the check declares it, so an unreadable key list fails
	// the check closed the same way every time.
	keys := readKeyInventory(e)
	seen := map[string]bool{}
	for _, ev := range events {
		if seen[auditEventKey(ev)] || containsFold(ignored, ev.Type) || (ev.EffectiveAt != nil && ev.EffectiveAt.Before(since)) {
			continue
		}
		seen[auditEventKey(ev)] = true
		what := riskyEvent(ev)
		if sameWord(ev.Type, apiKeyCreatedEvent) {
			what = keys.judgeCreated(ev)
		}
		if what == "" {
			continue
		}
		f := Finding{SubjectID: ev.ID, SubjectName: ev.Type, SubjectEmail: ev.ActorEmail}
		when := "time not reported"
		if ev.EffectiveAt != nil {
			when = ev.EffectiveAt.UTC().Format(time.RFC3339)
		}
		f.Observed = fmt.Sprintf("%s (%s) by %s at %s", what, ev.Type, actorOf(ev), when)
		f.Allowed = "no posture-weakening admin events in the last " + days(lookback)
		e.report(f)
	}
}

// riskyEvent describes why ev weakens posture, or returns "".
func riskyEvent(ev AuditEvent) string {
	typ := strings.ToLower(strings.TrimSpace(ev.Type))
	if d, ok := riskyEventTypes[typ]; ok {
		return d
	}
	if d, ok := riskyTenantEventTypes[typ]; ok {
		return d
	}
	if strings.HasPrefix(typ, ssoEventPrefix) {
		return "SSO connection changed"
	}
	return ""
}

func actorOf(ev AuditEvent) string {
	a := nameOrID(firstNonEmpty(ev.ActorID, "unknown actor"), ev.ActorEmail)
	if ev.ActorType != "" {
		a += " (" + ev.ActorType + ")"
	}
	return a
}

// namedRiskyEventTypes are the event types the check flags by exact name
// (SSO events are matched by prefix on top).
func namedRiskyEventTypes() []string {
	out := []string{apiKeyCreatedEvent}
	for t := range riskyEventTypes {
		out = append(out, t)
	}
	for t := range riskyTenantEventTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// validateIgnoredEventTypes rejects an ignore list that covers every named
// risky type: the check would then flag nothing and pass silently.
func validateIgnoredEventTypes(p resolvedParams) error {
	ignored := p.list("ignore_event_types")
	named := namedRiskyEventTypes()
	for _, t := range named {
		if !containsFold(ignored, t) {
			return nil
		}
	}
	return paramError("ignore_event_types", fmt.Errorf("ignore_event_types covers every event type the check flags (%s), so it would flag nothing and pass; waive individual events instead, or remove the check", strings.Join(named, ", ")))
}

// ignoredEventTypeWarnings flags ignored types the check never flags anyway:
// a typo there silently ignores nothing.
func ignoredEventTypeWarnings(p resolvedParams) []string {
	var out []string
	for _, t := range p.list("ignore_event_types") {
		if !sameWord(t, apiKeyCreatedEvent) && riskyEvent(AuditEvent{Type: t}) == "" {
			out = append(out, fmt.Sprintf("ignore_event_types %q is not an event type this check flags (%s, %s*); it has no effect", t, strings.Join(namedRiskyEventTypes(), ", "), ssoEventPrefix))
		}
	}
	return out
}

// auditEventKey identifies an event for deduplication across the
// organization and tenant queries: id and type together, so a server that
// repeats an id for two different events cannot hide the risky one behind a
// harmless one.
func auditEventKey(ev AuditEvent) string {
	return ev.ID + "\x00" + strings.ToLower(strings.TrimSpace(ev.Type))
}
