package openai

import (
	"context"
	"net/url"
)

// ListGPTs returns every live workspace GPT (drafts and third-party GPTs are
// not listed by the API) with sharing and latest config.
func (c *Client) ListGPTs(ctx context.Context) ([]GPT, error) {
	if err := c.checkCredentials(apiCompliance); err != nil {
		return nil, err
	}
	return listAll(ctx, c, c.gptsSpec())
}

// GetGPT returns one GPT.
func (c *Client) GetGPT(ctx context.Context, gptID string) (*GPT, error) {
	var out GPT
	if err := c.get(ctx, apiCompliance, EndpointComplianceGPT, c.compliancePath("/gpts/%s", gptID), url.Values{"file_format": {fileFormatID}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListGPTConfigs returns every config version of a GPT, newest first.
func (c *Client) ListGPTConfigs(ctx context.Context, gptID string) ([]GPTConfig, error) {
	return listAll(ctx, c, listSpec[GPTConfig]{
		api: apiCompliance, key: EndpointComplianceGPTConfigs, path: c.compliancePath("/gpts/%s/configs", gptID),
		query:         url.Values{"limit": {complianceDefaultLimit}, "file_format": {fileFormatID}},
		limitFallback: complianceSpecDefaultLimit,
		id:            func(g *GPTConfig) string { return g.ID },
	})
}

// ListGPTSharedUsers returns the users a GPT is directly shared with. The
// endpoint takes no limit; the server chooses the page size.
func (c *Client) ListGPTSharedUsers(ctx context.Context, gptID string) ([]WorkspaceUser, error) {
	return listAll(ctx, c, listSpec[WorkspaceUser]{
		api: apiCompliance, key: EndpointComplianceGPTSharedUsers, path: c.compliancePath("/gpts/%s/shared_users", gptID),
		id: func(u *WorkspaceUser) string { return u.ID },
	})
}
