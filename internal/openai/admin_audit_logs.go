package openai

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// AuditLogFilter selects audit log events. Zero fields are not sent. Times are
// sent as Unix seconds in effective_at[gt|gte|lt|lte]; arrays use the
// bracketed names the spec declares (event_types[]=…).
type AuditLogFilter struct {
	EffectiveAtGT, EffectiveAtGTE, EffectiveAtLT, EffectiveAtLTE *time.Time

	EventTypes  []string
	ProjectIDs  []string
	ActorIDs    []string
	ActorEmails []string
	ResourceIDs []string
	// TenantOnly selects tenant-scoped events (e.g. tenant.*,
	// role.bound_to_resource); all EventTypes must then be tenant-scoped
	// (see IsTenantScopedEventType), or the API refuses the query.
	TenantOnly bool
}

func (f AuditLogFilter) values() url.Values {
	q := url.Values{"limit": {adminPageLimit}}
	for name, t := range map[string]*time.Time{
		"effective_at[gt]": f.EffectiveAtGT, "effective_at[gte]": f.EffectiveAtGTE,
		"effective_at[lt]": f.EffectiveAtLT, "effective_at[lte]": f.EffectiveAtLTE,
	} {
		if t != nil {
			q.Set(name, strconv.FormatInt(t.Unix(), 10))
		}
	}
	for name, vs := range map[string][]string{
		"event_types[]": f.EventTypes, "project_ids[]": f.ProjectIDs, "actor_ids[]": f.ActorIDs,
		"actor_emails[]": f.ActorEmails, "resource_ids[]": f.ResourceIDs,
	} {
		for _, v := range vs {
			q.Add(name, v)
		}
	}
	if f.TenantOnly {
		q.Set("tenant_only", "true")
	}
	return q
}

// ListAuditLogs returns every audit log event matching f (newest first, as
// the API orders them).
func (c *Client) ListAuditLogs(ctx context.Context, f AuditLogFilter) ([]AuditLog, error) {
	return listAll(ctx, c, listSpec[AuditLog]{
		api: apiAdmin, key: EndpointAuditLogs, path: "/organization/audit_logs",
		query: f.values(),
		id:    func(a *AuditLog) string { return a.ID },
	})
}
