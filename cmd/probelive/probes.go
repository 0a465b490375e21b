package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// api says which key a probe needs.
type api int

const (
	adminAPI api = iota
	complianceAPI
)

// probe asks the live API one question behind an assumption of
// docs/guides/api-assumptions.md (the id is the row's probe question).
type probe struct {
	ID       string
	Question string
	API      api
	ask      func(ctx context.Context, p *prober) (outcome, string)
}

// prober holds what the probes share: the client, the recorder under it, and
// the clock.
type prober struct {
	client *openai.Client
	rec    *recorder
	now    time.Time
}

// firstPage runs a list call and stops it after its first successful page:
// the probes need one page, never the whole organization.
func (p *prober) firstPage(ctx context.Context, list func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p.rec.setStop(cancel)
	defer p.rec.setStop(nil)
	err := list(ctx)
	if stoppedEarly(err) && ctx.Err() != nil {
		return nil
	}
	return err
}

// lastPage returns the body of the newest successful exchange on path suffix.
func (p *prober) lastPage(suffix string) []byte {
	ex := p.rec.find(suffix)
	for i := len(ex) - 1; i >= 0; i-- {
		if ex[i].Status/100 == 2 {
			return ex[i].Body
		}
	}
	return nil
}

func (p *prober) recentAudit(types []string, tenantOnly bool, days int) openai.AuditLogFilter {
	since := p.now.Add(-time.Duration(days) * 24 * time.Hour)
	return openai.AuditLogFilter{EventTypes: types, TenantOnly: tenantOnly, EffectiveAtGTE: &since}
}

// Tenant-scoped event types the loader queries with tenant_only=true.
const tenantSSOUpdated = "tenant.sso_connection.updated"

var knownToolTypes = map[string]bool{"code_interpreter": true, "browser": true, "dall-e": true, "memory": true, "custom_action": true}

// Authenticated custom-action auth types the checks accept; "none" is known
// and unauthenticated. Anything else is treated as unauthenticated.
var knownAuthTypes = map[string]bool{"none": true, "api_key": true, "oauth": true}

func probes() []probe {
	return []probe{
		{ID: "audit_log_readable", API: adminAPI,
			Question: "Is GET /organization/audit_logs readable, and does an unreadable log answer 403 or 404?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAuditLogs(ctx, p.recentAudit(nil, false, 1))
					return err
				})
				switch s := status(err); {
				case err == nil:
					return notAskedf("the audit log is readable here, so the unreadable case cannot be seen (200)")
				case s == http.StatusForbidden || s == http.StatusNotFound:
					return holdsf("HTTP %d: the provider reads this as audit logging off or no access (audit_logging finding)", s)
				case s == http.StatusUnauthorized:
					return unexpected(err)
				case s != 0:
					return differsf("HTTP %d: only 403/404 are read as \"off\"; this answer fails every audit-log check closed: %v", s, err)
				}
				return unexpected(err)
			}},
		{ID: "tenant_only_rejects_mixed", API: adminAPI,
			Question: "Does audit_logs?tenant_only=true&event_types[]=api_key.created answer 400?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAuditLogs(ctx, p.recentAudit([]string{"api_key.created"}, true, 1))
					return err
				})
				switch s := status(err); {
				case s == http.StatusBadRequest:
					return holdsf("HTTP 400: tenant_only=true takes tenant-scoped event types only, so the loader sends two queries")
				case err == nil:
					return differsf("accepted (200): the API does not refuse a non-tenant type with tenant_only=true; two queries are still correct, one could do")
				}
				return unexpected(err)
			}},
		{ID: "tenant_only_tenant_types", API: adminAPI,
			Question: "Does audit_logs?tenant_only=true&event_types[]=" + tenantSSOUpdated + " answer 200?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAuditLogs(ctx, p.recentAudit([]string{tenantSSOUpdated}, true, 7))
					return err
				})
				switch s := status(err); {
				case err == nil:
					return holdsf("200 with %d event(s) in the last 7 days", len(items(p.lastPage("/organization/audit_logs"))))
				case s == http.StatusBadRequest || s == http.StatusForbidden || s == http.StatusNotFound:
					return differsf("HTTP %d: the tenant-scoped query is refused, so risky_admin_events fails closed: %v", s, err)
				}
				return unexpected(err)
			}},
		{ID: "login_succeeded_listed", API: adminAPI,
			Question: "Does audit_logs?event_types[]=login.succeeded answer 200 (logins as activity)?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAuditLogs(ctx, p.recentAudit([]string{"login.succeeded"}, false, 1))
					return err
				})
				if err != nil {
					if status(err) == http.StatusBadRequest {
						return differsf("HTTP 400: login.succeeded is not a queryable event type: %v", err)
					}
					return unexpected(err)
				}
				evs := items(p.lastPage("/organization/audit_logs"))
				withUser := 0
				for _, e := range evs {
					if s := strings.TrimSpace(fmt.Sprint(dig(e, "actor", "session", "user", "id"))); s != "" && s != "<nil>" {
						withUser++
					}
				}
				if len(evs) == 0 {
					return notAskedf("accepted, but no login in the last day to look at")
				}
				if withUser < len(evs) {
					return differsf("%d of %d login events carry no actor.session.user.id: they cannot count as a user's activity", len(evs)-withUser, len(evs))
				}
				return holdsf("%d login event(s), each with actor.session.user.id", len(evs))
			}},
		{ID: "api_key_created_joinable", API: adminAPI,
			Question: "Do api_key.created events name the key (api_key.created.id) so they can be joined with the key inventory?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAuditLogs(ctx, p.recentAudit([]string{"api_key.created"}, false, 30))
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				evs := items(p.lastPage("/organization/audit_logs"))
				if len(evs) == 0 {
					return notAskedf("no api_key.created event in the last 30 days")
				}
				actors := map[string]int{}
				missing := 0
				for _, e := range evs {
					actors[fmt.Sprint(dig(e, "actor", "type"))]++
					if id, _ := dig(e, "api_key.created", "id").(string); id == "" {
						missing++
					}
				}
				if missing > 0 {
					return differsf("%d of %d events carry no api_key.created.id: they cannot be joined, and are flagged (actor types %v)", missing, len(evs), counts(actors))
				}
				return holdsf("%d event(s), each with the key id (actor types %v)", len(evs), counts(actors))
			}},
		{ID: "spend_limit_404_when_unset", API: adminAPI,
			Question: "Does GET /organization/spend_limit answer 404 when no limit is set?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				_, err := p.client.GetSpendLimit(ctx)
				if openai.IsNotFound(err) {
					return holdsf("HTTP 404: read as \"no spend limit\" (spend_limit finding)")
				}
				if err != nil {
					return unexpected(err)
				}
				o := object(p.lastPage("/organization/spend_limit"))
				if o["threshold_amount"] == nil || dig(o, "enforcement", "status") == nil {
					return differsf("200 without threshold_amount or enforcement.status: the provider cannot tell an unset limit from this answer")
				}
				return notAskedf("this organization has a spend limit (200), so the unset case cannot be seen")
			}},
		{ID: "data_retention_404_when_unset", API: adminAPI,
			Question: "Does GET /organization/data_retention answer 404 when nothing is configured?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				_, err := p.client.GetOrganizationDataRetention(ctx)
				if openai.IsNotFound(err) {
					return holdsf("HTTP 404: read as \"not configured\" (data_retention judges it against the declared mode)")
				}
				if err != nil {
					return unexpected(err)
				}
				if t, _ := object(p.lastPage("/organization/data_retention"))["type"].(string); t == "" {
					return differsf("200 without type: the provider cannot tell the mode")
				}
				return notAskedf("this organization has a retention setting (200), so the unset case cannot be seen")
			}},
		{ID: "model_permissions_404_when_unset", API: adminAPI,
			Question: "Does GET /organization/projects/{id}/model_permissions answer 404 for a project without a list?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				proj, o, d := p.firstActiveProject(ctx)
				if proj == "" {
					return o, d
				}
				_, err := p.client.GetProjectModelPermissions(ctx, proj)
				if openai.IsNotFound(err) {
					return holdsf("HTTP 404 for the first active project: read as \"no allow or deny list\"")
				}
				if err != nil {
					return unexpected(err)
				}
				if m, _ := object(p.lastPage("/model_permissions"))["mode"].(string); m == "" {
					return differsf("200 without mode: a project without a list may answer this way; the provider expects 404")
				}
				return notAskedf("the first active project has a model list (200), so the unset case cannot be seen")
			}},
		{ID: "org_users_optional_fields", API: adminAPI,
			Question: "Do organization users carry api_key_last_used_at and is_scim_managed?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListUsers(ctx)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				users := items(p.lastPage("/organization/users"))
				if len(users) == 0 {
					return notAskedf("no users on the first page")
				}
				var absent []string
				for _, field := range []string{"api_key_last_used_at", "is_scim_managed", "role"} {
					n := 0
					for _, u := range users {
						if _, ok := u[field]; !ok {
							n++
						}
					}
					if n > 0 {
						absent = append(absent, fmt.Sprintf("%s absent on %d of %d", field, n, len(users)))
					}
				}
				if len(absent) > 0 {
					return differsf("%s: those users are reported as \"not reported\" by user_inactive, user_not_scim and owner_count", strings.Join(absent, "; "))
				}
				return holdsf("all %d users of the first page carry api_key_last_used_at, is_scim_managed and role", len(users))
			}},
		{ID: "owner_project_access_present", API: adminAPI,
			Question: "Do project API keys carry owner_project_access?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				proj, o, d := p.firstActiveProject(ctx)
				if proj == "" {
					return o, d
				}
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListProjectAPIKeys(ctx, proj)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				keys := items(p.lastPage("/api_keys"))
				if len(keys) == 0 {
					return notAskedf("the first active project has no keys")
				}
				n := 0
				for _, k := range keys {
					if _, ok := k["owner_project_access"]; !ok {
						n++
					}
				}
				if n > 0 {
					return differsf("owner_project_access absent on %d of %d keys: key_owner_lost_access reports them as not reported", n, len(keys))
				}
				return holdsf("all %d keys carry owner_project_access", len(keys))
			}},
		{ID: "no_future_timestamps", API: adminAPI,
			Question: "Are admin key timestamps (created_at, last_used_at) at most 24 hours ahead of this machine's clock?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListAdminAPIKeys(ctx)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				keys := items(p.lastPage("/organization/admin_api_keys"))
				limit := p.now.Add(24 * time.Hour).Unix()
				future := 0
				for _, k := range keys {
					for _, f := range []string{"created_at", "last_used_at"} {
						if v, ok := k[f].(float64); ok && int64(v) > limit {
							future++
						}
					}
				}
				if future > 0 {
					return differsf("%d timestamp(s) more than 24h ahead: each is a finding (skewed or bad data), never a pass", future)
				}
				return holdsf("%d admin key(s), no timestamp beyond the 24h skew", len(keys))
			}},
		{ID: "archived_project_reads_refused", API: adminAPI,
			Question: "Does GET /organization/projects/{id}/service_accounts refuse an archived project (so only its keys are read)?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListProjects(ctx)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				archived := ""
				for _, pr := range items(p.lastPage("/organization/projects")) {
					if s, _ := pr["status"].(string); s == "archived" {
						archived, _ = pr["id"].(string)
						break
					}
				}
				if archived == "" {
					return notAskedf("no archived project on the first page")
				}
				err = p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListProjectServiceAccounts(ctx, archived)
					return err
				})
				switch s := status(err); {
				case s == http.StatusBadRequest || s == http.StatusNotFound:
					return holdsf("HTTP %d for an archived project: the provider reads only its keys and names it in skipped_archived_project_ids", s)
				case err == nil:
					return differsf("an archived project's service accounts are listed (200): the provider could read them too; it skips them, which loses nothing the checks judge")
				}
				return unexpected(err)
			}},
		{ID: "compliance_limit_100", API: complianceAPI,
			Question: "Is limit=100 accepted on a compliance list (GET /compliance/workspaces/{id}/gpts)?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListGPTs(ctx)
					return err
				})
				ex := p.rec.find("/gpts")
				if len(ex) == 0 {
					return unexpected(err)
				}
				first := ex[0]
				sent := first.Query.Get("limit")
				switch {
				case sent != "100":
					return notAskedf("the client sent limit=%q, not 100", sent)
				case first.Status/100 == 2:
					return holdsf("limit=100 answered %d", first.Status)
				case first.Status == http.StatusBadRequest:
					if len(ex) > 1 && ex[1].Query.Get("limit") == "20" && ex[1].Status/100 == 2 {
						return differsf("limit=100 answered 400; the client fell back to the spec default 20, which was accepted")
					}
					return differsf("limit=100 answered 400 and no fallback succeeded: %v", err)
				}
				return unexpected(err)
			}},
		{ID: "gpt_tool_and_auth_types", API: complianceAPI,
			Question: "Are the GPT tool types and custom-action auth_type values all ones the checks know?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListGPTs(ctx)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				gpts := items(p.lastPage("/gpts"))
				if len(gpts) == 0 {
					return notAskedf("no GPTs on the first page")
				}
				unknownTools, unknownAuth := map[string]int{}, map[string]int{}
				for _, g := range gpts {
					var tools []any
					for _, cfg := range latestConfigs(g) {
						ts, _ := dig(cfg, "tools", "data").([]any)
						tools = append(tools, ts...)
					}
					for _, t := range tools {
						tm, _ := t.(map[string]any)
						typ, _ := tm["type"].(string)
						if !knownToolTypes[typ] {
							unknownTools[typ]++
						}
						if typ == "custom_action" {
							if a, _ := tm["auth_type"].(string); !knownAuthTypes[strings.ToLower(a)] {
								unknownAuth[a]++
							}
						}
					}
				}
				if len(unknownTools)+len(unknownAuth) > 0 {
					return differsf("unknown tool types %v, unknown auth_type values %v: unknown tools are flagged as risky and unknown auth types as unauthenticated", counts(unknownTools), counts(unknownAuth))
				}
				return holdsf("%d GPT(s): every tool type and auth_type is known", len(gpts))
			}},
		{ID: "workspace_user_values", API: complianceAPI,
			Question: "Are workspace user statuses only active/inactive, and roles the lower-case names the checks compare?",
			ask: func(ctx context.Context, p *prober) (outcome, string) {
				err := p.firstPage(ctx, func(ctx context.Context) error {
					_, err := p.client.ListWorkspaceUsers(ctx)
					return err
				})
				if err != nil {
					return unexpected(err)
				}
				users := items(p.lastPage("/users"))
				if len(users) == 0 {
					return notAskedf("no workspace users on the first page")
				}
				odd := map[string]int{}
				for _, u := range users {
					if s, _ := u["status"].(string); s != "active" && s != "inactive" {
						odd["status "+s]++
					}
					switch r, _ := u["role"].(string); r {
					case "account-owner", "account-admin", "standard-user":
					default:
						odd["role "+r]++
					}
				}
				if len(odd) > 0 {
					return differsf("values beyond the known ones: %v (a status other than active counts as inactive; roles are compared case-insensitively, an unknown role is not an admin)", counts(odd))
				}
				return holdsf("%d user(s), statuses and roles all known", len(users))
			}},
	}
}

// firstActiveProject returns the id of the first active project of the
// first page, or the outcome explaining why there is none.
func (p *prober) firstActiveProject(ctx context.Context) (string, outcome, string) {
	err := p.firstPage(ctx, func(ctx context.Context) error {
		_, err := p.client.ListProjects(ctx)
		return err
	})
	if err != nil {
		o, d := unexpected(err)
		return "", o, d
	}
	for _, pr := range items(p.lastPage("/organization/projects")) {
		if s, _ := pr["status"].(string); s == "active" || s == "" {
			if id, _ := pr["id"].(string); id != "" {
				return id, "", ""
			}
		}
	}
	o, d := notAskedf("no active project on the first page")
	return "", o, d
}

// latestConfigs returns a GPT's latest config: the spec wraps it in a list
// object (latest_config.data), an older reading has the object itself.
func latestConfigs(g map[string]any) []any {
	lc := dig(g, "latest_config")
	if data, ok := dig(lc, "data").([]any); ok {
		return data
	}
	if lc == nil {
		return nil
	}
	return []any{lc}
}

// dig walks nested objects by key.
func dig(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// counts renders a tally sorted by key.
func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q×%d", k, m[k])
	}
	return "[" + strings.Join(parts, " ") + "]"
}
