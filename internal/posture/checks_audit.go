package posture

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// riskyEventTypes are audit event types that weaken posture by themselves.
// tenant.sso_connection.* events are matched by prefix.
var riskyEventTypes = map[string]string{
	"scim.disabled":                   "SCIM provisioning disabled",
	"ip_allowlist.deleted":            "IP allow-list deleted",
	"ip_allowlist.config.deactivated": "IP allow-list deactivated",
}

const ssoEventPrefix = "tenant.sso_connection."

// apiKeyCreatedEvent is flagged when a person (not a service account)
// created the key.
const apiKeyCreatedEvent = "api_key.created"

func auditChecks() []Check {
	return []Check{
		{
			ID: "audit_logging", Title: "Audit logging not readable", Severity: SeverityHigh,
			Description: "Flags an organization whose audit log cannot be read: audit logging is disabled, or the admin key lacks access. Without it nothing else that happened can be reconstructed.",
			Data:        "Admin API GET /organization/audit_logs: a 403/404 answer is the finding; other failures (5xx, network) are errors, since they say nothing about the setting.",
			Remediation: "Enable audit logging in the organization's Data controls settings and use an admin key that can read it.",
			SubjectKind: "organization",
			needs:       needs(CollectionAuditLogs),
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
		},
		{
			ID: "risky_admin_events", Title: "Recent posture-weakening admin events", Severity: SeverityHigh,
			Description: "Flags audit events in the last lookback_days that weaken posture: SCIM disabled, IP allow-list removed or deactivated, SSO connection changed, or an API key created by a person rather than for a service account. An event without a timestamp counts as recent.",
			Data: "Admin API GET /organization/audit_logs over at least lookback_days: type, effective_at, actor. Tenant-scoped events (tenant.sso_connection.*) need a separate tenant_only=true query whose rules are unconfirmed (digest §1.7); the provider does not send it yet, so SSO changes are caught only if the API lists them in the organization log. " +
				"Data: tenant.sso_connection.* names come from the AuditLogEventType enum; whether api_key.created marks service-account keys only by actor is unconfirmed (digest §1.7): an api_key.created event whose actor is a session or a user key is flagged.",
			Remediation: "Review each event with its actor; revert the change (re-enable SCIM or the IP allow-list, restore SSO) or waive the event with a justification.",
			SubjectKind: "audit_event",
			Params: []ParamSpec{
				{Name: "lookback_days", Kind: ParamInt, Default: IntValue(7), HasRange: true, Min: 1, Max: 365, Description: "How many days of audit events to judge."},
				{Name: "ignore_event_types", Kind: ParamStringList, Default: ListValue(), Description: "Event types not to flag (exact type names, case-insensitive). Ignoring every type the check flags by name is an error."},
			},
			needs:          needs(CollectionAuditLogs),
			validateParams: validateIgnoredEventTypes,
			paramWarnings:  ignoredEventTypeWarnings,
			run: func(e *evalContext) {
				if !e.need(CollectionAuditLogs, e.snap.AuditLogs) {
					return
				}
				since := e.now().Add(-time.Duration(e.params.int("lookback_days")) * 24 * time.Hour)
				ignored := e.params.list("ignore_event_types")
				events := append([]AuditEvent{}, e.snap.AuditLogs.Items...)
				sort.SliceStable(events, func(i, j int) bool { return events[i].ID < events[j].ID })
				for _, ev := range events {
					if containsFold(ignored, ev.Type) || (ev.EffectiveAt != nil && ev.EffectiveAt.Before(since)) {
						continue
					}
					what := riskyEvent(ev)
					if what == "" {
						continue
					}
					f := Finding{SubjectID: ev.ID, SubjectName: ev.Type, SubjectEmail: ev.ActorEmail}
					when := "time not reported"
					if ev.EffectiveAt != nil {
						when = ev.EffectiveAt.UTC().Format(time.RFC3339)
					}
					f.Observed = fmt.Sprintf("%s (%s) by %s at %s", what, ev.Type, actorOf(ev), when)
					f.Allowed = "no posture-weakening admin events in the last " + days(e.params.int("lookback_days"))
					e.report(f)
				}
			},
		},
	}
}

// namedRiskyEventTypes are the event types the check flags by exact name
// (SSO events are matched by prefix on top).
func namedRiskyEventTypes() []string {
	out := []string{apiKeyCreatedEvent}
	for t := range riskyEventTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// validateIgnoredEventTypes rejects an ignore list that covers every named
// risky type: what is left (SSO events, which need a tenant-scoped query) is
// too little for the check to mean anything, so it would pass silently.
func validateIgnoredEventTypes(p resolvedParams) error {
	ignored := p.list("ignore_event_types")
	named := namedRiskyEventTypes()
	for _, t := range named {
		if !containsFold(ignored, t) {
			return nil
		}
	}
	return fmt.Errorf("ignore_event_types covers every event type the check flags (%s), so it would flag almost nothing and pass; waive individual events instead, or remove the check", strings.Join(named, ", "))
}

// ignoredEventTypeWarnings flags ignored types the check never flags anyway:
// a typo there silently ignores nothing.
func ignoredEventTypeWarnings(p resolvedParams) []string {
	var out []string
	for _, t := range p.list("ignore_event_types") {
		if riskyEvent(AuditEvent{Type: t, ActorType: "session"}) == "" {
			out = append(out, fmt.Sprintf("ignore_event_types %q is not an event type this check flags (%s, %s*); it has no effect", t, strings.Join(namedRiskyEventTypes(), ", "), ssoEventPrefix))
		}
	}
	return out
}

// riskyEvent describes why ev weakens posture, or returns "".
func riskyEvent(ev AuditEvent) string {
	typ := strings.ToLower(strings.TrimSpace(ev.Type))
	if d, ok := riskyEventTypes[typ]; ok {
		return d
	}
	if strings.HasPrefix(typ, ssoEventPrefix) {
		return "SSO connection changed"
	}
	if typ == apiKeyCreatedEvent && (sameWord(ev.ActorType, "session") || sameWord(ev.ActorAPIKeyType, "user")) {
		return "API key created by a person, not for a service account"
	}
	return ""
}

func actorOf(ev AuditEvent) string {
	a := firstNonEmpty(ev.ActorEmail, ev.ActorID, "unknown actor")
	if ev.ActorType != "" {
		a += " (" + ev.ActorType + ")"
	}
	return a
}
