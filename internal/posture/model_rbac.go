package posture

// Role is an organization role (GET /organization/roles), or a role as
// assigned to a user or group (AssignedRoleDetails carries the same fields).
type Role struct {
	ID          string
	Name        string
	Description string
	// Permissions nil with PermissionsReported false: the API did not send
	// them, so whether the role is administrative cannot be told.
	Permissions         []string
	PermissionsReported bool
	// ResourceType is "api.organization" or "api.project" in the spec's
	// examples; "" means not reported and is judged as organization-wide.
	ResourceType string
	// Predefined nil: not reported (judged as custom, which is checked).
	Predefined *bool
}

// Group is an organization group with its members and the organization
// roles assigned to it, each read from its own endpoint.
type Group struct {
	ID   string
	Name string
	// SCIMManaged nil: is_scim_managed not reported.
	SCIMManaged *bool
	// GroupType is "group" or "tenant_group"; "" means not reported.
	GroupType string
	Members   Collection[GroupMember]
	Roles     Collection[Role]
}

// GroupMember is one member of a group.
type GroupMember struct {
	ID    string
	Name  string
	Email string
}

// UserRoleAssignment is one organization role assigned directly to a user
// (GET /organization/users/{user_id}/roles).
type UserRoleAssignment struct {
	UserID string
	Role   Role
}
