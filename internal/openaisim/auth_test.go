package openaisim

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	s := newSim(t, SampleOrg())
	adminURL := s.AdminBaseURL() + "/organization/users"
	complURL := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID() + "/users"
	cases := []struct {
		url, key string
		status   int
	}{
		{adminURL, "", 401},
		{adminURL, "wrong", 401},
		{adminURL, ComplianceKey, 401},
		{adminURL, ComplianceKeyNoScope, 401},
		{adminURL, AdminKey, 200},
		{complURL, "", 401},
		{complURL, AdminKey, 401},
		{complURL, "sk-something-else", 401},
		{complURL, ComplianceKeyNoScope, 403},
		{complURL, ComplianceKey, 200},
	}
	for _, c := range cases {
		r := doGet(t, c.url, c.key)
		if r.status != c.status {
			t.Errorf("%s key %q: %d, want %d", c.url, c.key, r.status, c.status)
			continue
		}
		if c.status != 200 {
			e, _ := r.body["error"].(map[string]any)
			if e == nil || e["message"] == "" || e["type"] == nil {
				t.Errorf("error body: %s", r.raw)
			}
			if c.status == 401 && e["code"] != "invalid_api_key" {
				t.Errorf("401 code: %v", e["code"])
			}
			if c.status == 403 && !strings.Contains(e["message"].(string), "compliance read scope") {
				t.Errorf("403 message: %v", e["message"])
			}
			if c.key != "" && strings.Contains(string(r.raw), c.key) && len(c.key) > 8 {
				t.Errorf("error echoes the full key")
			}
		}
	}
}

func TestUnknownPathsAndMethods(t *testing.T) {
	s := newSim(t, SampleOrg())
	for _, u := range []string{
		s.AdminBaseURL() + "/organization/nope",
		s.AdminBaseURL() + "/compliance/workspaces/" + s.WorkspaceID() + "/users", // compliance path on admin listener
		s.ComplianceBaseURL() + "/organization/users",                             // and vice versa
		strings.TrimSuffix(s.AdminBaseURL(), "/v1") + "/organization/users",       // missing /v1
	} {
		r := doGet(t, u, AdminKey)
		if r.status != 404 || r.body["error"] == nil {
			t.Errorf("%s: %d %s", u, r.status, r.raw)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, s.AdminBaseURL()+"/organization/users/user_sim_alice", nil)
	req.Header.Set("Authorization", "Bearer "+AdminKey)
	r, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 405 {
		t.Errorf("DELETE: %d", r.StatusCode)
	}
}

func TestRequestCounts(t *testing.T) {
	s := newSim(t, SampleOrg())
	for i := 0; i < 3; i++ {
		s.testAdmin(t, "/organization/projects/proj_sim_default/api_keys")
	}
	s.testAdmin(t, "/organization/projects/proj_sim_research/api_keys")
	doGet(t, s.AdminBaseURL()+"/organization/users", "bad")
	if n := s.RequestCount(EndpointAdminProjectAPIKeys); n != 4 {
		t.Errorf("api_keys count %d", n)
	}
	if n := s.RequestCounts()[EndpointAdminUsers]; n != 1 {
		t.Errorf("users count %d", n)
	}
	s.ResetCounts()
	if len(s.RequestCounts()) != 0 {
		t.Errorf("reset")
	}
}

func TestLoopbackOnly(t *testing.T) {
	if _, err := New(SampleOrg(), WithAdminAddr("0.0.0.0:0")); err == nil {
		t.Fatal("non-loopback address accepted")
	}
}
