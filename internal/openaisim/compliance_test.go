package openaisim

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestComplianceListsPaginate(t *testing.T) {
	s := newSim(t, bigOrg(), WithSharedUsersPageSize(100))
	f := s.Fixture()
	ws := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID()
	cases := []struct {
		path  string
		want  int
		pages int
	}{
		{"/users", len(f.Workspace.Users), 3}, // default 200
		{"/users?limit=200", len(f.Workspace.Users), 3},
		{"/gpts?limit=100", len(f.Workspace.GPTs), 2},
		{"/gpts", len(f.Workspace.GPTs), (len(f.Workspace.GPTs) + 19) / 20}, // default 20
		{"/gpts/g-SimHRHelper/configs?limit=20", len(f.Workspace.GPTs[0].Configs), 3},
		{"/gpts/g-SimHRHelper/shared_users", 230, 3},
		{"/projects?limit=100", len(f.Workspace.Projects), 2},
		{"/projects/g-p-SimQ3Planning/configs", 1, 1},
		{"/projects/g-p-SimPayroll/shared_users", 0, 1},
		{"/conversations", len(f.Workspace.Conversations), 3}, // default 500
		{"/conversations?limit=500", len(f.Workspace.Conversations), 3},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			ids, pages := walk(t, ws+c.path, ComplianceKey, false)
			if len(ids) != c.want || pages != c.pages {
				t.Fatalf("got %d ids in %d pages, want %d in %d", len(ids), pages, c.want, c.pages)
			}
		})
	}
	users, _ := walk(t, ws+"/users", ComplianceKey, false)
	for i := 1; i < len(users); i++ {
		if users[i-1] >= users[i] {
			t.Fatalf("users not ascending by id at %d", i)
		}
	}
}

func TestComplianceLimitBounds(t *testing.T) {
	s := newSim(t, SampleOrg())
	ws := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID()
	bad := map[string][]string{
		"/users":                           {"0", "201", "x"},
		"/conversations":                   {"0", "501"},
		"/gpts":                            {"0", "101"},
		"/gpts/g-SimHRHelper/configs":      {"0", "101"},
		"/projects":                        {"0", "101"},
		"/projects/g-p-SimPayroll/configs": {"101"},
	}
	for p, lims := range bad {
		for _, l := range lims {
			r := doGet(t, ws+p+"?limit="+l, ComplianceKey)
			e, _ := r.body["error"].(map[string]any)
			if r.status != 400 || e["param"] != "limit" {
				t.Errorf("%s limit=%s: %d %s", p, l, r.status, r.raw)
			}
		}
	}
	for p, l := range map[string]string{"/users": "200", "/conversations": "500", "/gpts": "100", "/projects": "1"} {
		if r := doGet(t, ws+p+"?limit="+l, ComplianceKey); r.status != 200 {
			t.Errorf("%s limit=%s: %d", p, l, r.status)
		}
	}
	if r := doGet(t, ws+"/gpts?file_format=pdf", ComplianceKey); r.status != 400 {
		t.Errorf("bad file_format: %d", r.status)
	}
}

func TestComplianceObjects(t *testing.T) {
	s := newSim(t, SampleOrg())
	g := s.testCompl(t, "/gpts/g-SimActionNoAuth")
	if g["object"] != "compliance.workspace.gpt" {
		t.Fatalf("gpt: %v", g)
	}
	cfg := g["latest_config"].(map[string]any)["data"].([]any)[0].(map[string]any)
	tool := cfg["tools"].(map[string]any)["data"].([]any)[0].(map[string]any)
	if tool["type"] != "custom_action" || tool["auth_type"] != "none" || tool["action_domain"] != "weather.untrusted-api.test" || tool["action_openapi_raw"] == "" {
		t.Errorf("tool: %v", tool)
	}
	if _, ok := g["created_at"].(float64); !ok {
		t.Errorf("created_at not a number")
	}
	want := float64(testNow.Add(-200*24*time.Hour).UnixMicro()) / 1e6
	if g["created_at"].(float64) != want {
		t.Errorf("created_at %v want %v", g["created_at"], want)
	}
	ext := s.testCompl(t, "/gpts/g-SimExternalShare/shared_users")
	if ids := dataIDs(t, ext); len(ids) != 1 || ext["data"].([]any)[0].(map[string]any)["email"] != "contractor@outside-partner.test" {
		t.Errorf("shared users: %v", ext)
	}
	p := s.testCompl(t, "/projects/g-p-SimPayroll")
	if p["object"] != "compliance.workspace.project" {
		t.Errorf("project: %v", p)
	}
	pcfg := p["latest_config"].(map[string]any)["data"].([]any)[0].(map[string]any)
	file := pcfg["files"].(map[string]any)["data"].([]any)[0].(map[string]any)
	if file["name"] != "salary-bands-2026.xlsx" || file["object"] != "compliance.workspace.project.file" || file["download_url"] == nil {
		t.Errorf("project file: %v", file)
	}
	idf := s.testCompl(t, "/projects/g-p-SimPayroll?file_format=id")
	file = idf["latest_config"].(map[string]any)["data"].([]any)[0].(map[string]any)["files"].(map[string]any)["data"].([]any)[0].(map[string]any)
	if file["object"] != "compliance.workspace.project.file_info" || file["download_url"] != nil {
		t.Errorf("file_info: %v", file)
	}
	cfgs := dataIDs(t, s.testCompl(t, "/gpts/g-SimHRHelper/configs"))
	if strings.Join(cfgs, ",") != "gzm_cnf_simhrhelper_v2,gzm_cnf_simhrhelper_v1" {
		t.Errorf("configs newest first: %v", cfgs)
	}
	for _, p := range []string{"/gpts/g-Nope", "/gpts/g-Nope/configs", "/gpts/g-Nope/shared_users", "/projects/g-p-Nope", "/projects/g-p-Nope/configs", "/projects/g-p-Nope/shared_users"} {
		r := doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+p, ComplianceKey)
		if r.status != 404 || r.body["error"] == nil {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	r := doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/00000000-0000-0000-0000-000000000000/gpts", ComplianceKey)
	if r.status != 404 {
		t.Errorf("unknown workspace: %d", r.status)
	}
}

func TestConversationFilters(t *testing.T) {
	s := newSim(t, SampleOrg())
	all := dataIDs(t, s.testCompl(t, "/conversations"))
	if len(all) != len(s.Fixture().Workspace.Conversations) {
		t.Fatalf("all: %v", all)
	}
	if all[0] != "0c9b1d2e-0000-4000-8000-0000000ab001" { // oldest activity first (dormant, -100d)
		t.Errorf("order: %v", all)
	}
	since := testNow.Add(-36 * time.Hour).Unix()
	recent := dataIDs(t, s.testCompl(t, fmt.Sprintf("/conversations?since_timestamp=%d", since)))
	if len(recent) != 3 { // alice -1d, frank -6h, erin -1d (pem)
		t.Errorf("since: %v", recent)
	}
	// since_timestamp is ignored when after is present.
	withAfter := dataIDs(t, s.testCompl(t, fmt.Sprintf("/conversations?since_timestamp=%d&after=%s", since, all[0])))
	if len(withAfter) != len(all)-1 {
		t.Errorf("since with after: %v", withAfter)
	}
	for _, q := range []string{"users=user-ws-erin&users=user-ws-dormant", "users[]=user-ws-erin&users[]=user-ws-dormant", "users=user-ws-erin&users[]=user-ws-dormant"} {
		got := dataIDs(t, s.testCompl(t, "/conversations?"+q))
		if len(got) != 3 {
			t.Errorf("%s: %v", q, got)
		}
	}
	c := s.testCompl(t, "/conversations?users=user-ws-dormant")["data"].([]any)[0].(map[string]any)
	if c["user_email"] != "dormant-100d@example.com" || c["workspace_id"] != s.WorkspaceID() {
		t.Errorf("conversation: %v", c)
	}
	msgs := c["messages"].(map[string]any)["data"].([]any)
	if len(msgs) != 2 || msgs[1].(map[string]any)["parent_id"] != msgs[0].(map[string]any)["id"] {
		t.Errorf("messages: %v", msgs)
	}
	if r := doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+"/conversations?since_timestamp=abc", ComplianceKey); r.status != 400 {
		t.Errorf("bad since: %d", r.status)
	}
}
