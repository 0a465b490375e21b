package openai

import (
	"context"
	"net/url"
)

// compliancePath prefixes p with the configured workspace.
func (c *Client) compliancePath(format string, ids ...string) string {
	return escapePath("/compliance/workspaces/%s"+format, append([]string{c.cfg.WorkspaceID}, ids...)...)
}

// fileFormatID asks for file ids instead of signed download URLs: the posture
// engine needs names, not content, and signed URLs must not reach state.
const fileFormatID = "id"

// ListWorkspaceUsers returns every ChatGPT workspace member.
func (c *Client) ListWorkspaceUsers(ctx context.Context) ([]WorkspaceUser, error) {
	return listAll(ctx, c, c.workspaceUsersSpec())
}

// ListComplianceProjects returns every ChatGPT project with its latest config.
func (c *Client) ListComplianceProjects(ctx context.Context) ([]ComplianceProject, error) {
	return listAll(ctx, c, listSpec[ComplianceProject]{
		api: apiCompliance, key: EndpointComplianceProjects, path: c.compliancePath("/projects"),
		query:         url.Values{"limit": {complianceDefaultLimit}, "file_format": {fileFormatID}},
		limitFallback: complianceSpecDefaultLimit,
		id:            func(p *ComplianceProject) string { return p.ID },
	})
}
