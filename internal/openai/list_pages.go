package openai

import (
	"context"
	"net/url"
)

// Page-wise walks of the largest collections. Each hands every page's items
// to fn as it arrives (fn must not keep the slice), so the snapshot can keep
// the compact form it needs without ever holding the whole decoded list: at
// 100,000 users the decoded structs are several times the compact form. The
// walk is the same as the List method's (same requests, same checks of every
// page); on an error, what fn has seen is a partial list to be dropped.

// EachUsersPage walks GET /organization/users page by page (see ListUsers).
func (c *Client) EachUsersPage(ctx context.Context, fn func([]User) error) error {
	return eachPage(ctx, c, usersSpec(), fn)
}

// EachWorkspaceUsersPage walks the workspace users page by page (see
// ListWorkspaceUsers).
func (c *Client) EachWorkspaceUsersPage(ctx context.Context, fn func([]WorkspaceUser) error) error {
	return eachPage(ctx, c, c.workspaceUsersSpec(), fn)
}

// EachGPTsPage walks the workspace GPTs page by page (see ListGPTs).
func (c *Client) EachGPTsPage(ctx context.Context, fn func([]GPT) error) error {
	if err := c.checkCredentials(apiCompliance); err != nil {
		return err
	}
	return eachPage(ctx, c, c.gptsSpec(), fn)
}

func usersSpec() listSpec[User] {
	return listSpec[User]{
		api: apiAdmin, key: EndpointUsers, path: "/organization/users",
		query: url.Values{"limit": {adminPageLimit}},
		id:    func(u *User) string { return u.ID },
	}
}

func (c *Client) workspaceUsersSpec() listSpec[WorkspaceUser] {
	return listSpec[WorkspaceUser]{
		api: apiCompliance, key: EndpointComplianceUsers, path: c.compliancePath("/users"),
		query: url.Values{"limit": {complianceUsersLimit}},
		id:    func(u *WorkspaceUser) string { return u.ID },
	}
}

func (c *Client) gptsSpec() listSpec[GPT] {
	return listSpec[GPT]{
		api: apiCompliance, key: EndpointComplianceGPTs, path: c.compliancePath("/gpts"),
		query:         url.Values{"limit": {complianceDefaultLimit}, "file_format": {fileFormatID}},
		limitFallback: complianceSpecDefaultLimit,
		id:            func(g *GPT) string { return g.ID },
	}
}
