package posture

import (
	"strings"
	"testing"
)

// A field a check relies on that the API did not send is a finding on that
// subject, never a pass.
func TestMissingFieldsAreFindings(t *testing.T) {
	cases := []struct {
		name     string
		rule     Rule
		mut      func(*Snapshot)
		subject  string
		observed string
	}{
		{"admin key without created_at", Rule{CheckID: "admin_key_rotation"},
			func(s *Snapshot) { s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "k"}) }, "k", "created_at not reported"},
		{"project key without owner_project_access", Rule{CheckID: "key_owner_lost_access"},
			func(s *Snapshot) { k := projectKey("k"); k.OwnerProjectAccess = ""; withProjectKey(s, k) }, "k", "owner_project_access not reported"},
		{"user without role", Rule{CheckID: "owner_count", Params: Params{"scope": StringValue("org")}},
			func(s *Snapshot) { s.OrgUsers = Loaded(OrgUser{ID: "u1", Role: strPtr("owner")}, OrgUser{ID: "u2"}) }, "u2", "role not reported"},
		{"user without is_scim_managed", Rule{CheckID: "user_not_scim"},
			func(s *Snapshot) { s.OrgUsers = Loaded(OrgUser{ID: "u"}) }, "u", "is_scim_managed not reported"},
		{"invite without status", Rule{CheckID: "invite_stale"},
			func(s *Snapshot) { s.Invites = Loaded(Invite{ID: "i", CreatedAt: ago(1)}) }, "i", "status not reported"},
		{"GPT without visibility", Rule{CheckID: "gpt_public_link"},
			func(s *Snapshot) { g := gpt("g"); g.Visibility = ""; withGPT(s, g) }, "g", "sharing.visibility not reported"},
		{"GPT without config", Rule{CheckID: "gpt_custom_actions"},
			func(s *Snapshot) { g := gpt("g"); g.Config = nil; withGPT(s, g) }, "g", "latest_config not reported"},
		{"action without auth_type", Rule{CheckID: "gpt_action_no_auth"},
			func(s *Snapshot) {
				g := gpt("g")
				g.Config.Tools = []GPTTool{{Type: "custom-action", ActionDomain: "api.example.com"}}
				withGPT(s, g)
			}, "g", "auth_type not reported"},
		{"shared GPT without permissions", Rule{CheckID: "gpt_shared_editable"},
			func(s *Snapshot) { g := gpt("g"); g.Visibility = "workspace"; g.Permissions = nil; withGPT(s, g) }, "g", "permissions not reported"},
		{"hosted tool state missing", Rule{CheckID: "project_hosted_tools", Params: Params{"allowed_tools": ListValue()}},
			func(s *Snapshot) {
				p := project("p")
				p.HostedToolPermissions = LoadedValue(HostedToolPermissions{Enabled: map[string]bool{}})
				s.Projects = Loaded(p)
			}, "p", "mcp state not reported"},
		{"active certificate without expiry", Rule{CheckID: "certificate_expiry"},
			func(s *Snapshot) { s.Certificates = Loaded(Certificate{ID: "c", Active: true}) }, "c", "expires_at not reported"},
		{"spend limit enforcement missing", Rule{CheckID: "spend_limit"},
			func(s *Snapshot) {
				s.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(500)})
			}, "organization", "enforcement status not reported"},
		{"org retention missing", Rule{CheckID: "data_retention", Params: Params{"mode": StringValue("zero_data_retention")}},
			func(s *Snapshot) { s.OrgDataRetention = LoadedValue(DataRetention{}) }, "organization", "retention type not reported"},
		{"invite with an unknown status", Rule{CheckID: "invite_high_privilege"},
			func(s *Snapshot) {
				s.Invites = Loaded(Invite{ID: "i", Status: "Pending", Role: "Owner", CreatedAt: ago(1)})
			}, "i", "organization role owner"},
		{"workspace user without role", Rule{CheckID: "owner_count", Params: Params{"scope": StringValue("workspace")}},
			func(s *Snapshot) {
				s.WorkspaceUsers = Loaded(WorkspaceUser{ID: "w1", Role: "account-owner", Status: "active"}, WorkspaceUser{ID: "w2", Status: "active"})
			}, "w2", "role not reported"},
		{"GPT tools not reported", Rule{CheckID: "gpt_custom_actions"},
			func(s *Snapshot) { g := gpt("g"); g.Config.ToolsNotReported = true; withGPT(s, g) }, "g", "tools not reported"},
		{"GPT files not reported", Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("*.pem")}},
			func(s *Snapshot) { g := gpt("g"); g.Config.FilesNotReported = true; withGPT(s, g) }, "g", "files not reported"},
		{"ChatGPT project files not reported", Rule{CheckID: "dlp_project_file", Params: Params{"patterns": ListValue("*.pem")}},
			func(s *Snapshot) { s.ChatGPTProjects = Loaded(ChatGPTProject{ID: "p", FilesNotReported: true}) }, "p", "files cannot be judged"},
		{"sharing permissions incomplete", Rule{CheckID: "gpt_shared_editable"},
			func(s *Snapshot) {
				g := gpt("g")
				g.Visibility = "workspace"
				g.Permissions = &GPTPermissions{CanRead: true, Incomplete: true}
				withGPT(s, g)
			}, "g", "not fully reported"},
		{"recipients truncated", Rule{CheckID: "gpt_shared_editable"},
			func(s *Snapshot) { g := gpt("g"); g.RecipientsIncomplete = true; withGPT(s, g) }, "g", "recipients not reported whole"},
		{"recipients incomplete and shared users unreadable", Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}},
			func(s *Snapshot) {
				g := gpt("g")
				g.RecipientsIncomplete = true
				g.SharedUsers = Unreadable[GPTRecipient]("GET shared_users", nil)
				withGPT(s, g)
			}, "g", "recipients cannot be judged"},
		{"conversation files not reported", Rule{CheckID: "dlp_conversation_file", Params: Params{"patterns": ListValue("*.pem")}},
			func(s *Snapshot) { s.Conversations = Loaded(Conversation{ID: "c", FilesNotReported: true}) }, "c", "files cannot all be judged"},
		{"GPT instructions not reported", Rule{CheckID: "dlp_gpt_instructions"},
			func(s *Snapshot) { g := gpt("g"); g.Config.InstructionsNotReported = true; withGPT(s, g) }, "g", "instructions not reported"},
		{"GPT tools truncated for the secret scan", Rule{CheckID: "dlp_gpt_instructions"},
			func(s *Snapshot) { g := gpt("g"); g.Config.ToolsNotReported = true; withGPT(s, g) }, "g", "action schemas cannot be judged"},
		{"audit event without time", Rule{CheckID: "risky_admin_events"},
			func(s *Snapshot) { s.AuditLogs = Loaded(AuditEvent{ID: "a", Type: "ip_allowlist.deleted"}) }, "a", "time not reported"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := emptySnapshot()
			tc.mut(&snap)
			rr := EvaluateRule(snap, tc.rule)
			found := false
			for _, f := range rr.Findings {
				found = found || (f.SubjectID == tc.subject && strings.Contains(f.Observed, tc.observed))
			}
			if !found {
				t.Errorf("want finding on %s observing %q; got %+v errors %v", tc.subject, tc.observed, rr.Findings, rr.Errors)
			}
		})
	}
}

func TestWorkspaceInactivity(t *testing.T) {
	snap := emptySnapshot()
	snap.WorkspaceUsers = Loaded(
		WorkspaceUser{ID: "user-busy", Email: "busy@example.com", Status: "active", CreatedAt: ago(400)},
		WorkspaceUser{ID: "user-quiet", Email: "quiet@example.com", Status: "active", CreatedAt: ago(400)},
		WorkspaceUser{ID: "user-new", Email: "new@example.com", Status: "active", CreatedAt: ago(5)},
		WorkspaceUser{ID: "user-gone", Email: "gone@example.com", Status: "inactive", CreatedAt: ago(400)},
	)
	snap.Conversations = Loaded(
		Conversation{ID: "c1", UserID: "user-busy", LastActiveAt: ago(3)},
		Conversation{ID: "c2", UserID: "user-quiet", LastActiveAt: ago(120)},
	)
	rr := EvaluateRule(snap, Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}})
	if len(rr.Errors) > 0 {
		t.Fatal(rr.Errors)
	}
	if len(rr.Findings) != 1 || rr.Findings[0].SubjectID != "user-quiet" || !strings.Contains(rr.Findings[0].Observed, "120 days") {
		t.Errorf("findings = %+v", rr.Findings)
	}
	// scope workspace does not need the Admin API.
	snap.OrgUsers = Collection[OrgUser]{}
	if rr := EvaluateRule(snap, Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}}); len(rr.Errors) > 0 {
		t.Errorf("workspace scope read org users: %v", rr.Errors)
	}
}

func TestSpendLimitAboveCap(t *testing.T) {
	snap := emptySnapshot()
	snap.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(5000000), Currency: "usd", Interval: "month", EnforcementStatus: "enforcing"})
	rr := EvaluateRule(snap, Rule{CheckID: "spend_limit", Params: Params{"max_monthly_usd": IntValue(10000)}})
	if len(rr.Findings) != 1 || !strings.Contains(rr.Findings[0].Observed, "limit 50000.00 USD a month") {
		t.Errorf("findings = %+v", rr.Findings)
	}
}

func TestFilePatterns(t *testing.T) {
	cases := []struct {
		pattern, name string
		match         bool
	}{
		{"*.pem", "server.PEM", true},
		{"*.pem", "server.pem.txt", false},
		{"id_rsa?", "id_rsa2", true},
		{"payroll*", "Payroll 2026.xlsx", true},
		{"re:^secret", "secrets.txt", true},
		{"re:^secret", "my-secret.txt", false},
		{"a.b", "axb", false},
	}
	for _, tc := range cases {
		p, err := compilePattern(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if p.match(tc.name) != tc.match {
			t.Errorf("%q vs %q: got %v", tc.pattern, tc.name, !tc.match)
		}
	}
}
