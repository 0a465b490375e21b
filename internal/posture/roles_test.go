package posture

import (
	"strings"
	"testing"
)

// observedFor returns the Observed text of every finding of rr, for messages.
func observedFor(rr RuleResult) string {
	var out []string
	for _, f := range rr.Findings {
		out = append(out, f.SubjectID+"/"+f.SubKey+": "+f.Observed)
	}
	return strings.Join(out, "; ")
}

func TestOwnerCountRolesAreCaseInsensitive(t *testing.T) {
	snap := emptySnapshot()
	snap.OrgUsers = Loaded(
		OrgUser{ID: "u1", Email: "a@example.com", Role: strPtr("Owner")},
		OrgUser{ID: "u2", Email: "b@example.com", Role: strPtr("OWNER")},
		OrgUser{ID: "u3", Email: "c@example.com", Role: strPtr("Reader")},
	)
	rr := run(t, snap, Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(0), "max_owners": IntValue(1), "scope": StringValue("org")}})
	f, ok := findingFor(rr, "organization")
	if !ok || !strings.Contains(f.Observed, `2 owners: "a@example.com", "b@example.com"`) {
		t.Errorf("Owner/OWNER not counted: %s", observedFor(rr))
	}
	if len(rr.Findings) != 1 {
		t.Errorf("Reader reported: %s", observedFor(rr))
	}

	snap.WorkspaceUsers = Loaded(
		WorkspaceUser{ID: "w1", Email: "a@example.com", Role: "Account-Owner", Status: "Active"},
		WorkspaceUser{ID: "w2", Email: "b@example.com", Role: "ACCOUNT-ADMIN", Status: "active"},
		WorkspaceUser{ID: "w3", Email: "c@example.com", Role: "account-admin", Status: "Deactivated"},
		WorkspaceUser{ID: "w4", Email: "d@example.com", Role: "Standard-User", Status: "active"},
	)
	rr = run(t, snap, Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(0), "max_owners": IntValue(1), "scope": StringValue("workspace")}})
	f, ok = findingFor(rr, "workspace")
	if !ok || !strings.Contains(f.Observed, `2 account owners and admins: "a@example.com", "b@example.com"`) || len(rr.Findings) != 1 {
		t.Errorf("workspace roles/statuses not compared case-insensitively: %s", observedFor(rr))
	}
}

// An unknown role or status could hide an owner: it is reported, never
// silently counted as a non-owner.
func TestOwnerCountUnknownRoleIsReported(t *testing.T) {
	snap := emptySnapshot()
	snap.OrgUsers = Loaded(
		OrgUser{ID: "u1", Email: "a@example.com", Role: strPtr("owner")},
		OrgUser{ID: "u2", Email: "b@example.com", Role: strPtr("admin")},
	)
	snap.WorkspaceUsers = Loaded(
		WorkspaceUser{ID: "w1", Email: "a@example.com", Role: "account-owner", Status: "active"},
		WorkspaceUser{ID: "w2", Email: "b@example.com", Role: "super-admin", Status: "active"},
		WorkspaceUser{ID: "w3", Email: "c@example.com", Role: "account-admin", Status: "suspended"},
	)
	rr := run(t, snap, Rule{CheckID: "owner_count"})
	want := map[string]string{
		"u2": `unknown role "admin"`,
		"w2": `unknown role "super-admin"`,
		"w3": `account-admin with unknown status "suspended"`,
	}
	for id, obs := range want {
		f, ok := findingFor(rr, id)
		if !ok || !strings.Contains(f.Observed, obs) {
			t.Errorf("%s: want %q; got %s", id, obs, observedFor(rr))
		}
	}
	if rr.Passed() {
		t.Error("passed with unknown roles")
	}
}

func TestStatusAndEnumComparisonsAreCaseInsensitive(t *testing.T) {
	t.Run("user_inactive judges an Active workspace user", func(t *testing.T) {
		snap := emptySnapshot()
		snap.WorkspaceUsers = Loaded(WorkspaceUser{ID: "w1", Email: "a@example.com", Role: "standard-user", Status: "Active", CreatedAt: ago(400)})
		rr := run(t, snap, Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}})
		if _, ok := findingFor(rr, "w1"); !ok {
			t.Errorf("an inactive user with status Active was skipped: %s", observedFor(rr))
		}
		// An unknown status may still be live: judged, not skipped.
		snap.WorkspaceUsers = Loaded(WorkspaceUser{ID: "w1", Email: "a@example.com", Role: "standard-user", Status: "pending", CreatedAt: ago(400)})
		if _, ok := findingFor(run(t, snap, Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}}), "w1"); !ok {
			t.Error("a user with an unknown status was skipped")
		}
	})
	cases := []struct {
		name string
		rule Rule
		mut  func(*Snapshot)
	}{
		{"gpt_orphaned owner Active", Rule{CheckID: "gpt_orphaned"}, func(s *Snapshot) {
			withGPT(s, gpt("g-1"))
			s.WorkspaceUsers = Loaded(WorkspaceUser{ID: "user-owner", Email: "owner@example.com", Role: "account-owner", Status: "ACTIVE"})
		}},
		{"invite_stale Pending", Rule{CheckID: "invite_stale"}, func(s *Snapshot) {
			s.Invites = Loaded(Invite{ID: "inv", Email: "x@example.com", Role: "reader", Status: "Pending", CreatedAt: ago(1)})
		}},
		{"key_user_owned Service_Account", Rule{CheckID: "key_user_owned", Params: Params{"projects": ListValue("*")}}, func(s *Snapshot) {
			k := projectKey("k")
			k.OwnerType = "Service_Account"
			withProjectKey(s, k)
		}},
		{"key_owner_lost_access Active", Rule{CheckID: "key_owner_lost_access"}, func(s *Snapshot) {
			k := projectKey("k")
			k.OwnerProjectAccess = "Active"
			withProjectKey(s, k)
		}},
		{"spend_limit Enforcing", Rule{CheckID: "spend_limit"}, func(s *Snapshot) {
			s.SpendLimit = LoadedValue(SpendLimit{Configured: true, EnforcementStatus: "Enforcing"})
		}},
		{"data_retention type case", Rule{CheckID: "data_retention", Params: Params{"mode": StringValue("zero_data_retention")}}, func(s *Snapshot) {
			s.OrgDataRetention = LoadedValue(DataRetention{Type: "Zero_Data_Retention"})
			p := project("p")
			p.DataRetention = LoadedValue(DataRetention{Type: "Organization_Default"})
			s.Projects = Loaded(p)
		}},
		{"project_model_permissions Allow_List", Rule{CheckID: "project_model_permissions"}, func(s *Snapshot) {
			p := project("p")
			p.ModelPermissions = LoadedValue(ModelPermissions{Configured: true, Mode: "Allow_List"})
			s.Projects = Loaded(p)
		}},
		{"gpt_shared_editable Invite-Only", Rule{CheckID: "gpt_shared_editable"}, func(s *Snapshot) {
			g := gpt("g-1")
			g.Visibility, g.Permissions = "Invite-Only", nil
			withGPT(s, g)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := emptySnapshot()
			tc.mut(&snap)
			if rr := run(t, snap, tc.rule); !rr.Passed() {
				t.Errorf("compliant data with differently-cased values failed: %s %v", observedFor(rr), rr.Errors)
			}
		})
	}
	t.Run("risky_admin_events SCIM.Disabled", func(t *testing.T) {
		snap := emptySnapshot()
		snap.AuditLogs = Loaded(AuditEvent{ID: "ev1", Type: "SCIM.Disabled", EffectiveAt: ago(1)})
		if _, ok := findingFor(run(t, snap, Rule{CheckID: "risky_admin_events"}), "ev1"); !ok {
			t.Error("a differently-cased risky event type was not flagged")
		}
	})
}
