package posture

import "strings"

// Reading of "administrative permission" (the spec has no list of role
// permissions). Permission strings share the API key scope namespace and are
// dotted, `api.<resource>[.<sub-resource>].<action>`: the spec shows
// api.groups.read / api.groups.write (an organization role),
// api.organization.projects.api_keys.read / .write (a project role), and
// api.model.request / api.responses.write (API key scopes for calling
// models). A permission is administrative unless it is
//   - read-only: its last segment is "read", or
//   - model use: it starts with api.model. or api.responses.
// Everything else is administrative: a write on groups, roles, users,
// invites, projects, keys or organization settings lets the holder grant
// themselves more (join an owner group, assign a role, mint a key), and a
// permission this reading does not know, or a wildcard, may do the same.
// The reading errs towards flagging: a role it calls administrative by
// mistake is a finding to waive, never a wrong pass.

// modelUsePrefixes are the permission families that only call models.
var modelUsePrefixes = []string{"api.model.", "api.responses."}

// administrativePermission reports whether one permission string grants
// organization administration. Compared case-insensitively (ASCII).
func administrativePermission(p string) bool {
	p = asciiLower(strings.TrimSpace(p))
	if p == "" {
		return false
	}
	if strings.Contains(p, "*") {
		return true
	}
	if strings.HasSuffix(p, ".read") {
		return false
	}
	for _, prefix := range modelUsePrefixes {
		if strings.HasPrefix(p, prefix) {
			return false
		}
	}
	return true
}

// administrativePermissions returns the role's administrative permissions,
// in the role's order.
func administrativePermissions(r Role) []string {
	var out []string
	for _, p := range r.Permissions {
		if administrativePermission(p) {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// projectScopedRole reports whether a role is bound to projects, so it
// grants nothing organization-wide. Any other resource type, reported or
// not, is judged as organization-wide.
func projectScopedRole(r Role) bool {
	return asciiLower(strings.TrimSpace(r.ResourceType)) == "api.project"
}

func predefinedRole(r Role) bool { return r.Predefined != nil && *r.Predefined }

// ownerEquivalence says whether holding a role makes a principal
// owner-equivalent: the predefined owner role, or an organization-wide role
// with an administrative permission. known is false when the role's
// permissions were not reported (and it is not the predefined owner role).
func ownerEquivalence(r Role) (equivalent, known bool) {
	if projectScopedRole(r) {
		return false, true
	}
	if predefinedRole(r) && isOrgOwner(r.Name) {
		return true, true
	}
	if !r.PermissionsReported {
		return false, false
	}
	return len(administrativePermissions(r)) > 0, true
}

// AdministrativePermissions returns the permissions this package reads as
// administrative (see the reading above), for data sources that show it.
func AdministrativePermissions(permissions []string) []string {
	return administrativePermissions(Role{Permissions: permissions})
}

// RoleAssignmentsMatter reports whether holding role r could make a user
// owner-equivalent in a way the user's own `role` field does not show: an
// organization-wide custom role with an administrative permission, or one
// whose permissions are not reported. The predefined owner role is what the
// user's `role = "owner"` already says (an assumption, listed in the API
// assumptions guide), and project-scoped roles grant nothing organization
// wide.
//
// Why it exists: the API lists role assignments only per user, one request
// per user. When no role in the organization's role list matters, the
// loader skips those requests (100,000 on a large org) without losing
// anything owner_count could find.
func RoleAssignmentsMatter(r Role) bool {
	if predefinedRole(r) && isOrgOwner(r.Name) {
		return false
	}
	equivalent, known := ownerEquivalence(r)
	return equivalent || !known
}
