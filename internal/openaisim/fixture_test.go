package openaisim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEmbeddedFixturesLoad(t *testing.T) {
	for _, name := range []string{"sample", "clean"} {
		f, err := EmbeddedFixture(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Users) == 0 || len(f.Workspace.GPTs) == 0 || len(f.Projects) == 0 || len(f.AuditLogs) == 0 || len(f.Workspace.Conversations) == 0 {
			t.Errorf("%s fixture is thin: %v", name, Summary(f))
		}
		// Round trip through JSON keeps it valid and equal.
		b, _ := json.Marshal(f)
		g, err := LoadFixture(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s round trip: %v", name, err)
		}
		b2, _ := json.Marshal(g)
		if string(b) != string(b2) {
			t.Errorf("%s round trip differs", name)
		}
	}
	if SampleOrg().Workspace.ID != "8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b" {
		t.Error("sample workspace id")
	}
	if _, err := EmbeddedFixture("nope"); err == nil {
		t.Error("unknown embedded fixture")
	}
	if !SampleOrgAuditLogsUnreadable().Organization.AuditLogsUnreadable {
		t.Error("SampleOrgAuditLogsUnreadable")
	}
}

func TestFixtureDecodeErrors(t *testing.T) {
	base := `{"workspace":{"id":"8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"},%s}`
	cases := map[string][]string{
		`"users":[{"id":"u","email":"e","role":"owner","added_at":"now","colour":"red"}]`: {"users[0].colour", "unknown field", "valid fields here"},
		`"users":[{"id":"u","email":"e","role":"admin","added_at":"now"}]`:                {"users[0].role", `"admin"`, "valid choices: owner, reader"},
		`"users":[{"id":"u","email":"e","role":"owner"}]`:                                 {"users[0].added_at", "required"},
		`"users":[{"id":"u","email":"e","role":"owner","added_at":"-3x"}]`:                {"users[0].added_at", "unknown unit"},
		`"users":[{"id":"u","email":"e","role":"owner","added_at":true}]`:                 {"users[0].added_at", "timestamp"},
		`"users":[{"id":7,"email":"e","role":"owner","added_at":"now"}]`:                  {"users[0].id", "want a string"},
		`"users":{}`: {"users", "want an array"},
		`"organization":{"spend_limit":{"threshold_amount":"lots","enforcement":"enforcing"}}`:                                                                                  {"organization.spend_limit.threshold_amount", "integer"},
		`"organization":{"spend_limit":{"threshold_amount":5,"enforcement":"on"}}`:                                                                                              {"organization.spend_limit.enforcement", "enforcing, inactive"},
		`"projects":[{"id":"p","name":"n","created_at":"now","hosted_tool_permissions":{"mcp":1}}]`:                                                                             {"projects[0].hosted_tool_permissions.mcp", "boolean"},
		`"projects":[{"id":"p","name":"n","created_at":"now","hosted_tool_permissions":{"ftp":true}}]`:                                                                          {"projects[0].hosted_tool_permissions.ftp", "unknown hosted tool"},
		`"audit_logs":[{"id":"a","type":"coffee.made","effective_at":"now"}]`:                                                                                                   {"audit_logs[0].type", "coffee.made", "scim.disabled"},
		`"invites":[{"id":"i","email":"e","role":"reader","status":"pending","created_at":"now"},{"id":"i","email":"e","role":"reader","status":"pending","created_at":"now"}]`: {"invites[1].id", "duplicate"},
		`"projects":[{"id":"p","name":"n","created_at":"now","api_keys":[{"id":"k","name":"k","created_at":"now","owner":{"type":"robot","id":"x"}}]}]`:                         {"projects[0].api_keys[0].owner.type", "user, service_account"},
		`"projects":[{"id":"p","name":"n","created_at":"now","api_keys":[{"id":"k","name":"k","created_at":"now","owner":{"type":"user","id":"ghost"}}]}]`:                      {"projects[0].api_keys[0].owner.id", "not an org user"},
		`"comment":"x","workspace2":{}`: {"workspace2", "unknown field"},
	}
	for body, want := range cases {
		_, err := LoadFixture(strings.NewReader(strings.Replace(base, "%s", body, 1)))
		if err == nil {
			t.Errorf("%s: no error", body)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", body, err, w)
			}
		}
	}
	if _, err := LoadFixture(strings.NewReader(`{"workspace":{"id":"not-a-uuid"}}`)); err == nil || !strings.Contains(err.Error(), "workspace.id") {
		t.Errorf("workspace id: %v", err)
	}
	if _, err := LoadFixture(strings.NewReader(`{"workspace":{"id":"8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b",`)); err == nil {
		t.Error("truncated JSON accepted")
	}
	if _, err := LoadFixture(strings.NewReader(`{"workspace":{"id":"8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"}} {}`)); err == nil {
		t.Error("trailing data accepted")
	}
}

func TestRelativeTimes(t *testing.T) {
	now := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	cases := map[string]time.Time{
		"now":                  now,
		"-120d":                now.Add(-120 * 24 * time.Hour),
		"-3h":                  now.Add(-3 * time.Hour),
		"+30d":                 now.Add(30 * 24 * time.Hour),
		"-1d12h":               now.Add(-36 * time.Hour),
		"-2w":                  now.Add(-14 * 24 * time.Hour),
		"-90s":                 now.Add(-90 * time.Second),
		"2025-06-01T00:00:00Z": time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		"1711471533":           time.Unix(1711471533, 0),
	}
	for in, want := range cases {
		tt, err := ParseTime(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := tt.Resolve(now); !got.Equal(want) {
			t.Errorf("%s: %v want %v", in, got, want)
		}
	}
	var tt Time
	if err := json.Unmarshal([]byte(`1692158096.5`), &tt); err != nil || tt.Resolve(now).UnixMilli() != 1692158096500 {
		t.Errorf("float unix: %v %v", err, tt.Resolve(now))
	}
	for _, bad := range []string{"", "-", "-3", "yesterday", "-3y", "2025-13-01T00:00:00Z"} {
		if _, err := ParseTime(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// Relative times are resolved against the server clock.
	s := newSim(t, SampleOrg())
	k := s.testAdmin(t, "/organization/admin_api_keys/key_sim_admin_no_expiry")
	if int64(k["created_at"].(float64)) != testNow.Add(-10*24*time.Hour).Unix() || k["expires_at"] != nil {
		t.Errorf("resolved key: %v", k)
	}
}

func TestUpdate(t *testing.T) {
	s := newSim(t, SampleOrg())
	if b := s.testAdmin(t, "/organization/spend_limit"); b["enforcement"].(map[string]any)["status"] != "inactive" {
		t.Fatal(b)
	}
	s.Update(func(f *Fixture) {
		f.Organization.SpendLimit.Enforcement = "enforcing"
		f.AdminAPIKeys = f.AdminAPIKeys[:1]
		f.Workspace.GPTs[0].Sharing.Visibility = "gpt-store"
	})
	if b := s.testAdmin(t, "/organization/spend_limit"); b["enforcement"].(map[string]any)["status"] != "enforcing" {
		t.Errorf("spend limit not updated: %v", b)
	}
	if ids := dataIDs(t, s.testAdmin(t, "/organization/admin_api_keys")); len(ids) != 1 {
		t.Errorf("keys not updated: %v", ids)
	}
	g := s.testCompl(t, "/gpts/g-SimHRHelper")
	if g["sharing"].(map[string]any)["visibility"] != "gpt-store" {
		t.Errorf("gpt not updated")
	}
	// The caller's fixture is not shared with the server.
	f := SampleOrg()
	s2 := newSim(t, f)
	f.Users = nil
	if len(dataIDs(t, s2.testAdmin(t, "/organization/users"))) == 0 {
		t.Error("server shares the caller's fixture")
	}
	defer func() {
		if recover() == nil {
			t.Error("invalid Update did not panic")
		}
	}()
	s.Update(func(f *Fixture) { f.Workspace.ID = "bad" })
}
