package openai

import (
	"context"
	"net/url"
)

// GetComplianceProject returns one ChatGPT project. The spec: a third-party
// project is returned only when published publicly, and then without owner
// and sharing.
func (c *Client) GetComplianceProject(ctx context.Context, projectID string) (*ComplianceProject, error) {
	var out ComplianceProject
	if err := c.get(ctx, apiCompliance, EndpointComplianceProject, c.compliancePath("/projects/%s", projectID), url.Values{"file_format": {fileFormatID}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListComplianceProjectConfigs returns every configuration version of a
// ChatGPT project, newest first.
func (c *Client) ListComplianceProjectConfigs(ctx context.Context, projectID string) ([]GPTConfig, error) {
	return listAll(ctx, c, listSpec[GPTConfig]{
		api: apiCompliance, key: EndpointComplianceProjectConfigs, path: c.compliancePath("/projects/%s/configs", projectID),
		query:         url.Values{"limit": {complianceDefaultLimit}, "file_format": {fileFormatID}},
		limitFallback: complianceSpecDefaultLimit,
		id:            func(g *GPTConfig) string { return g.ID },
	})
}

// ListComplianceProjectSharedUsers returns the users a ChatGPT project is
// directly shared with. Like the GPT endpoint it takes no limit.
func (c *Client) ListComplianceProjectSharedUsers(ctx context.Context, projectID string) ([]WorkspaceUser, error) {
	return listAll(ctx, c, listSpec[WorkspaceUser]{
		api: apiCompliance, key: EndpointComplianceProjectSharedUsers, path: c.compliancePath("/projects/%s/shared_users", projectID),
		id: func(u *WorkspaceUser) string { return u.ID },
	})
}
