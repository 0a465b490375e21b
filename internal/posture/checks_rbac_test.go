package posture

import (
	"errors"
	"strings"
	"testing"
)

func customRole(id string, perms ...string) Role {
	return Role{ID: id, Name: "Role " + id, Permissions: perms, PermissionsReported: true, ResourceType: "api.organization", Predefined: boolPtr(false)}
}

func ownerRole() Role {
	return Role{ID: "role_owner", Name: "Owner", Permissions: []string{"api.organization.write"}, PermissionsReported: true, ResourceType: "api.organization", Predefined: boolPtr(true)}
}

func group(id string, scim bool, roles []Role, members ...GroupMember) Group {
	return Group{ID: id, Name: "Group " + id, SCIMManaged: boolPtr(scim), GroupType: "group", Members: Loaded(members...), Roles: Loaded(roles...)}
}

// rbacCheckCases are the five standard cases of the RBAC checks.
func rbacCheckCases() []checkCase {
	return []checkCase{
		{
			id: "role_admin_permissions",
			fail: func(s *Snapshot) {
				s.OrgRoles = Loaded(ownerRole(), customRole("role_groups", "api.groups.read", "api.groups.write"))
			},
			pass: func(s *Snapshot) {
				s.OrgRoles = Loaded(ownerRole(), customRole("role_groups", "api.groups.read", "api.model.request"),
					Role{ID: "role_proj", Permissions: []string{"api.organization.projects.api_keys.write"}, PermissionsReported: true, ResourceType: "api.project"})
			},
			subject: "role_groups", observed: "grants administrative permissions: api.groups.write",
			unreadable: func(s *Snapshot) { s.OrgRoles = Unreadable[Role]("", errForbidden) },
			collection: CollectionOrgRoles,
		},
		{
			id: "group_not_scim_managed",
			fail: func(s *Snapshot) {
				s.OrgGroups = Loaded(group("group_scim", true, nil), group("group_manual", false, nil))
			},
			pass: func(s *Snapshot) {
				s.OrgGroups = Loaded(group("group_scim", true, nil))
			},
			subject: "group_manual", observed: "is_scim_managed false",
			unreadable: func(s *Snapshot) { s.OrgGroups = Unreadable[Group]("", errors.New("HTTP 500")) },
			collection: CollectionOrgGroups,
		},
	}
}

func TestAdministrativePermissionReading(t *testing.T) {
	for p, want := range map[string]bool{
		"api.groups.write":                         true,
		"API.Groups.Write":                         true,
		"api.organization.projects.api_keys.write": true,
		"api.roles.manage":                         true,
		"api.*":                                    true,
		"api.something.new":                        true,
		"api.groups.read":                          false,
		"api.organization.projects.api_keys.read":  false,
		"api.model.request":                        false,
		"api.responses.write":                      false,
		" ":                                        false,
	} {
		if got := administrativePermission(p); got != want {
			t.Errorf("administrativePermission(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestRoleAdminPermissionsAllowListAndUnknown(t *testing.T) {
	snap := emptySnapshot()
	snap.OrgRoles = Loaded(
		customRole("role_groups", "api.groups.write"),
		Role{ID: "role_unknown", Name: "Mystery"},                                                     // permissions not reported
		Role{ID: "role_no_flag", Permissions: []string{"api.users.write"}, PermissionsReported: true}, // predefined_role and resource_type not reported
	)
	rr := run(t, snap, Rule{CheckID: "role_admin_permissions", Params: Params{"allowed_roles": ListValue("role_groups")}})
	if _, ok := findingFor(rr, "role_groups"); ok {
		t.Errorf("allow-listed role reported: %s", observedFor(rr))
	}
	if f, ok := findingFor(rr, "role_unknown"); !ok || f.SubKey != "permissions_not_reported" {
		t.Errorf("role without permissions not reported: %s", observedFor(rr))
	}
	if _, ok := findingFor(rr, "role_no_flag"); !ok {
		t.Errorf("role without predefined_role/resource_type not judged: %s", observedFor(rr))
	}
	// An allow-list names ids, never names.
	rr = run(t, snap, Rule{CheckID: "role_admin_permissions", Params: Params{"allowed_roles": ListValue("Role role_groups")}})
	if _, ok := findingFor(rr, "role_groups"); !ok {
		t.Errorf("allow-list matched a role name: %s", observedFor(rr))
	}
}

func TestGroupNotSCIMManagedUnreported(t *testing.T) {
	snap := emptySnapshot()
	g := group("group_x", true, nil)
	g.SCIMManaged = nil
	snap.OrgGroups = Loaded(g)
	rr := run(t, snap, Rule{CheckID: "group_not_scim_managed"})
	if f, ok := findingFor(rr, "group_x"); !ok || !strings.Contains(f.Observed, "not reported") {
		t.Errorf("group without is_scim_managed passed: %s", observedFor(rr))
	}
}

func ownerCountOrg(t *testing.T, snap Snapshot, maxOwners int64) RuleResult {
	t.Helper()
	return run(t, snap, Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(0), "max_owners": IntValue(maxOwners), "scope": StringValue("org")}})
}

// Owners are not only users with role "owner": a custom administrative role
// assigned directly, and a group holding the owner role, count their
// holders, each once.
func TestOwnerCountCountsOwnerEquivalents(t *testing.T) {
	snap := emptySnapshot()
	snap.OrgUsers = Loaded(
		OrgUser{ID: "u1", Email: "owner@example.com", Role: strPtr("owner")},
		OrgUser{ID: "u2", Email: "admin-role@example.com", Role: strPtr("reader")},
		OrgUser{ID: "u3", Email: "group-member@example.com", Role: strPtr("reader")},
		OrgUser{ID: "u4", Email: "reader@example.com", Role: strPtr("reader")},
		OrgUser{ID: "sa", Email: "bot@example.com", Role: strPtr("reader"), IsServiceAccount: true},
	)
	snap.OrgUserRoles = Loaded(
		UserRoleAssignment{UserID: "u2", Role: customRole("role_admin", "api.users.write")},
		UserRoleAssignment{UserID: "u4", Role: customRole("role_ro", "api.groups.read")},
	)
	snap.OrgGroups = Loaded(
		group("g_owners", true, []Role{ownerRole()}, GroupMember{ID: "u1"}, GroupMember{ID: "u3", Email: "group-member@example.com"}, GroupMember{ID: "sa"}),
		group("g_readers", true, []Role{customRole("role_ro", "api.groups.read")}, GroupMember{ID: "u4"}),
	)
	rr := ownerCountOrg(t, snap, 1)
	f, ok := findingFor(rr, "organization")
	if !ok || !strings.Contains(f.Observed, "3 owners") ||
		!strings.Contains(f.Observed, `"admin-role@example.com" (role "Role role_admin")`) ||
		!strings.Contains(f.Observed, `"group-member@example.com" (group "Group g_owners": "Owner")`) ||
		strings.Contains(f.Observed, "reader@example.com") || strings.Contains(f.Observed, "bot@example.com") {
		t.Fatalf("owner-equivalents not counted right: %s", observedFor(rr))
	}
	// The owner set is keyed by the raw labels (names quoted only in
	// Observed): the sub-key, and so waivers by fingerprint, stayed.
	if f.SubKey != "owners:3:e35968c840bf07af231fd111317d8835" {
		t.Errorf("SubKey = %q, want owners:3:e35968c840bf07af231fd111317d8835 (keyed by the raw labels)", f.SubKey)
	}
	if rr := ownerCountOrg(t, snap, 3); !rr.Passed() {
		t.Errorf("3 owners within max 3 did not pass: %s", observedFor(rr))
	}
}

// A role whose permissions are unknown, held by a group, is reported: its
// members might be owners.
func TestOwnerCountRoleWithUnknownPermissions(t *testing.T) {
	snap := emptySnapshot()
	snap.OrgUsers = Loaded(OrgUser{ID: "u1", Role: strPtr("owner")}, OrgUser{ID: "u2", Role: strPtr("reader")})
	snap.OrgGroups = Loaded(group("g", true, []Role{{ID: "role_x", Name: "X"}}, GroupMember{ID: "u2"}))
	rr := ownerCountOrg(t, snap, 4)
	if f, ok := findingFor(rr, "role_x"); !ok || f.SubKey != "permissions_not_reported" || rr.Passed() {
		t.Fatalf("unknown role permissions passed: %s", observedFor(rr))
	}
}

// owner_count fails closed when any role or group data is unreadable.
func TestOwnerCountFailsClosedOnRBACData(t *testing.T) {
	base := func() Snapshot {
		s := emptySnapshot()
		s.OrgUsers = Loaded(OrgUser{ID: "u1", Role: strPtr("owner")})
		return s
	}
	cases := map[CollectionID]func(*Snapshot){
		CollectionOrgUserRoles: func(s *Snapshot) {
			s.OrgUserRoles = Unreadable[UserRoleAssignment]("GET /v1/organization/users/u1/roles", errForbidden)
		},
		CollectionOrgGroups: func(s *Snapshot) { s.OrgGroups = Unreadable[Group]("", errForbidden) },
		CollectionOrgGroupUsers: func(s *Snapshot) {
			g := group("g1", true, nil)
			g.Members = Unreadable[GroupMember]("", errors.New("HTTP 500"))
			s.OrgGroups = Loaded(g)
		},
		CollectionOrgGroupRoles: func(s *Snapshot) {
			g := group("g1", true, nil)
			g.Roles = Collection[Role]{}
			s.OrgGroups = Loaded(g)
		},
	}
	for id, breakIt := range cases {
		snap := base()
		breakIt(&snap)
		rr := ownerCountOrg(t, snap, 4)
		if rr.Passed() || len(rr.Errors) == 0 || rr.Errors[0].Collection != id {
			t.Errorf("%s unreadable: passed=%v errors=%v", id, rr.Passed(), rr.Errors)
			continue
		}
		if id == CollectionOrgGroupRoles && !strings.Contains(rr.Errors[0].Endpoint, "/groups/g1/roles") {
			t.Errorf("endpoint does not name the group: %s", rr.Errors[0].Endpoint)
		}
	}
	// The workspace scope does not read the organization's RBAC data.
	if ids := Needs([]Rule{{CheckID: "owner_count", Params: Params{"scope": StringValue("workspace")}}}); len(ids) != 1 || ids[0] != CollectionWorkspaceUsers {
		t.Errorf("workspace scope needs %v", ids)
	}
}
