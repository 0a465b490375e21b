package openai

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// simFixture builds an org large enough that every list needs several pages
// at the client's page sizes (admin 100, compliance users 200, gpts 100,
// conversations 500, shared users: the simulator's 100).
func simFixture() *openaisim.Fixture {
	ago := func(d time.Duration) openaisim.Time { return openaisim.Rel(-d) }
	day := 24 * time.Hour
	f := &openaisim.Fixture{
		Organization: openaisim.Organization{
			ID: "org-sim", DataRetention: "zero_data_retention",
			SpendLimit: &openaisim.SpendLimit{ThresholdAmount: 100000, Enforcement: "enforcing"},
		},
	}
	for i := 0; i < 250; i++ {
		role := "reader"
		if i == 0 {
			role = "owner"
		}
		f.Users = append(f.Users, openaisim.OrgUser{ID: fmt.Sprintf("user_%03d", i), Email: fmt.Sprintf("u%03d@example.com", i), Role: role, AddedAt: ago(day)})
	}
	f.Invites = []openaisim.Invite{
		{ID: "invite-1", Email: "new@example.com", Role: "reader", Status: "pending", CreatedAt: ago(day), ExpiresAt: openaisim.Rel(6 * day)},
		{ID: "invite-2", Email: "old@example.com", Role: "owner", Status: "accepted", CreatedAt: ago(10 * day), AcceptedAt: ago(9 * day)},
	}
	f.AdminAPIKeys = []openaisim.AdminAPIKey{
		{ID: "key_admin_1", Name: "ci", CreatedAt: ago(400 * day), Owner: openaisim.KeyOwner{Type: "user", ID: "user_000"}},
		{ID: "key_admin_2", Name: "rotating", CreatedAt: ago(day), ExpiresAt: openaisim.Rel(30 * day), LastUsedAt: ago(time.Hour), Owner: openaisim.KeyOwner{Type: "user", ID: "user_000"}},
	}
	pa := openaisim.Project{
		ID: "proj_a", Name: "Prod", CreatedAt: ago(100 * day), DataRetention: "none",
		HostedToolPermissions: map[string]bool{"web_search": false},
		ModelPermissions:      &openaisim.ModelPermissions{Mode: "allow_list", ModelIDs: []string{"gpt-4o"}},
		ServiceAccounts:       []openaisim.ServiceAccount{{ID: "svc_acct_1", Name: "bot", Role: "member", CreatedAt: ago(day)}},
	}
	for i := 0; i < 120; i++ {
		pa.Users = append(pa.Users, openaisim.ProjectUser{ID: fmt.Sprintf("user_%03d", i), Role: "member", AddedAt: ago(day)})
	}
	for i := 0; i < 105; i++ {
		pa.APIKeys = append(pa.APIKeys, openaisim.ProjectAPIKey{ID: fmt.Sprintf("key_p_%03d", i), Name: "k", CreatedAt: ago(day), Owner: openaisim.KeyOwner{Type: "user", ID: fmt.Sprintf("user_%03d", i)}})
	}
	pa.APIKeys = append(pa.APIKeys, openaisim.ProjectAPIKey{ID: "key_sa", Name: "sa", CreatedAt: ago(day), OwnerProjectAccess: "inactive", Owner: openaisim.KeyOwner{Type: "service_account", ID: "svc_acct_1"}})
	f.Projects = []openaisim.Project{pa, {ID: "proj_b", Name: "Old", Status: "archived", CreatedAt: ago(300 * day), ArchivedAt: ago(200 * day)}}
	f.Certificates = []openaisim.Certificate{{ID: "cert_1", Name: "mtls", CreatedAt: ago(day), ValidAt: ago(day), ExpiresAt: openaisim.Rel(300 * day), Active: true}}
	for i := 0; i < 130; i++ {
		f.AuditLogs = append(f.AuditLogs, openaisim.AuditLogEvent{ID: fmt.Sprintf("audit_log-%03d", i), Type: "project.archived", EffectiveAt: ago(time.Duration(i) * time.Minute)})
	}

	ws := openaisim.Workspace{ID: "8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"}
	for i := 0; i < 450; i++ {
		ws.Users = append(ws.Users, openaisim.WSUser{ID: fmt.Sprintf("user-ws%04d", i), Email: fmt.Sprintf("w%04d@example.com", i), Role: "standard-user", Status: "active", CreatedAt: ago(day)})
	}
	var shared []openaisim.WSUser
	for i := 0; i < 150; i++ {
		shared = append(shared, ws.Users[i])
	}
	for i := 0; i < 120; i++ {
		g := openaisim.GPT{
			ID: fmt.Sprintf("g-%04d", i), CreatedAt: ago(day), OwnerID: "user-ws0000", OwnerEmail: "w0000@example.com",
			Sharing: openaisim.Sharing{Visibility: "workspace-with-link", Recipients: []openaisim.Recipient{{ID: "user-ws0001", Email: "w0001@example.com", Permissions: openaisim.Permissions{CanRead: true}}}},
			Configs: []openaisim.GPTConfig{{ID: fmt.Sprintf("gzm_cnf_%04d", i), Name: "GPT", CreatedAt: ago(day),
				Tools: []openaisim.Tool{{Type: "custom_action", ActionDomain: "api.example.com", AuthType: "oauth"}},
				Files: []openaisim.File{{ID: "file-1", Name: "kb.pdf"}}}},
		}
		if i == 0 {
			g.SharedUsers = shared
			for j := 1; j < 130; j++ {
				g.Configs = append(g.Configs, openaisim.GPTConfig{ID: fmt.Sprintf("gzm_cnf_old_%03d", j), Name: "GPT", CreatedAt: ago(time.Duration(j) * day)})
			}
		}
		ws.GPTs = append(ws.GPTs, g)
	}
	ws.Projects = []openaisim.GPT{{ID: "g-p-1", Sharing: openaisim.Sharing{Visibility: "invite-only"}, Configs: []openaisim.GPTConfig{{ID: "pr_cnf_1", Name: "Proj"}}}}
	for i := 0; i < 600; i++ {
		ws.Conversations = append(ws.Conversations, openaisim.Conversation{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), UserID: fmt.Sprintf("user-ws%04d", i%450), CreatedAt: ago(time.Duration(i) * time.Hour),
			Messages: []openaisim.Message{{ID: fmt.Sprintf("10000000-0000-4000-8000-%012d", i), Role: "user", Content: "hello"}},
		})
	}
	f.Workspace = ws
	return f
}

func newSim(t *testing.T) (*openaisim.Server, *Client, *waitRecorder) {
	t.Helper()
	sim, err := openaisim.New(simFixture())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	rec := &waitRecorder{}
	c, err := NewClient(Config{
		AdminAPIKey: openaisim.AdminKey, ComplianceAPIKey: openaisim.ComplianceKey, WorkspaceID: sim.WorkspaceID(),
		AdminBaseURL: sim.AdminBaseURL(), ComplianceBaseURL: sim.ComplianceBaseURL(),
		RetryWaitMin: time.Millisecond, AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
		waitHook: rec.hook,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c, rec
}

func TestSimEveryEndpoint(t *testing.T) {
	sim, c, _ := newSim(t)
	ctx := testCtx(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	wantPages := map[string]int{}
	check := func(name string, got, want int, key string, pages int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %d items, want %d", name, got, want)
		}
		wantPages[key] += pages
	}

	keys, err := c.ListAdminAPIKeys(ctx)
	must(err)
	check("admin keys", len(keys), 2, EndpointAdminAPIKeys, 1)
	if keys[0].ExpiresAt.Valid || !keys[1].ExpiresAt.Valid || !keys[1].LastUsedAt.Valid {
		t.Errorf("admin key times: %v %v", keys[0].ExpiresAt, keys[1].ExpiresAt)
	}
	users, err := c.ListUsers(ctx)
	must(err)
	check("users", len(users), 250, EndpointUsers, 3)
	invites, err := c.ListInvites(ctx)
	must(err)
	check("invites", len(invites), 2, EndpointInvites, 1)
	if !invites[0].CreatedAt.Valid {
		t.Errorf("invite created_at missing")
	}
	projects, err := c.ListProjects(ctx)
	must(err)
	check("projects", len(projects), 2, EndpointProjects, 1)
	if !projects[1].IsArchived() {
		t.Errorf("archived project not seen: %+v", projects)
	}
	pkeys, err := c.ListProjectAPIKeys(ctx, "proj_a")
	must(err)
	check("project keys", len(pkeys), 106, EndpointProjectAPIKeys, 2)
	var inactive int
	for _, k := range pkeys {
		if String(k.OwnerProjectAccess) == "inactive" {
			inactive++
		}
	}
	if inactive != 1 {
		t.Errorf("owner_project_access=any not honoured: %d inactive", inactive)
	}
	sas, err := c.ListProjectServiceAccounts(ctx, "proj_a")
	must(err)
	check("service accounts", len(sas), 1, EndpointProjectServiceAccounts, 1)
	pusers, err := c.ListProjectUsers(ctx, "proj_a")
	must(err)
	check("project users", len(pusers), 120, EndpointProjectUsers, 2)
	dr, err := c.GetOrganizationDataRetention(ctx)
	must(err)
	if String(dr.Type) != "zero_data_retention" {
		t.Errorf("org retention %+v", dr)
	}
	wantPages[EndpointOrgDataRetention]++
	pdr, err := c.GetProjectDataRetention(ctx, "proj_a")
	must(err)
	if String(pdr.Type) != "none" {
		t.Errorf("project retention %+v", pdr)
	}
	wantPages[EndpointProjectDataRetention]++
	sl, err := c.GetSpendLimit(ctx)
	must(err)
	if sl.ThresholdAmount == nil || *sl.ThresholdAmount != 100000 || sl.Enforcement == nil || String(sl.Enforcement.Status) != "enforcing" {
		t.Errorf("spend limit %+v", sl)
	}
	wantPages[EndpointSpendLimit]++
	tools, err := c.GetProjectHostedToolPermissions(ctx, "proj_a")
	must(err)
	if tools.WebSearch == nil || Bool(tools.WebSearch.Enabled) || tools.FileSearch == nil || !Bool(tools.FileSearch.Enabled) {
		t.Errorf("hosted tools %+v", tools)
	}
	wantPages[EndpointProjectHostedToolPermissions]++
	mp, err := c.GetProjectModelPermissions(ctx, "proj_a")
	must(err)
	if String(mp.Mode) != "allow_list" || len(mp.ModelIDs) != 1 {
		t.Errorf("model permissions %+v", mp)
	}
	wantPages[EndpointProjectModelPermissions]++
	certs, err := c.ListCertificates(ctx)
	must(err)
	check("certificates", len(certs), 1, EndpointCertificates, 1)
	logs, err := c.ListAuditLogs(ctx, AuditLogFilter{EventTypes: []string{"project.archived"}})
	must(err)
	check("audit logs", len(logs), 130, EndpointAuditLogs, 2)

	wsUsers, err := c.ListWorkspaceUsers(ctx)
	must(err)
	check("workspace users", len(wsUsers), 450, EndpointComplianceUsers, 3)
	gpts, err := c.ListGPTs(ctx)
	must(err)
	check("gpts", len(gpts), 120, EndpointComplianceGPTs, 2)
	latest := gpts[5].Latest()
	if latest == nil || latest.Tools == nil || len(latest.Tools.Data) != 1 || String(latest.Tools.Data[0].ActionDomain) != "api.example.com" ||
		len(gpts[5].Sharing.Recipients.Users) != 1 || String(gpts[5].Sharing.Visibility) != "workspace-with-link" {
		t.Errorf("gpt decode %+v", gpts[5])
	}
	if latest.Files == nil || len(latest.Files.Data) != 1 || latest.Files.Data[0].DownloadURL != nil {
		t.Errorf("files should come as ids without download URLs: %+v", latest.Files)
	}
	g, err := c.GetGPT(ctx, "g-0000")
	must(err)
	if g.ID != "g-0000" {
		t.Errorf("get gpt %+v", g)
	}
	wantPages[EndpointComplianceGPT]++
	cfgs, err := c.ListGPTConfigs(ctx, "g-0000")
	must(err)
	check("gpt configs", len(cfgs), 130, EndpointComplianceGPTConfigs, 2)
	shared, err := c.ListGPTSharedUsers(ctx, "g-0000")
	must(err)
	check("shared users", len(shared), 150, EndpointComplianceGPTSharedUsers, 2)
	cps, err := c.ListComplianceProjects(ctx)
	must(err)
	check("compliance projects", len(cps), 1, EndpointComplianceProjects, 1)
	convs, err := c.ListConversations(ctx, ConversationFilter{})
	must(err)
	check("conversations", len(convs), 600, EndpointComplianceConversations, 2)
	if convs[0].Messages == nil || len(convs[0].Messages.Data) != 1 {
		t.Errorf("messages not decoded: %+v", convs[0])
	}

	// One request per page, no more: the performance floor.
	for key, pages := range wantPages {
		if got := sim.RequestCount(key); got != pages {
			t.Errorf("%s: %d requests, want %d", key, got, pages)
		}
	}
}

func TestSimUpdateAddsPages(t *testing.T) {
	sim, c, _ := newSim(t)
	ctx := testCtx(t)
	sim.Update(func(f *openaisim.Fixture) {
		for i := 250; i < 420; i++ {
			f.Users = append(f.Users, openaisim.OrgUser{ID: fmt.Sprintf("user_%03d", i), Email: fmt.Sprintf("u%03d@example.com", i), Role: "reader", AddedAt: openaisim.Rel(-time.Hour)})
		}
	})
	users, err := c.ListUsers(ctx)
	if err != nil || len(users) != 420 || sim.RequestCount(EndpointUsers) != 5 {
		t.Fatalf("%v %d users, %d requests", err, len(users), sim.RequestCount(EndpointUsers))
	}
	seen := map[string]bool{}
	for _, u := range users {
		if seen[u.ID] {
			t.Fatalf("duplicate %s", u.ID)
		}
		seen[u.ID] = true
	}
}

func TestSimConversationsSince(t *testing.T) {
	sim, c, _ := newSim(t)
	since := sim.Now().Add(-48 * time.Hour)
	convs, err := c.ListConversations(testCtx(t), ConversationFilter{Since: &since, UserIDs: []string{"user-ws0001"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, cv := range convs {
		if String(cv.UserID) != "user-ws0001" || (cv.LastActiveAt.Valid && cv.LastActiveAt.Time.Before(since.Add(-time.Second))) {
			t.Fatalf("filter not applied: %+v", cv)
		}
	}
}

func TestSimRetryableFaultsRecover(t *testing.T) {
	cases := []struct {
		name  string
		fault openaisim.Fault
		wait  time.Duration // expected server-requested wait, 0 = backoff
	}{
		{"429 retry-after seconds", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 429, RetryAfter: "2", Times: 1}, 2 * time.Second},
		{"429 retry-after-ms", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 429, RetryAfterMs: "250", Times: 1}, 250 * time.Millisecond},
		{"429 bare", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 429, Times: 1}, 0},
		{"500", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500, Times: 2}, 0},
		{"502 html", openaisim.Fault{Kind: openaisim.FaultHTML, Status: 502, Times: 1}, 0},
		{"503", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503, Times: 1}, 0},
		{"504", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 504, Times: 1}, 0},
		{"408", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 408, Times: 1}, 0},
		{"409", openaisim.Fault{Kind: openaisim.FaultStatus, Status: 409, Times: 1}, 0},
		{"connection reset", openaisim.Fault{Kind: openaisim.FaultConnReset, Times: 1}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim, c, rec := newSim(t)
			sim.InjectFault(EndpointComplianceUsers, tc.fault)
			users, err := c.ListWorkspaceUsers(testCtx(t))
			if err != nil || len(users) != 450 {
				t.Fatalf("%v (%d users)", err, len(users))
			}
			waits := rec.all()
			if len(waits) == 0 || (tc.wait > 0 && waits[0] != tc.wait) {
				t.Fatalf("waits %v, want first %s", waits, tc.wait)
			}
		})
	}
}

func TestSimNonRetryable(t *testing.T) {
	sim, c, _ := newSim(t)
	ctx := testCtx(t)
	sim.InjectFault(EndpointUsers, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500, ShouldRetry: "false"})
	_, err := c.ListUsers(ctx)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 500 || sim.RequestCount(EndpointUsers) != 1 {
		t.Fatalf("x-should-retry false: %v (%d requests)", err, sim.RequestCount(EndpointUsers))
	}
	for _, st := range []int{400, 401, 403, 404} {
		sim.ClearFaults()
		sim.ResetCounts()
		sim.InjectFault(EndpointInvites, openaisim.Fault{Kind: openaisim.FaultStatus, Status: st})
		_, err := c.ListInvites(ctx)
		if !errors.As(err, &ae) || ae.StatusCode != st || ae.KeyName != KeyNameAdmin || sim.RequestCount(EndpointInvites) != 1 {
			t.Fatalf("%d: %v", st, err)
		}
	}
}

func TestSimAuthErrors(t *testing.T) {
	sim, _, _ := newSim(t)
	ctx := testCtx(t)
	mk := func(admin, compliance, ws string) *Client {
		c, err := NewClient(Config{AdminAPIKey: admin, ComplianceAPIKey: compliance, WorkspaceID: ws,
			AdminBaseURL: sim.AdminBaseURL(), ComplianceBaseURL: sim.ComplianceBaseURL(), RetryWaitMin: time.Millisecond,
			AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name   string
		call   func() error
		status int
		hint   string
	}{
		{"bad admin key", func() error { _, err := mk("not-a-key", "", "").ListUsers(ctx); return err }, 401, "admin API key is invalid"},
		{"compliance key on admin", func() error { _, err := mk(openaisim.ComplianceKey, "", "").ListUsers(ctx); return err }, 401, "admin API key"},
		{"no scope", func() error {
			_, err := mk("", openaisim.ComplianceKeyNoScope, sim.WorkspaceID()).ListGPTs(ctx)
			return err
		}, 403, "compliance read scope"},
		{"admin key on compliance", func() error {
			_, err := mk("", openaisim.AdminKey, sim.WorkspaceID()).ListGPTs(ctx)
			return err
		}, 401, "compliance API key is invalid"},
		{"unknown workspace", func() error {
			_, err := mk("", openaisim.ComplianceKey, "00000000-0000-4000-8000-000000000000").ListWorkspaceUsers(ctx)
			return err
		}, 404, "api.chatgpt.com"},
	}
	for _, tc := range cases {
		err := tc.call()
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != tc.status || !strings.Contains(err.Error(), tc.hint) {
			t.Errorf("%s: %v", tc.name, err)
		}
		for _, k := range []string{openaisim.AdminKey, openaisim.ComplianceKey, openaisim.ComplianceKeyNoScope} {
			if err != nil && strings.Contains(err.Error(), k) {
				t.Errorf("%s: error leaks a key: %v", tc.name, err)
			}
		}
	}
}

func TestSimBodyAndPaginationFaults(t *testing.T) {
	cases := []struct {
		name  string
		fault openaisim.Fault
		check func(error) bool
	}{
		{"truncated", openaisim.Fault{Kind: openaisim.FaultTruncated}, func(err error) bool { var e *DecodeError; return errors.As(err, &e) }},
		{"wrong content type", openaisim.Fault{Kind: openaisim.FaultWrongContentType}, func(err error) bool {
			var e *DecodeError
			return errors.As(err, &e) && strings.Contains(err.Error(), "text/html")
		}},
		{"repeated cursor", openaisim.Fault{Kind: openaisim.FaultRepeatedCursor}, func(err error) bool { var e *PaginationError; return errors.As(err, &e) }},
		{"has_more empty", openaisim.Fault{Kind: openaisim.FaultHasMoreEmpty}, func(err error) bool { var e *PaginationError; return errors.As(err, &e) }},
		{"oversized", openaisim.Fault{Kind: openaisim.FaultOversized, Size: 2 << 20}, func(err error) bool { var e *ResponseTooLargeError; return errors.As(err, &e) }},
		{"missing id", openaisim.Fault{Kind: openaisim.FaultMissingField}, func(err error) bool { var e *DecodeError; return errors.As(err, &e) }},
		{"html persists", openaisim.Fault{Kind: openaisim.FaultHTML}, func(err error) bool {
			var e *APIError
			return errors.As(err, &e) && e.StatusCode == 502 && e.Attempts == DefaultMaxRetries+1
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim, err := openaisim.New(simFixture())
			if err != nil {
				t.Fatal(err)
			}
			defer sim.Close()
			c, err := NewClient(Config{ComplianceAPIKey: openaisim.ComplianceKey, WorkspaceID: sim.WorkspaceID(),
				AdminBaseURL: sim.AdminBaseURL(), ComplianceBaseURL: sim.ComplianceBaseURL(), RetryWaitMin: time.Millisecond,
				ComplianceRequestsPerMinute: -1, MaxResponseBytes: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			sim.InjectFault(EndpointComplianceGPTs, tc.fault)
			_, err = c.ListGPTs(testCtx(t))
			if err == nil || !tc.check(err) || !strings.Contains(err.Error(), EndpointComplianceGPTs) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestSimUnknownEnumTolerated(t *testing.T) {
	sim, c, _ := newSim(t)
	sim.InjectFault(EndpointUsers, openaisim.Fault{Kind: openaisim.FaultUnknownEnum, Field: "role", Value: "sim_new_role"})
	users, err := c.ListUsers(testCtx(t))
	if err != nil || String(users[0].Role) != "sim_new_role" {
		t.Fatalf("%v", err)
	}
}

func TestSimTimeoutAndCancel(t *testing.T) {
	sim, c, _ := newSim(t)
	sim.InjectFault(EndpointUsers, openaisim.Fault{Kind: openaisim.FaultTimeout})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListUsers(ctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Fatalf("%v after %s", err, time.Since(start))
	}
}

func TestSimRateLimitHonoured(t *testing.T) {
	sim, c, _ := newSim(t)
	c.cfg.waitHook = nil // really sleep, as told by the server
	// 1 request/minute, with time sped up 600x: each wait is ~100ms, sent as
	// Retry-After-Ms (and a whole-second Retry-After that must lose).
	sim.SetTimeScale(600)
	sim.SetRateLimit(EndpointComplianceUsers, 1)
	users, err := c.ListWorkspaceUsers(testCtx(t))
	if err != nil || len(users) != 450 {
		t.Fatalf("%v (%d users)", err, len(users))
	}
	if n := sim.RequestCount(EndpointComplianceUsers); n < 4 {
		t.Fatalf("expected 429s along the way, got %d requests", n)
	}
}
