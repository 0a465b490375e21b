package posture

import (
	"fmt"
	"sort"
	"strings"
)

var _ = register(Check{
	ID: "role_admin_permissions", Title: "Custom role grants administrative permissions", Severity: SeverityHigh,
	Description: "Flags custom organization roles that grant administrative permissions: whoever holds one can manage groups, roles, users, invites, projects or keys, and so can make themselves owner-equivalent. Predefined roles and project-scoped roles (resource_type api.project) are not judged. List roles that are meant to administer in allowed_roles.",
	Data: "Admin API roles (GET /organization/roles): permissions, resource_type, predefined_role. " +
		"Data: the spec lists no role permissions; a permission is administrative unless its last segment is \"read\" or it starts with api.model. or api.responses. (the model-use scopes the spec shows), so an unknown permission or a wildcard counts as administrative. A custom role without permissions, or with predefined_role not reported, is judged; one whose permissions are not reported is reported. Permissions compare case-insensitively (ASCII).",
	Remediation: "Remove the administrative permissions from the role (POST /organization/roles/{role_id}), or list the role id in allowed_roles if it is meant to administer.",
	SubjectKind: "org_role",
	Params: []ParamSpec{
		{Name: "allowed_roles", Kind: ParamStringList, Default: ListValue(), Description: "Role ids allowed to grant administrative permissions (exact ids, never names)."},
	},
	needs: needs(CollectionOrgRoles),
	run:   runRoleAdminPermissions,
})

var _ = register(Check{
	ID: "group_not_scim_managed", Title: "Group maintained by hand", Severity: SeverityLow, OptIn: true,
	Description: "Flags organization groups not managed through SCIM: their membership is not updated when people join, move or leave in the identity provider, so roles granted to the group outlive the reason for them. Opt-in: only organizations that provision through SCIM want it.",
	Data:        "Admin API groups (GET /organization/groups): is_scim_managed (required in the spec; a group without it is reported as not reported).",
	Remediation: "Recreate the group in your identity provider and push it through SCIM, or delete the hand-made group.",
	SubjectKind: "org_group",
	needs:       needs(CollectionOrgGroups),
	run: func(e *evalContext) {
		if !e.need(CollectionOrgGroups, e.snap.OrgGroups) {
			return
		}
		for _, g := range e.snap.OrgGroups.Items {
			f := Finding{SubjectID: g.ID, SubjectName: firstNonEmpty(g.Name, g.ID), Allowed: "is_scim_managed true"}
			switch {
			case g.SCIMManaged == nil:
				f.SubKey = "scim_not_reported" // apart from false: a waiver of one never covers the other
				f.Observed = "is_scim_managed not reported"
			case !*g.SCIMManaged:
				f.Observed = "is_scim_managed false: membership maintained by hand"
			default:
				continue
			}
			e.report(f)
		}
	},
})

func runRoleAdminPermissions(e *evalContext) {
	if !e.need(CollectionOrgRoles, e.snap.OrgRoles) {
		return
	}
	allowed := map[string]bool{}
	for _, id := range e.params.list("allowed_roles") {
		allowed[strings.TrimSpace(id)] = true
	}
	for _, r := range e.snap.OrgRoles.Items {
		if predefinedRole(r) || projectScopedRole(r) || allowed[r.ID] {
			continue
		}
		f := roleSubject(r)
		f.Allowed = "no administrative permissions on a custom role not listed in allowed_roles"
		if !r.PermissionsReported {
			f.SubKey = "permissions_not_reported"
			f.Observed = "permissions not reported; cannot tell whether the role is administrative"
			e.report(f)
			continue
		}
		// One finding per permission: a waiver accepting the role's
		// administrative permissions of today does not cover one added
		// later.
		for _, p := range administrativePermissions(r) {
			pf := f
			pf.SubKey = "permission:" + p
			pf.Observed = "grants administrative permissions: " + p
			e.report(pf)
		}
	}
}

func roleSubject(r Role) Finding {
	return Finding{SubjectKind: "org_role", SubjectID: r.ID, SubjectName: firstNonEmpty(r.Name, r.ID)}
}

// ownerEquivalentNeeds are what owner_count reads to find owners beyond
// role "owner": roles assigned to users directly and to groups, and the
// groups' members.
var ownerEquivalentNeeds = []CollectionID{CollectionOrgUserRoles, CollectionOrgGroups, CollectionOrgGroupUsers, CollectionOrgGroupRoles}

// addOwnerEquivalents adds to owners (user id -> label) every user who holds
// an owner-equivalent role directly or through a group, and reports each
// assigned role whose permissions are unknown. It returns false when some of
// that data could not be read: the count then cannot be trusted.
func addOwnerEquivalents(e *evalContext, owners map[string]ownerLabel) bool {
	ok := e.need(CollectionOrgUserRoles, e.snap.OrgUserRoles)
	ok = e.need(CollectionOrgGroups, e.snap.OrgGroups) && ok
	if !ok {
		return false
	}
	for _, g := range e.snap.OrgGroups.Items {
		ok = e.needFor(CollectionOrgGroupRoles, g.ID, g.Roles) && ok
		ok = e.needFor(CollectionOrgGroupUsers, g.ID, g.Members) && ok
	}
	if !ok {
		return false
	}
	// An index into the users, not a copy of them: at 100,000 users a map
	// of OrgUser values was the largest live object of a plan's peak.
	users := make(map[string]int, len(e.snap.OrgUsers.Items))
	for i := range e.snap.OrgUsers.Items {
		users[e.snap.OrgUsers.Items[i].ID] = i
	}
	unknown := map[string]bool{}
	grants := func(r Role, holder string) bool {
		equivalent, known := ownerEquivalence(r)
		if !known && !unknown[r.ID] {
			unknown[r.ID] = true
			f := roleSubject(r)
			f.SubKey = "permissions_not_reported"
			f.Observed = fmt.Sprintf("role assigned to %s with permissions not reported; cannot tell whether its holders are owners", holder)
			f.Allowed = "reported permissions"
			e.report(f)
		}
		return equivalent
	}
	// label and via are raw (the owner set's key) and shown (names quoted).
	add := func(id string, label, via ownerLabel) {
		if i, found := users[id]; found {
			u := &e.snap.OrgUsers.Items[i]
			if u.IsServiceAccount {
				return
			}
			label = personLabel(u.ID, u.Email, u.Name)
		}
		if _, already := owners[id]; !already {
			owners[id] = ownerLabel{raw: label.raw + " (" + via.raw + ")", text: label.text + " (" + via.text + ")"}
		}
	}
	for _, a := range e.snap.OrgUserRoles.Items {
		if grants(a.Role, "user "+a.UserID) {
			add(a.UserID, ownerLabel{a.UserID, a.UserID}, ownerLabel{
				raw:  "role " + firstNonEmpty(a.Role.Name, a.Role.ID),
				text: "role " + nameOrID(a.Role.ID, a.Role.Name),
			})
		}
	}
	for _, g := range e.snap.OrgGroups.Items {
		var granting []ownerLabel
		for _, r := range g.Roles.Items {
			if grants(r, "group "+g.ID) {
				granting = append(granting, ownerLabel{raw: firstNonEmpty(r.Name, r.ID), text: nameOrID(r.ID, r.Name)})
			}
		}
		if len(granting) == 0 {
			continue
		}
		sort.SliceStable(granting, func(i, j int) bool { return granting[i].raw < granting[j].raw })
		raw, text := make([]string, len(granting)), make([]string, len(granting))
		for i, r := range granting {
			raw[i], text[i] = r.raw, r.text
		}
		via := ownerLabel{
			raw:  "group " + firstNonEmpty(g.Name, g.ID) + ": " + strings.Join(raw, ", "),
			text: "group " + nameOrID(g.ID, g.Name) + ": " + strings.Join(text, ", "),
		}
		for _, m := range g.Members.Items {
			add(m.ID, personLabel(m.ID, m.Email, m.Name), via)
		}
	}
	return true
}
