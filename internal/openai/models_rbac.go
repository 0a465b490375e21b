package openai

// Role is an organization or project role (GET /organization/roles), and
// also the shape of a role assignment (AssignedRoleDetails, returned by
// GET /organization/users/{user_id}/roles and
// GET /organization/groups/{group_id}/roles): both carry id, name,
// permissions, resource_type and predefined_role.
type Role struct {
	Object      string  `json:"object"`
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	// Permissions nil: absent or null; a role whose permissions are unknown
	// may be administrative.
	Permissions *[]string `json:"permissions"`
	// ResourceType is "api.organization" or "api.project" in the spec's
	// examples (open set).
	ResourceType   *string `json:"resource_type"`
	PredefinedRole *bool   `json:"predefined_role"`
}

// Group is an organization group (GET /organization/groups).
type Group struct {
	Object        string    `json:"object"`
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	CreatedAt     Timestamp `json:"created_at"`
	IsSCIMManaged *bool     `json:"is_scim_managed"`
	// GroupType is "group" or "tenant_group" (open set).
	GroupType *string `json:"group_type"`
}

// GroupUser is one member of a group (GET /organization/groups/{id}/users).
type GroupUser struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Email *string `json:"email"`
}
