package posture

import (
	"testing"
)

// acceptAll returns one fingerprint waiver per finding of rr, as the adoption
// baseline writes them.
func acceptAll(rr RuleResult) []Waiver {
	var ws []Waiver
	for _, f := range rr.Findings {
		ws = append(ws, Waiver{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "accepted", Expires: "2026-12-31"})
	}
	return ws
}

// The aggregate-finding audit: for each check whose finding could change
// while keeping its identity, today's findings are accepted by fingerprint
// (the adoption baseline), then the same subject gets a new or a worse
// violation; it must fail, not ride on today's waiver.
func TestNewViolationOnAcceptedSubjectFails(t *testing.T) {
	admin := func(perms ...string) Role {
		return Role{ID: "role_custom", Name: "Custom", Permissions: perms, PermissionsReported: true, ResourceType: "api.organization", Predefined: boolPtr(false)}
	}
	owner := func(id string) OrgUser {
		return OrgUser{ID: id, Email: id + "@example.com", Role: strPtr("owner"), IsSCIMManaged: boolPtr(true)}
	}
	archived := func(keys ...string) Project {
		p := project("proj_old")
		p.Status = "archived"
		var ks []ProjectAPIKey
		for _, k := range keys {
			ks = append(ks, projectKey(k))
		}
		p.APIKeys = Loaded(ks...)
		return p
	}
	cases := []struct {
		name          string
		rule          Rule
		before, after func(*Snapshot)
	}{
		{"visibility not reported, then public", Rule{CheckID: "gpt_public_link"},
			func(s *Snapshot) { g := gpt("g-1"); g.Visibility = ""; withGPT(s, g) },
			func(s *Snapshot) { g := gpt("g-1"); g.Visibility = visibilityAnyoneWithLink; withGPT(s, g) }},
		{"owner gone, then another gone owner", Rule{CheckID: "gpt_orphaned"},
			func(s *Snapshot) { g := gpt("g-1"); g.OwnerID = "user-left-1"; withGPT(s, g) },
			func(s *Snapshot) { g := gpt("g-1"); g.OwnerID = "user-left-2"; withGPT(s, g) }},
		{"recipient may view config, then edit", Rule{CheckID: "gpt_shared_editable"},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Recipients[0].Permissions = &GPTPermissions{CanRead: true, CanViewConfig: true}
				withGPT(s, g)
			},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Recipients[0].Permissions = &GPTPermissions{CanRead: true, CanViewConfig: true, CanWrite: true}
				withGPT(s, g)
			}},
		{"action auth not reported, then none", Rule{CheckID: "gpt_action_no_auth"},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com", ActionOpenAPIRaw: "{}"}}
				withGPT(s, g)
			},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com", AuthType: "none", ActionOpenAPIRaw: "{}"}}
				withGPT(s, g)
			}},
		{"one more unnamed file", Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("*.pem")}},
			func(s *Snapshot) { g := gpt("g-1"); g.Config.UnnamedFiles = []string{"file-1"}; withGPT(s, g) },
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Config.UnnamedFiles = []string{"file-1", "file-2"}
				withGPT(s, g)
			}},
		{"one more action without its schema", Rule{CheckID: "dlp_gpt_instructions"},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "a.example.com"}}
				withGPT(s, g)
			},
			func(s *Snapshot) {
				g := gpt("g-1")
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "a.example.com"}, {Type: "custom_action", ActionDomain: "b.example.com"}}
				withGPT(s, g)
			}},
		{"spend limit not enforcing, then also above the maximum", Rule{CheckID: "spend_limit", Params: Params{"max_monthly_usd": IntValue(1000)}},
			func(s *Snapshot) {
				s.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(50000), Currency: "usd", Interval: "month", EnforcementStatus: "paused"})
			},
			func(s *Snapshot) {
				s.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(900000), Currency: "usd", Interval: "month", EnforcementStatus: "paused"})
			}},
		{"retention type changes to another undeclared type", Rule{CheckID: "data_retention", Params: Params{"mode": StringValue("zero_data_retention"), "include_projects": BoolValue(false)}},
			func(s *Snapshot) { s.OrgDataRetention = LoadedValue(DataRetention{Type: ""}) },
			func(s *Snapshot) { s.OrgDataRetention = LoadedValue(DataRetention{Type: "default"}) }},
		{"a custom role gains another administrative permission", Rule{CheckID: "role_admin_permissions"},
			func(s *Snapshot) { s.OrgRoles = Loaded(admin("api.groups.write")) },
			func(s *Snapshot) {
				s.OrgRoles = Loaded(admin("api.groups.write", "api.organization.admin_api_keys.write"))
			}},
		{"an archived project gets another key", Rule{CheckID: "archived_project_keys"},
			func(s *Snapshot) { s.Projects = Loaded(archived("key_1")) },
			func(s *Snapshot) { s.Projects = Loaded(archived("key_1", "key_2")) }},
		{"one more owner past the maximum", Rule{CheckID: "owner_count", Params: Params{"max_owners": IntValue(1), "scope": StringValue("org")}},
			func(s *Snapshot) { s.OrgUsers = Loaded(owner("a"), owner("b")) },
			func(s *Snapshot) { s.OrgUsers = Loaded(owner("a"), owner("b"), owner("c")) }},
		{"owner access not reported, then lost", Rule{CheckID: "key_owner_lost_access"},
			func(s *Snapshot) { k := projectKey("key_1"); k.OwnerProjectAccess = ""; withProjectKey(s, k) },
			func(s *Snapshot) { k := projectKey("key_1"); k.OwnerProjectAccess = "inactive"; withProjectKey(s, k) }},
		{"group SCIM flag not reported, then false", Rule{CheckID: "group_not_scim_managed"},
			func(s *Snapshot) { s.OrgGroups = Loaded(Group{ID: "group_1", Name: "g"}) },
			func(s *Snapshot) { s.OrgGroups = Loaded(Group{ID: "group_1", Name: "g", SCIMManaged: boolPtr(false)}) }},
		{"user SCIM flag not reported, then false", Rule{CheckID: "user_not_scim"},
			func(s *Snapshot) { s.OrgUsers = Loaded(OrgUser{ID: "user_1", Role: strPtr("reader")}) },
			func(s *Snapshot) {
				s.OrgUsers = Loaded(OrgUser{ID: "user_1", Role: strPtr("reader"), IsSCIMManaged: boolPtr(false)})
			}},
		{"hosted tool state not reported, then enabled", Rule{CheckID: "project_hosted_tools", Params: Params{"allowed_tools": ListValue("file_search")}},
			func(s *Snapshot) {
				p := project("proj_a")
				delete(p.HostedToolPermissions.Item.Enabled, "mcp")
				s.Projects = Loaded(p)
			},
			func(s *Snapshot) {
				p := project("proj_a")
				p.HostedToolPermissions.Item.Enabled["mcp"] = true
				s.Projects = Loaded(p)
			}},
		{"model permissions not configured, then a deny-list", Rule{CheckID: "project_model_permissions"},
			func(s *Snapshot) {
				p := project("proj_a")
				p.ModelPermissions = LoadedValue(ModelPermissions{})
				s.Projects = Loaded(p)
			},
			func(s *Snapshot) {
				p := project("proj_a")
				p.ModelPermissions = LoadedValue(ModelPermissions{Configured: true, Mode: "deny_list"})
				s.Projects = Loaded(p)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, after := emptySnapshot(), emptySnapshot()
			c.before(&before)
			c.after(&after)
			today := EvaluateRule(before, c.rule)
			if len(today.Errors) > 0 || len(today.Findings) == 0 {
				t.Fatalf("setup: want findings today, got %+v errors %+v", today.Findings, today.Errors)
			}
			adopted := c.rule
			adopted.Waivers = acceptAll(today)
			if rr := EvaluateRule(before, adopted); !rr.Passed() {
				t.Fatalf("setup: the fingerprint waivers do not accept today's findings: %+v", rr.Unwaived())
			}
			tomorrow := EvaluateRule(after, adopted)
			if len(tomorrow.Errors) > 0 {
				t.Fatalf("errors %+v", tomorrow.Errors)
			}
			if tomorrow.Passed() {
				t.Errorf("the new violation rides on today's waiver: %+v", tomorrow.Findings)
			}
		})
	}
}
