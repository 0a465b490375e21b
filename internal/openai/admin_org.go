package openai

import (
	"context"
	"net/url"
)

// ListAdminAPIKeys returns every admin API key of the organization.
func (c *Client) ListAdminAPIKeys(ctx context.Context) ([]AdminAPIKey, error) {
	return listAll(ctx, c, listSpec[AdminAPIKey]{
		api: apiAdmin, key: EndpointAdminAPIKeys, path: "/organization/admin_api_keys",
		query: url.Values{"limit": {adminPageLimit}, "order": {"asc"}},
		mode:  cursorLastItem, id: func(k *AdminAPIKey) string { return k.ID },
	})
}

// ListUsers returns every organization member.
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return listAll(ctx, c, usersSpec())
}

// ListInvites returns every invite (pending, accepted and expired).
func (c *Client) ListInvites(ctx context.Context) ([]Invite, error) {
	return listAll(ctx, c, listSpec[Invite]{
		api: apiAdmin, key: EndpointInvites, path: "/organization/invites",
		query: url.Values{"limit": {adminPageLimit}},
		id:    func(i *Invite) string { return i.ID },
	})
}

// ListCertificates returns every organization certificate.
func (c *Client) ListCertificates(ctx context.Context) ([]Certificate, error) {
	return listAll(ctx, c, listSpec[Certificate]{
		api: apiAdmin, key: EndpointCertificates, path: "/organization/certificates",
		query: url.Values{"limit": {adminPageLimit}},
		id:    func(x *Certificate) string { return x.ID },
	})
}

// GetOrganizationDataRetention returns the organization data-retention setting.
func (c *Client) GetOrganizationDataRetention(ctx context.Context) (*DataRetention, error) {
	var out DataRetention
	if err := c.get(ctx, apiAdmin, EndpointOrgDataRetention, "/organization/data_retention", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetSpendLimit returns the organization spend limit. When none is set the
// API's behaviour is unconfirmed; a 404 is returned as an *APIError (see
// IsNotFound).
func (c *Client) GetSpendLimit(ctx context.Context) (*SpendLimit, error) {
	var out SpendLimit
	if err := c.get(ctx, apiAdmin, EndpointSpendLimit, "/organization/spend_limit", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
