package openai

import (
	"context"
	"net/url"
)

// ListProjects returns every API project, archived ones included
// (include_archived=true): an archived project can still hold keys and
// service accounts worth reporting.
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	return listAll(ctx, c, listSpec[Project]{
		api: apiAdmin, key: EndpointProjects, path: "/organization/projects",
		query: url.Values{"limit": {adminPageLimit}, "include_archived": {"true"}},
		id:    func(p *Project) string { return p.ID },
	})
}

// ListProjectAPIKeys returns every API key of a project whatever its owner's
// access (owner_project_access=any); without it the API hides keys whose
// owner lost project access, exactly the keys a posture check wants.
func (c *Client) ListProjectAPIKeys(ctx context.Context, projectID string) ([]ProjectAPIKey, error) {
	keys, err := listAll(ctx, c, listSpec[ProjectAPIKey]{
		api: apiAdmin, key: EndpointProjectAPIKeys,
		path:  escapePath("/organization/projects/%s/api_keys", projectID),
		query: url.Values{"limit": {adminPageLimit}, "owner_project_access": {"any"}},
		id:    func(k *ProjectAPIKey) string { return k.ID },
	})
	for i := range keys {
		keys[i].ProjectID = projectID
	}
	return keys, err
}

// ListProjectServiceAccounts returns every service account of a project.
func (c *Client) ListProjectServiceAccounts(ctx context.Context, projectID string) ([]ProjectServiceAccount, error) {
	sas, err := listAll(ctx, c, listSpec[ProjectServiceAccount]{
		api: apiAdmin, key: EndpointProjectServiceAccounts,
		path:  escapePath("/organization/projects/%s/service_accounts", projectID),
		query: url.Values{"limit": {adminPageLimit}},
		id:    func(s *ProjectServiceAccount) string { return s.ID },
	})
	for i := range sas {
		sas[i].ProjectID = projectID
	}
	return sas, err
}

// ListProjectUsers returns every member of a project.
func (c *Client) ListProjectUsers(ctx context.Context, projectID string) ([]ProjectUser, error) {
	users, err := listAll(ctx, c, listSpec[ProjectUser]{
		api: apiAdmin, key: EndpointProjectUsers,
		path:  escapePath("/organization/projects/%s/users", projectID),
		query: url.Values{"limit": {adminPageLimit}},
		id:    func(u *ProjectUser) string { return u.ID },
	})
	for i := range users {
		users[i].ProjectID = projectID
	}
	return users, err
}

// GetProjectDataRetention returns a project's data-retention setting.
func (c *Client) GetProjectDataRetention(ctx context.Context, projectID string) (*DataRetention, error) {
	var out DataRetention
	if err := c.get(ctx, apiAdmin, EndpointProjectDataRetention, escapePath("/organization/projects/%s/data_retention", projectID), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectHostedToolPermissions returns which hosted tools a project allows.
func (c *Client) GetProjectHostedToolPermissions(ctx context.Context, projectID string) (*HostedToolPermissions, error) {
	var out HostedToolPermissions
	if err := c.get(ctx, apiAdmin, EndpointProjectHostedToolPermissions, escapePath("/organization/projects/%s/hosted_tool_permissions", projectID), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectModelPermissions returns a project's model allow/deny list.
func (c *Client) GetProjectModelPermissions(ctx context.Context, projectID string) (*ModelPermissions, error) {
	var out ModelPermissions
	if err := c.get(ctx, apiAdmin, EndpointProjectModelPermissions, escapePath("/organization/projects/%s/model_permissions", projectID), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
