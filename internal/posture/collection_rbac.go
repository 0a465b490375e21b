package posture

// RBAC collections (digest §1.8).
const (
	// CollectionOrgRoles is the organization's role catalog.
	CollectionOrgRoles CollectionID = "org_roles"
	// CollectionOrgGroups is the group list.
	CollectionOrgGroups CollectionID = "org_groups"
	// CollectionOrgGroupUsers and CollectionOrgGroupRoles are read once per
	// group (Group.Members, Group.Roles); they imply the group list.
	CollectionOrgGroupUsers CollectionID = "org_group_users"
	CollectionOrgGroupRoles CollectionID = "org_group_roles"
	// CollectionOrgUserRoles are the roles assigned directly to each
	// organization user (Snapshot.OrgUserRoles), read once per user; they
	// imply the user list.
	CollectionOrgUserRoles CollectionID = "org_user_roles"
)

func init() {
	collectionEndpoints[CollectionOrgRoles] = "GET /v1/organization/roles"
	collectionEndpoints[CollectionOrgGroups] = "GET /v1/organization/groups"
	collectionEndpoints[CollectionOrgGroupUsers] = "GET /v1/organization/groups/{group_id}/users"
	collectionEndpoints[CollectionOrgGroupRoles] = "GET /v1/organization/groups/{group_id}/roles"
	collectionEndpoints[CollectionOrgUserRoles] = "GET /v1/organization/users/{user_id}/roles"
}

// impliedCollections: needing the key means needing the value too, since
// the key is read per item of the value.
var impliedCollections = map[CollectionID]CollectionID{
	CollectionOrgGroupUsers: CollectionOrgGroups,
	CollectionOrgGroupRoles: CollectionOrgGroups,
	CollectionOrgUserRoles:  CollectionOrgUsers,
}
