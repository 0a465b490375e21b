package openaisim

import "fmt"

// Role is an organization role (GET /organization/roles). The same object,
// rendered as AssignedRoleDetails, answers the role-assignment lists.
type Role struct {
	ID          string   `json:"id" required:"true"`
	Name        string   `json:"name" required:"true"`
	Description string   `json:"description,omitempty"`
	Permissions []string `json:"permissions"`
	// ResourceType defaults to "api.organization".
	ResourceType   string `json:"resource_type,omitempty"`
	PredefinedRole bool   `json:"predefined_role,omitempty"`
	// OmitPermissions drops "permissions" from the response, to exercise
	// the fail-closed reading of a role whose permissions are unknown.
	OmitPermissions bool `json:"omit_permissions,omitempty"`
}

// Group is an organization group with its members and assigned roles.
type Group struct {
	ID            string `json:"id" required:"true"`
	Name          string `json:"name" required:"true"`
	CreatedAt     Time   `json:"created_at" required:"true"`
	IsSCIMManaged bool   `json:"is_scim_managed,omitempty"`
	GroupType     string `json:"group_type,omitempty" enum:"group|tenant_group"`
	// UserIDs are members (Fixture.Users ids); RoleIDs are organization
	// roles (Fixture.Roles ids) assigned to the group.
	UserIDs []string `json:"user_ids,omitempty"`
	RoleIDs []string `json:"role_ids,omitempty"`
}

// validateRBAC checks role and group ids and their cross references.
func (f *Fixture) validateRBAC(users map[string]*OrgUser) error {
	roles := map[string]bool{}
	for i, r := range f.Roles {
		p := fmt.Sprintf("roles[%d].id", i)
		if r.ID == "" {
			return fixErr(p, "empty id")
		}
		if roles[r.ID] {
			return fixErr(p, "duplicate role id %q", r.ID)
		}
		roles[r.ID] = true
	}
	for i, u := range f.Users {
		for j, id := range u.RoleIDs {
			if !roles[id] {
				return fixErr(fmt.Sprintf("users[%d].role_ids[%d]", i, j), "unknown role %q", id)
			}
		}
	}
	groups := map[string]bool{}
	for i, g := range f.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		if g.ID == "" {
			return fixErr(p+".id", "empty id")
		}
		if groups[g.ID] {
			return fixErr(p+".id", "duplicate group id %q", g.ID)
		}
		groups[g.ID] = true
		for j, id := range g.UserIDs {
			if users[id] == nil {
				return fixErr(fmt.Sprintf("%s.user_ids[%d]", p, j), "unknown user %q", id)
			}
		}
		for j, id := range g.RoleIDs {
			if !roles[id] {
				return fixErr(fmt.Sprintf("%s.role_ids[%d]", p, j), "unknown role %q", id)
			}
		}
	}
	return nil
}
