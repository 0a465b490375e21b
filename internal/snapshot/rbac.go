package snapshot

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Roles returns the organization's roles, predefined and custom.
func (l *Loader) Roles(ctx context.Context) ([]openai.Role, error) {
	return load(ctx, l, openai.EndpointRoles, l.client.ListRoles)
}

// Groups returns the organization's groups.
func (l *Loader) Groups(ctx context.Context) ([]openai.Group, error) {
	return load(ctx, l, openai.EndpointGroups, l.client.ListGroups)
}

// GroupUsers returns the members of one group.
func (l *Loader) GroupUsers(ctx context.Context, groupID string) ([]openai.GroupUser, error) {
	return load(ctx, l, openai.EndpointGroupUsers+"#"+groupID, bindProject(groupID, l.client.ListGroupUsers))
}

// GroupRoles returns the organization roles assigned to one group.
func (l *Loader) GroupRoles(ctx context.Context, groupID string) ([]openai.Role, error) {
	return load(ctx, l, openai.EndpointGroupRoles+"#"+groupID, bindProject(groupID, l.client.ListGroupRoles))
}

// UserRoles returns the organization roles assigned directly to one user.
func (l *Loader) UserRoles(ctx context.Context, userID string) ([]openai.Role, error) {
	return load(ctx, l, openai.EndpointUserRoles+"#"+userID, bindProject(userID, l.client.ListUserRoles))
}

func convertRole(r openai.Role) posture.Role {
	out := posture.Role{
		ID: r.ID, Name: r.Name, Description: openai.String(r.Description),
		ResourceType: openai.String(r.ResourceType), Predefined: r.PredefinedRole,
	}
	if r.Permissions != nil {
		out.Permissions, out.PermissionsReported = append([]string{}, *r.Permissions...), true
	}
	return out
}

func convertGroup(g openai.Group) posture.Group {
	return posture.Group{ID: g.ID, Name: g.Name, SCIMManaged: g.IsSCIMManaged, GroupType: openai.String(g.GroupType)}
}

func convertGroupUser(u openai.GroupUser) posture.GroupMember {
	return posture.GroupMember{ID: u.ID, Name: u.Name, Email: openai.String(u.Email)}
}

// groups reads the group list and, per group, the members and roles some
// rule needs.
func (l *Loader) groups(ctx context.Context, needs map[posture.CollectionID]bool) posture.Collection[posture.Group] {
	list, err := l.Groups(ctx)
	if err != nil {
		return posture.Unreadable[posture.Group](openai.EndpointGroups, err)
	}
	out := make([]posture.Group, len(list))
	g := errgroup.Group{}
	g.SetLimit(l.limit(ProjectFanOut))
	for i, grp := range list {
		out[i] = convertGroup(grp)
		g.Go(func() error {
			p := &out[i]
			if needs[posture.CollectionOrgGroupUsers] {
				v, err := l.GroupUsers(ctx, p.ID)
				p.Members = collection(v, err, convertGroupUser, replaceID(openai.EndpointGroupUsers, "{group_id}", p.ID))
			}
			if needs[posture.CollectionOrgGroupRoles] {
				v, err := l.GroupRoles(ctx, p.ID)
				p.Roles = collection(v, err, convertRole, replaceID(openai.EndpointGroupRoles, "{group_id}", p.ID))
			}
			return nil
		})
	}
	_ = g.Wait()
	return posture.Loaded(out...)
}

// userRoles reads the roles assigned directly to every organization user
// except service accounts (owner_count does not count them). The result is
// all or nothing: one user whose roles cannot be read makes the whole
// collection unreadable, naming that user's endpoint, since a missing user
// could be the one holding an administrative role.
func (l *Loader) userRoles(ctx context.Context) posture.Collection[posture.UserRoleAssignment] {
	roles, err := l.Roles(ctx)
	if err != nil {
		return posture.Unreadable[posture.UserRoleAssignment](openai.EndpointRoles, err)
	}
	matter := false
	for _, r := range roles {
		matter = matter || posture.RoleAssignmentsMatter(convertRole(r))
	}
	if !matter {
		// No role a user could hold directly makes them owner-equivalent
		// beyond what their own role field says: one request per user would
		// find nothing owner_count counts.
		return posture.Loaded[posture.UserRoleAssignment]()
	}
	users, err := l.Users(ctx)
	if err != nil {
		return posture.Unreadable[posture.UserRoleAssignment](openai.EndpointUsers, err)
	}
	per := make([][]posture.UserRoleAssignment, len(users.Engine))
	failures := make([]posture.Collection[posture.UserRoleAssignment], len(users.Engine))
	g := errgroup.Group{}
	g.SetLimit(l.limit(ProjectFanOut))
	for i, u := range users.Engine {
		if sa, sent := users.IsServiceAccount(i); sent && sa {
			continue
		}
		g.Go(func() error {
			roles, err := l.UserRoles(ctx, u.ID)
			if err != nil {
				failures[i] = posture.Unreadable[posture.UserRoleAssignment](replaceID(openai.EndpointUserRoles, "{user_id}", u.ID), err)
				return nil
			}
			for _, r := range roles {
				per[i] = append(per[i], posture.UserRoleAssignment{UserID: u.ID, Role: convertRole(r)})
			}
			return nil
		})
	}
	_ = g.Wait()
	var all []posture.UserRoleAssignment
	for i := range users.Engine {
		if failures[i].Err != nil {
			return failures[i]
		}
		all = append(all, per[i]...)
	}
	return posture.Loaded(all...)
}
