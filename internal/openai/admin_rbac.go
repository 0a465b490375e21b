package openai

import (
	"context"
	"net/url"
)

// Endpoint keys of the RBAC lists (roles, groups, group members and role
// assignments). They page with a `next` cursor (digest §1.4 style B).
const (
	EndpointRoles      = "GET /organization/roles"
	EndpointGroups     = "GET /organization/groups"
	EndpointGroupUsers = "GET /organization/groups/{group_id}/users"
	EndpointGroupRoles = "GET /organization/groups/{group_id}/roles"
	EndpointUserRoles  = "GET /organization/users/{user_id}/roles"
)

// rbacPageLimit: roles, groups, group users and role-assignment lists all
// accept limit up to 1000 (S1); 100 keeps pages comparable with the other
// admin lists and within every one of those ranges.
const rbacPageLimit = "100"

// ListRoles returns every organization role, predefined and custom.
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	return listAll(ctx, c, listSpec[Role]{
		api: apiAdmin, key: EndpointRoles, path: "/organization/roles",
		query: url.Values{"limit": {rbacPageLimit}, "order": {"asc"}},
		mode:  cursorNext, id: func(r *Role) string { return r.ID },
	})
}

// ListGroups returns every organization group.
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	return listAll(ctx, c, listSpec[Group]{
		api: apiAdmin, key: EndpointGroups, path: "/organization/groups",
		query: url.Values{"limit": {rbacPageLimit}, "order": {"asc"}},
		mode:  cursorNext, id: func(g *Group) string { return g.ID },
	})
}

// ListGroupUsers returns every member of one group.
func (c *Client) ListGroupUsers(ctx context.Context, groupID string) ([]GroupUser, error) {
	return listAll(ctx, c, listSpec[GroupUser]{
		api: apiAdmin, key: EndpointGroupUsers,
		path:  escapePath("/organization/groups/%s/users", groupID),
		query: url.Values{"limit": {rbacPageLimit}, "order": {"asc"}},
		mode:  cursorNext, id: func(u *GroupUser) string { return u.ID },
	})
}

// ListGroupRoles returns the organization roles assigned to one group.
func (c *Client) ListGroupRoles(ctx context.Context, groupID string) ([]Role, error) {
	return listAll(ctx, c, listSpec[Role]{
		api: apiAdmin, key: EndpointGroupRoles,
		path:  escapePath("/organization/groups/%s/roles", groupID),
		query: url.Values{"limit": {rbacPageLimit}, "order": {"asc"}},
		mode:  cursorNext, id: func(r *Role) string { return r.ID },
	})
}

// ListUserRoles returns the organization roles assigned to one user.
func (c *Client) ListUserRoles(ctx context.Context, userID string) ([]Role, error) {
	return listAll(ctx, c, listSpec[Role]{
		api: apiAdmin, key: EndpointUserRoles,
		path:  escapePath("/organization/users/%s/roles", userID),
		query: url.Values{"limit": {rbacPageLimit}, "order": {"asc"}},
		mode:  cursorNext, id: func(r *Role) string { return r.ID },
	})
}
