package posture

import "strings"

// The API's role and status vocabularies. The engine compares every such
// value case-insensitively (an "Owner" is an owner), and treats a value it
// does not know as something to report, never as the harmless choice: an
// unknown role may be privileged, an unknown status may still be live.

// Organization roles (Admin API User.role).
const (
	orgRoleOwner  = "owner"
	orgRoleReader = "reader"
)

// Workspace roles (Compliance API WorkspaceUser.role).
const (
	workspaceRoleOwner    = "account-owner"
	workspaceRoleAdmin    = "account-admin"
	workspaceRoleStandard = "standard-user"
)

// Project roles (Admin API ProjectUser.role, invite projects[].role).
const (
	projectRoleOwner  = "owner"
	projectRoleMember = "member"
)

// knownProjectRoles are the project roles the spec lists.
var knownProjectRoles = []string{projectRoleOwner, projectRoleMember}

// knownOrgRoles and knownWorkspaceRoles are the roles the specs list.
var (
	knownOrgRoles       = []string{orgRoleOwner, orgRoleReader}
	knownWorkspaceRoles = []string{workspaceRoleOwner, workspaceRoleAdmin, workspaceRoleStandard}
)

// isOrgOwner reports whether an organization role is owner.
func isOrgOwner(role string) bool { return strings.EqualFold(strings.TrimSpace(role), orgRoleOwner) }

// isWorkspaceOwnerOrAdmin reports whether a workspace role is account owner
// or account admin (the roles owner_count counts).
func isWorkspaceOwnerOrAdmin(role string) bool {
	role = strings.TrimSpace(role)
	return strings.EqualFold(role, workspaceRoleOwner) || strings.EqualFold(role, workspaceRoleAdmin)
}

// isKnownRole reports whether role is in known, case-insensitively.
func isKnownRole(known []string, role string) bool {
	return containsFold(known, strings.TrimSpace(role))
}

// Workspace user statuses: the spec lists active and inactive; live data has
// shown "deactivated" (digest §2.6).
var inactiveWorkspaceStatuses = []string{"inactive", "deactivated"}

// workspaceUserActive reports whether a workspace user's status is active,
// case-insensitively. Model helper WorkspaceUser.Active compares exactly.
func workspaceUserActive(u WorkspaceUser) bool {
	return strings.EqualFold(strings.TrimSpace(u.Status), "active")
}

// workspaceUserGone reports whether the status says the user is known to be
// deactivated. An empty or unknown status is not "gone": callers that must
// not skip a live user treat it as possibly active.
func workspaceUserGone(u WorkspaceUser) bool {
	return containsFold(inactiveWorkspaceStatuses, strings.TrimSpace(u.Status))
}

// sameWord compares two API enum values case-insensitively, ignoring
// surrounding blanks.
func sameWord(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), b) }
