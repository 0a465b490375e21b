package openaisim

// RBAC handlers: organization roles, groups, group members and role
// assignments (digest §1.8). These lists use the "style B" envelope
// {object, data, has_more, next}; `after` takes the previous page's next.

// Endpoint keys of the RBAC lists.
const (
	EndpointAdminRoles      = "GET /organization/roles"
	EndpointAdminGroups     = "GET /organization/groups"
	EndpointAdminGroupUsers = "GET /organization/groups/{group_id}/users"
	EndpointAdminGroupRoles = "GET /organization/groups/{group_id}/roles"
	EndpointAdminUserRoles  = "GET /organization/users/{user_id}/roles"
)

// rbacEndpoints are appended to the routing table.
func rbacEndpoints() []endpointSpec {
	return []endpointSpec{
		{EndpointAdminRoles, apiAdmin, false, (*Server).listRoles},
		{EndpointAdminGroups, apiAdmin, false, (*Server).listGroups},
		{EndpointAdminGroupUsers, apiAdmin, false, (*Server).listGroupUsers},
		{EndpointAdminGroupRoles, apiAdmin, false, (*Server).listGroupRoles},
		{EndpointAdminUserRoles, apiAdmin, false, (*Server).listUserRoles},
	}
}

// nextList is the style-B list envelope.
type nextList struct {
	Object  string  `json:"object"`
	Data    []any   `json:"data"`
	HasMore bool    `json:"has_more"`
	Next    *string `json:"next"`
}

func (p page) next() nextList {
	out := nextList{Object: "list", Data: p.data, HasMore: p.hasMore}
	if out.Data == nil {
		out.Data = []any{}
	}
	if n := len(p.ids); n > 0 && p.hasMore {
		out.Next = strp(p.ids[n-1])
	}
	return out
}

// rbacPage pages items with the style-B limits: 1..1000 (the spec allows
// 0; the simulator refuses it like any out-of-range limit).
func rbacPage[T any](rc *reqCtx, items []T, def int, id func(T) string, render func(T) any) (any, *apiError) {
	limit, e := parseLimit(rc.q, def, 1000)
	if e != nil {
		return nil, e
	}
	return paginate(items, id, render, rc.q.Get("after"), "", limit).next(), nil
}

func renderRole(r Role) any { return roleFields(r) }

func roleFields(r Role) map[string]any {
	out := map[string]any{
		"object":          "role",
		"id":              r.ID,
		"name":            r.Name,
		"description":     nil,
		"resource_type":   orDefault(r.ResourceType, "api.organization"),
		"predefined_role": r.PredefinedRole,
	}
	if r.Description != "" {
		out["description"] = r.Description
	}
	if !r.OmitPermissions {
		perms := append([]string{}, r.Permissions...)
		out["permissions"] = perms
	}
	return out
}

// renderAssignedRole is AssignedRoleDetails: the role plus nullable audit
// fields.
func renderAssignedRole(r Role) any {
	out := roleFields(r)
	delete(out, "object")
	for _, k := range []string{"created_at", "updated_at", "created_by", "created_by_user_obj", "metadata", "assignment_sources"} {
		out[k] = nil
	}
	return out
}

func (rc *reqCtx) rolesByID(ids []string) []Role {
	var out []Role
	for _, id := range ids {
		for _, r := range rc.fx.Roles {
			if r.ID == id {
				out = append(out, r)
			}
		}
	}
	return out
}

func (rc *reqCtx) group(id string) (*Group, *apiError) {
	for i := range rc.fx.Groups {
		if rc.fx.Groups[i].ID == id {
			return &rc.fx.Groups[i], nil
		}
	}
	return nil, errNotFound("No such group: '%s'.", id)
}

func roleID(r Role) string { return r.ID }

func (s *Server) listRoles(rc *reqCtx) (any, *apiError) {
	return rbacPage(rc, rc.fx.Roles, 1000, roleID, renderRole)
}

func (s *Server) listGroups(rc *reqCtx) (any, *apiError) {
	return rbacPage(rc, rc.fx.Groups, 100, func(g Group) string { return g.ID }, func(g Group) any {
		return map[string]any{
			"id":              g.ID,
			"name":            g.Name,
			"created_at":      tsInt(g.CreatedAt, rc.now),
			"is_scim_managed": g.IsSCIMManaged,
			"group_type":      orDefault(g.GroupType, "group"),
		}
	})
}

func (s *Server) listGroupUsers(rc *reqCtx) (any, *apiError) {
	g, e := rc.group(rc.params["group_id"])
	if e != nil {
		return nil, e
	}
	var members []OrgUser
	for _, id := range g.UserIDs {
		if u := rc.orgUser(id); u != nil {
			members = append(members, *u)
		}
	}
	return rbacPage(rc, members, 100, func(u OrgUser) string { return u.ID }, func(u OrgUser) any {
		var email any
		if u.Email != "" {
			email = u.Email
		}
		return map[string]any{"id": u.ID, "name": u.Name, "email": email}
	})
}

func (s *Server) listGroupRoles(rc *reqCtx) (any, *apiError) {
	g, e := rc.group(rc.params["group_id"])
	if e != nil {
		return nil, e
	}
	return rbacPage(rc, rc.rolesByID(g.RoleIDs), 100, roleID, renderAssignedRole)
}

func (s *Server) listUserRoles(rc *reqCtx) (any, *apiError) {
	u := rc.orgUser(rc.params["user_id"])
	if u == nil {
		return nil, errNotFound("No such user: '%s'.", rc.params["user_id"])
	}
	return rbacPage(rc, rc.rolesByID(u.RoleIDs), 100, roleID, renderAssignedRole)
}
