// Package openai is a read-only client for the OpenAI Admin API and the
// ChatGPT Enterprise Compliance API, built for a posture-checking Terraform
// provider: every list method returns the whole collection or an error, so a
// caller never judges a partial view of the org.
package openai

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// apiKind selects base URL, key and pacing.
type apiKind int

const (
	apiAdmin apiKind = iota
	apiCompliance
)

// Client calls both APIs. It is safe for concurrent use; one Client should
// serve a whole provider instance so pacing is shared.
type Client struct {
	cfg            Config
	adminBase      string
	complianceBase string
	http           *http.Client
	pacer          *pacer
	pageSizes      pageSizes
}

// NewClient validates cfg and returns a Client. Keys are optional here (a
// configuration may use only one API); methods report a missing key.
func NewClient(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := ValidateBaseURL(cfg.AdminBaseURL); err != nil {
		return nil, fmt.Errorf("admin base URL: %w", err)
	}
	if err := ValidateBaseURL(cfg.ComplianceBaseURL); err != nil {
		return nil, fmt.Errorf("compliance base URL: %w", err)
	}
	c := &Client{
		cfg:            cfg,
		adminBase:      strings.TrimRight(cfg.AdminBaseURL, "/"),
		complianceBase: strings.TrimRight(cfg.ComplianceBaseURL, "/"),
		pacer:          newPacer(cfg.newLimiter, cfg.clock),
	}
	c.http = newHTTPClient(c, cfg.HTTPClient)
	return c, nil
}

// HasAdmin reports whether an admin key is configured.
func (c *Client) HasAdmin() bool { return c.cfg.AdminAPIKey != "" }

// HasCompliance reports whether a compliance key and workspace id are configured.
func (c *Client) HasCompliance() bool {
	return c.cfg.ComplianceAPIKey != "" && c.cfg.WorkspaceID != ""
}

// WorkspaceID returns the configured ChatGPT workspace id.
func (c *Client) WorkspaceID() string { return c.cfg.WorkspaceID }

func (c *Client) checkCredentials(api apiKind) error {
	if api == apiAdmin {
		if c.cfg.AdminAPIKey == "" {
			return &MissingCredentialsError{API: "Admin API", Missing: []string{"admin_api_key (OPENAI_ADMIN_KEY)"}}
		}
		return nil
	}
	var missing []string
	if c.cfg.ComplianceAPIKey == "" {
		missing = append(missing, "compliance_api_key (OPENAI_COMPLIANCE_API_KEY)")
	}
	if c.cfg.WorkspaceID == "" {
		missing = append(missing, "workspace_id (OPENAI_WORKSPACE_ID)")
	}
	if len(missing) > 0 {
		return &MissingCredentialsError{API: "Compliance API", Missing: missing}
	}
	return nil
}

// endpointAuth is what one API needs per request: where it lives, which key
// to send (and its name for errors), and the pacing rate.
type endpointAuth struct {
	base      string
	apiKey    string
	keyName   string
	perMinute float64
	admin     bool
}

func (c *Client) auth(api apiKind) endpointAuth {
	if api == apiCompliance {
		return endpointAuth{c.complianceBase, c.cfg.ComplianceAPIKey, KeyNameCompliance, c.cfg.ComplianceRequestsPerMinute, false}
	}
	return endpointAuth{c.adminBase, c.cfg.AdminAPIKey, KeyNameAdmin, c.cfg.AdminRequestsPerMinute, true}
}

// get performs one GET (one page) with pacing, retries and timeouts, and
// decodes a 2xx JSON body into out. key is the endpoint key; path is already
// escaped. The steps: pace, build the request, send it with retries under the
// total timeout, classify a failed send, read the body, turn a non-2xx status
// into an APIError, decode.
func (c *Client) get(ctx context.Context, api apiKind, key, path string, query url.Values, out any) error {
	if err := c.checkCredentials(api); err != nil {
		return err
	}
	auth := c.auth(api)
	st := &requestState{key: key, path: path, perMinute: auth.perMinute}
	callerCtx := ctx
	// Terraform's contexts carry no deadline. A page of a list is already
	// bounded by the list timeout; a lone GET gets the same bound, so even
	// waiting behind other callers in the pacer cannot last forever.
	ctx, cancelBound := context.WithTimeout(ctx, c.cfg.ListTimeout)
	defer cancelBound()
	ctx = context.WithValue(c.withLogging(ctx), requestStateKey{}, st)

	// Pace the first attempt outside the total timeout: waiting behind other
	// callers of the same endpoint is not this request being slow.
	if err := c.pacer.wait(ctx, key, path, auth.perMinute); err != nil {
		if callerCtx.Err() == nil && ctx.Err() != nil {
			return fmt.Errorf("%s: waiting for rate limiter: gave up after the %s list timeout: %w", key, c.cfg.ListTimeout, err)
		}
		return fmt.Errorf("%s: waiting for rate limiter: %w", key, err)
	}
	totalCtx, cancel := context.WithTimeout(ctx, c.cfg.TotalTimeout)
	defer cancel()

	req, err := c.buildRequest(totalCtx, auth, path, query)
	if err != nil {
		return fmt.Errorf("%s: building request: %w", key, err)
	}
	resp, err := c.retryClient(totalCtx, key).Do(req)
	attempts := int(st.attempts.Load())
	if err != nil {
		return c.sendError(ctx, totalCtx, key, attempts, err)
	}
	defer resp.Body.Close()

	body, err := c.readBody(key, resp, attempts)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		ae := c.apiError(key, auth.keyName, resp, body, attempts)
		ae.RetryAfterRefused = st.retryAfterRefused
		return ae
	}
	return c.decode(key, resp.Header.Get("Content-Type"), body, out)
}

// escapePath joins a path template's literal parts with escaped ids, so an id
// cannot add path segments or a query.
func escapePath(format string, ids ...string) string {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = url.PathEscape(id)
	}
	return fmt.Sprintf(format, args...)
}
