package openaisim

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestAdminListsPaginate(t *testing.T) {
	s := newSim(t, bigOrg())
	f := s.Fixture()
	activeProjects := 0
	for _, p := range f.Projects {
		if projectStatus(&p) != "archived" {
			activeProjects++
		}
	}
	activeKeys := 0
	for _, k := range f.Projects[0].APIKeys {
		if orDefault(k.OwnerProjectAccess, "active") == "active" {
			activeKeys++
		}
	}
	cases := []struct {
		path  string
		want  int
		pages int
	}{
		{"/organization/users?limit=100", len(f.Users), 2},
		{"/organization/invites?limit=100", len(f.Invites), 2},
		{"/organization/admin_api_keys?limit=100", len(f.AdminAPIKeys), 2},
		{"/organization/projects?limit=100", activeProjects, 2},
		{"/organization/projects?limit=100&include_archived=true", len(f.Projects), 2},
		{"/organization/projects/proj_sim_default/api_keys?limit=100", activeKeys, 2},
		{"/organization/projects/proj_sim_default/api_keys?limit=100&owner_project_access=any", len(f.Projects[0].APIKeys), 2},
		{"/organization/projects/proj_sim_default/service_accounts?limit=100", len(f.Projects[0].ServiceAccounts), 2},
		{"/organization/projects/proj_sim_default/users?limit=100", len(f.Projects[0].Users), 2},
		{"/organization/certificates?limit=100", len(f.Certificates), 2},
		{"/organization/audit_logs?limit=100", len(f.AuditLogs) - len(sampleTenantEvents), 3},
		{"/organization/audit_logs?limit=1&tenant_only=true", len(sampleTenantEvents), len(sampleTenantEvents)},
		{"/organization/users", len(f.Users), (len(f.Users) + 19) / 20}, // default limit 20
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			ids, pages := walk(t, s.AdminBaseURL()+c.path, AdminKey, true)
			if len(ids) != c.want || pages != c.pages {
				t.Fatalf("got %d ids in %d pages, want %d in %d", len(ids), pages, c.want, c.pages)
			}
		})
	}
}

func TestAdminLimitBounds(t *testing.T) {
	s := newSim(t, SampleOrg())
	for _, key := range EndpointKeys() {
		if !strings.HasPrefix(key, "GET /organization/") || strings.HasSuffix(key, "}") ||
			strings.Contains(key, "retention") || strings.Contains(key, "spend_limit") ||
			strings.Contains(key, "permissions") {
			continue
		}
		path := strings.ReplaceAll(strings.TrimPrefix(key, "GET "), "{project_id}", "proj_sim_default")
		path = strings.NewReplacer("{group_id}", "group_sim_platform_admins", "{user_id}", "user_sim_owner3").Replace(path)
		bad, good := []string{"0", "101", "-1", "abc"}, []string{"1", "100"}
		if rbacEndpointKey(key) { // RBAC lists allow up to 1000 (S1)
			bad, good = []string{"0", "1001", "-1", "abc"}, []string{"1", "1000"}
		}
		for _, lim := range bad {
			r := doGet(t, s.AdminBaseURL()+path+"?limit="+lim, AdminKey)
			e, _ := r.body["error"].(map[string]any)
			if r.status != 400 || e["param"] != "limit" || e["type"] != "invalid_request_error" {
				t.Errorf("%s limit=%s: %d %s", path, lim, r.status, r.raw)
			}
		}
		for _, lim := range good {
			if r := doGet(t, s.AdminBaseURL()+path+"?limit="+lim, AdminKey); r.status != 200 {
				t.Errorf("%s limit=%s: %d", path, lim, r.status)
			}
		}
	}
}

func TestProjectsIncludeArchived(t *testing.T) {
	s := newSim(t, SampleOrg())
	ids := dataIDs(t, s.testAdmin(t, "/organization/projects?limit=100"))
	for _, id := range ids {
		if strings.Contains(id, "archived") {
			t.Errorf("archived project %s listed without include_archived", id)
		}
	}
	all := dataIDs(t, s.testAdmin(t, "/organization/projects?limit=100&include_archived=true"))
	if !contains(all, "proj_sim_archived_with_keys") || len(all) != len(ids)+2 {
		t.Errorf("include_archived: %v", all)
	}
	if r := doGet(t, s.AdminBaseURL()+"/organization/projects?include_archived=maybe", AdminKey); r.status != 400 {
		t.Errorf("bad bool: %d", r.status)
	}
	p := s.testAdmin(t, "/organization/projects/proj_sim_archived_with_keys")
	if p["status"] != "archived" || p["archived_at"] == nil {
		t.Errorf("archived project: %v", p)
	}
}

func TestOwnerProjectAccess(t *testing.T) {
	s := newSim(t, SampleOrg())
	base := "/organization/projects/proj_sim_research/api_keys"
	def := dataIDs(t, s.testAdmin(t, base))
	if contains(def, "key_sim_owner_left_project") {
		t.Errorf("default listing shows the inactive-owner key: %v", def)
	}
	inactive := dataIDs(t, s.testAdmin(t, base+"?owner_project_access=inactive"))
	if len(inactive) != 1 || inactive[0] != "key_sim_owner_left_project" {
		t.Errorf("inactive: %v", inactive)
	}
	anyKeys := dataIDs(t, s.testAdmin(t, base+"?owner_project_access=any"))
	if len(anyKeys) != len(def)+1 {
		t.Errorf("any: %v", anyKeys)
	}
	if r := doGet(t, s.AdminBaseURL()+base+"?owner_project_access=all", AdminKey); r.status != 400 {
		t.Errorf("bad enum: %d", r.status)
	}
	k := s.testAdmin(t, base+"/key_sim_owner_left_project")
	owner := k["owner"].(map[string]any)
	if k["owner_project_access"] != "inactive" || owner["type"] != "user" || owner["user"].(map[string]any)["email"] != "dan@example.com" {
		t.Errorf("key: %v", k)
	}
}

func TestArchivedProjectMemberLists(t *testing.T) {
	s := newSim(t, SampleOrg())
	for _, sub := range []string{"users", "service_accounts"} {
		r := doGet(t, s.AdminBaseURL()+"/organization/projects/proj_sim_archived_with_keys/"+sub, AdminKey)
		if r.status != 400 {
			t.Errorf("%s on archived project: %d", sub, r.status)
		}
	}
	keys := dataIDs(t, s.testAdmin(t, "/organization/projects/proj_sim_archived_with_keys/api_keys"))
	if len(keys) != 1 {
		t.Errorf("archived project keys: %v", keys)
	}
}

func TestAdminSettingsEndpoints(t *testing.T) {
	s := newSim(t, SampleOrg())
	if b := s.testAdmin(t, "/organization/data_retention"); b["type"] != "zero_data_retention" || b["object"] != "organization.data_retention" {
		t.Errorf("org retention: %v", b)
	}
	if b := s.testAdmin(t, "/organization/projects/proj_sim_retention_none/data_retention"); b["type"] != "none" {
		t.Errorf("project retention: %v", b)
	}
	if b := s.testAdmin(t, "/organization/projects/proj_sim_default/data_retention"); b["type"] != "organization_default" {
		t.Errorf("default project retention: %v", b)
	}
	sl := s.testAdmin(t, "/organization/spend_limit")
	if sl["enforcement"].(map[string]any)["status"] != "inactive" || sl["threshold_amount"].(float64) != 500000 {
		t.Errorf("spend limit: %v", sl)
	}
	ht := s.testAdmin(t, "/organization/projects/proj_sim_mcp_enabled/hosted_tool_permissions")
	if ht["mcp"].(map[string]any)["enabled"] != true || ht["file_search"].(map[string]any)["enabled"] != true {
		t.Errorf("hosted tools: %v", ht)
	}
	mp := s.testAdmin(t, "/organization/projects/proj_sim_model_denylist/model_permissions")
	if mp["mode"] != "deny_list" {
		t.Errorf("model perms: %v", mp)
	}
	for _, p := range []string{"/organization/projects/proj_sim_no_model_allowlist/model_permissions"} {
		if r := doGet(t, s.AdminBaseURL()+p, AdminKey); r.status != 404 || r.body["error"] == nil {
			t.Errorf("%s: %d %s", p, r.status, r.raw)
		}
	}
	s.Update(func(f *Fixture) {
		f.Organization.SpendLimit = nil
		f.Organization.DataRetention = ""
		f.Projects[0].HostedToolPermissions = nil
	})
	for _, p := range []string{"/organization/spend_limit", "/organization/data_retention"} {
		if r := doGet(t, s.AdminBaseURL()+p, AdminKey); r.status != 404 || r.body["error"] == nil {
			t.Errorf("%s: %d %s", p, r.status, r.raw)
		}
	}
	ht = s.testAdmin(t, "/organization/projects/proj_sim_default/hosted_tool_permissions")
	for _, tool := range hostedTools {
		if ht[tool].(map[string]any)["enabled"] != true {
			t.Errorf("default hosted tool %s not enabled", tool)
		}
	}
}

func TestAdminSingleObjectsAnd404(t *testing.T) {
	s := newSim(t, SampleOrg())
	ok := map[string]string{
		"/organization/users/user_sim_alice":                                                "organization.user",
		"/organization/invites/invite-sim-pending-owner":                                    "organization.invite",
		"/organization/admin_api_keys/key_sim_legacy_admin_400d":                            "organization.admin_api_key",
		"/organization/projects/proj_sim_default":                                           "organization.project",
		"/organization/projects/proj_sim_default/api_keys/key_sim_default_bot":              "organization.project.api_key",
		"/organization/projects/proj_sim_default/service_accounts/svc_acct_sim_default_bot": "organization.project.service_account",
		"/organization/projects/proj_sim_default/users/user_sim_alice":                      "organization.project.user",
		"/organization/certificates/cert_sim_mtls_main?include[]=content":                   "certificate",
	}
	for p, obj := range ok {
		if b := s.testAdmin(t, p); b["object"] != obj {
			t.Errorf("%s: object %v", p, b["object"])
		}
	}
	cert := s.testAdmin(t, "/organization/certificates/cert_sim_mtls_main?include[]=content")
	if !strings.Contains(fmt.Sprint(cert["certificate_details"]), "BEGIN CERTIFICATE") {
		t.Errorf("certificate content missing: %v", cert)
	}
	for _, p := range []string{
		"/organization/users/user_nope", "/organization/invites/nope", "/organization/admin_api_keys/nope",
		"/organization/projects/nope", "/organization/projects/nope/api_keys", "/organization/projects/nope/users",
		"/organization/projects/nope/service_accounts", "/organization/projects/nope/data_retention",
		"/organization/projects/nope/hosted_tool_permissions", "/organization/projects/nope/model_permissions",
		"/organization/projects/proj_sim_default/api_keys/nope", "/organization/certificates/nope",
		"/organization/projects/proj_sim_default/users/nope", "/organization/projects/proj_sim_default/service_accounts/nope",
	} {
		r := doGet(t, s.AdminBaseURL()+p, AdminKey)
		e, _ := r.body["error"].(map[string]any)
		if r.status != 404 || e["message"] == "" || e["type"] == nil {
			t.Errorf("%s: %d %s", p, r.status, r.raw)
		}
	}
}

func TestAdminTimestampsAndOrder(t *testing.T) {
	s := newSim(t, SampleOrg())
	k := s.testAdmin(t, "/organization/admin_api_keys/key_sim_legacy_admin_400d")
	if got, want := int64(k["created_at"].(float64)), testNow.Add(-400*24*time.Hour).Unix(); got != want {
		t.Errorf("created_at %d, want %d", got, want)
	}
	if !strings.Contains(string(doGet(t, s.AdminBaseURL()+"/organization/admin_api_keys/key_sim_legacy_admin_400d", AdminKey).raw), `"created_at":`+fmt.Sprint(testNow.Add(-400*24*time.Hour).Unix())+",") {
		t.Errorf("admin timestamps must be integers")
	}
	if k := s.testAdmin(t, "/organization/admin_api_keys/key_sim_admin_never_used"); k["last_used_at"] != nil {
		t.Errorf("never used key: %v", k["last_used_at"])
	}
	asc := dataIDs(t, s.testAdmin(t, "/organization/admin_api_keys?limit=100"))
	desc := dataIDs(t, s.testAdmin(t, "/organization/admin_api_keys?limit=100&order=desc"))
	if asc[0] != "key_sim_legacy_admin_400d" || desc[len(desc)-1] != "key_sim_legacy_admin_400d" {
		t.Errorf("order: asc %v desc %v", asc, desc)
	}
	certs := dataIDs(t, s.testAdmin(t, "/organization/certificates"))
	if certs[0] != "cert_sim_mtls_main" { // default desc by created_at
		t.Errorf("certificates default order: %v", certs)
	}
	users := dataIDs(t, s.testAdmin(t, "/organization/users?emails[]=alice@example.com&emails=bob@example.com"))
	if len(users) != 2 {
		t.Errorf("emails filter: %v", users)
	}
}

func TestAuditLogFilters(t *testing.T) {
	s := newSim(t, SampleOrg())
	base := "/organization/audit_logs?limit=100"
	all := dataIDs(t, s.testAdmin(t, base))
	if len(all) != len(s.Fixture().AuditLogs)-len(sampleTenantEvents) { // tenant-scoped ones need tenant_only
		t.Fatalf("all: %v", all)
	}
	if all[0] != "audit_log-sim-login-alice" { // newest first
		t.Errorf("order: %v", all)
	}
	since := testNow.Add(-7 * 24 * time.Hour).Unix()
	cases := map[string][]string{
		fmt.Sprintf("&effective_at[gte]=%d&event_types[]=scim.disabled&event_types[]=ip_allowlist.deleted", since): {"audit_log-sim-ip-allowlist-deleted", "audit_log-sim-scim-disabled"},
		fmt.Sprintf("&effective_at.gt=%d&event_types=scim.disabled", since):                                        {"audit_log-sim-scim-disabled"},
		"&event_types[]=scim.disabled":                                         {"audit_log-sim-scim-disabled", "audit_log-sim-scim-disabled-old"},
		fmt.Sprintf("&effective_at[lt]=%d&event_types[]=scim.disabled", since): {"audit_log-sim-scim-disabled-old"},
		fmt.Sprintf("&effective_at[lte]=%d&effective_at[gte]=%d", testNow.Add(-2*24*time.Hour).Unix(), testNow.Add(-2*24*time.Hour).Unix()): {"audit_log-sim-invite-heidi", "audit_log-sim-scim-disabled"},
		"&project_ids[]=proj_sim_production&event_types[]=api_key.created":                                                                  {"audit_log-sim-user-key-created"},
		"&actor_ids[]=svc_acct_sim_prod_api":                                 {"audit_log-sim-rate-limit"},
		"&actor_ids[]=key_sim_prod_api":                                      {"audit_log-sim-rate-limit"},
		"&actor_emails[]=bob@example.com&event_types[]=ip_allowlist.deleted": {"audit_log-sim-ip-allowlist-deleted"},
		"&resource_ids[]=cert_sim_mtls_main":                                 {"audit_log-sim-cert-created"},
	}
	for q, want := range cases {
		got := dataIDs(t, s.testAdmin(t, base+q))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: got %v want %v", q, got, want)
		}
	}
	// before/after cursors.
	page := s.testAdmin(t, "/organization/audit_logs?limit=3")
	ids := dataIDs(t, page)
	next := dataIDs(t, s.testAdmin(t, "/organization/audit_logs?limit=3&after="+ids[2]))
	if next[0] != all[3] {
		t.Errorf("after: %v", next)
	}
	prev := dataIDs(t, s.testAdmin(t, "/organization/audit_logs?limit=2&before="+all[3]))
	if strings.Join(prev, ",") != strings.Join(all[1:3], ",") {
		t.Errorf("before: %v want %v", prev, all[1:3])
	}
	for _, q := range []string{"&event_types[]=not.a.type", "&effective_at[gte]=yesterday"} {
		if r := doGet(t, s.AdminBaseURL()+base+q, AdminKey); r.status != 400 {
			t.Errorf("%s: %d", q, r.status)
		}
	}
	s.Update(func(f *Fixture) { f.Organization.AuditLogsUnreadable = true })
	if r := doGet(t, s.AdminBaseURL()+base, AdminKey); r.status != 403 || r.body["error"] == nil {
		t.Errorf("unreadable audit logs: %d %s", r.status, r.raw)
	}
}
