// Package openai is a read-only client for the OpenAI Admin API and the
// ChatGPT Enterprise Compliance API, built for a posture-checking Terraform
// provider: every list method returns the whole collection or an error, so a
// caller never judges a partial view of the org.
package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
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
		pacer:          newPacer(cfg.newLimiter),
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

// nonRetryable marks an error from the response handler that retrying cannot fix.
type nonRetryable struct{ err error }

func (e *nonRetryable) Error() string { return e.err.Error() }
func (e *nonRetryable) Unwrap() error { return e.err }

// get performs one GET (one page) with pacing, retries and timeouts, and
// decodes a 2xx JSON body into out. key is the endpoint key; path is already
// escaped.
func (c *Client) get(ctx context.Context, api apiKind, key, path string, query url.Values, out any) error {
	if err := c.checkCredentials(api); err != nil {
		return err
	}
	base, apiKey, keyName, perMinute := c.adminBase, c.cfg.AdminAPIKey, KeyNameAdmin, c.cfg.AdminRequestsPerMinute
	if api == apiCompliance {
		base, apiKey, keyName, perMinute = c.complianceBase, c.cfg.ComplianceAPIKey, KeyNameCompliance, c.cfg.ComplianceRequestsPerMinute
	}
	u := base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}

	ctx = c.withLogging(ctx)
	st := &requestState{key: key, perMinute: perMinute}
	ctx = context.WithValue(ctx, requestStateKey{}, st)

	// Pace the first attempt outside the total timeout: waiting behind other
	// callers of the same endpoint is not this request being slow.
	if err := c.pacer.wait(ctx, key, perMinute); err != nil {
		return fmt.Errorf("%s: waiting for rate limiter: %w", key, err)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, c.cfg.TotalTimeout)
	defer cancel()

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("%s: building request: %w", key, err)
	}
	req.Header.Set("Authorization", "Bearer "+apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if api == apiAdmin && c.cfg.OrganizationID != "" {
		req.Header.Set("OpenAI-Organization", c.cfg.OrganizationID)
	}
	maxBytes := c.cfg.MaxResponseBytes
	req.SetResponseHandler(func(resp *http.Response) error {
		body, err := readLimited(resp, maxBytes)
		if err != nil {
			var tooLarge *ResponseTooLargeError
			if errors.As(err, &tooLarge) {
				tooLarge.Endpoint = key
				return &nonRetryable{err: tooLarge}
			}
			// A body cut off mid-transfer is a network fault: retry.
			return fmt.Errorf("reading response body: %w", err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return nil
	})

	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		Logger:       leveledLogger{ctx: ctx},
		RetryWaitMin: c.cfg.RetryWaitMin,
		RetryWaitMax: c.cfg.MaxRetryWait,
		RetryMax:     c.cfg.MaxRetries,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			var nr *nonRetryable
			if errors.As(err, &nr) {
				return false, err
			}
			return shouldRetry(ctx, resp, err)
		},
		Backoff: func(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
			now := time.Now()
			d := backoff(min, maxDuration(DefaultMaxBackoff, min), max, attempt, resp, now)
			if c.cfg.waitHook != nil {
				d = c.cfg.waitHook(key, d)
			}
			if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
				if _, ok := serverRetryDelay(resp, now); ok {
					// Hold the whole endpoint back, not just this caller.
					c.pacer.block(key, d)
				}
			}
			return d
		},
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			if err == nil && resp != nil {
				// Retries exhausted on a retryable status: hand the last
				// response back so it becomes an APIError with its body.
				return resp, nil
			}
			if resp != nil {
				resp.Body.Close()
			}
			return nil, err
		},
	}

	resp, err := rc.Do(req)
	attempts := int(st.attempts.Load())
	if err != nil {
		var nr *nonRetryable
		switch {
		case errors.As(err, &nr):
			return nr.err
		case parent.Err() != nil:
			return fmt.Errorf("%s: %w", key, parent.Err())
		case ctx.Err() != nil:
			return &TransportError{Endpoint: key, Attempts: attempts, Err: fmt.Errorf("total timeout of %s exceeded: %w", c.cfg.TotalTimeout, ctx.Err())}
		}
		return &TransportError{Endpoint: key, Attempts: attempts, Err: err}
	}
	defer resp.Body.Close()

	body, err := readLimited(resp, maxBytes)
	if err != nil {
		var tooLarge *ResponseTooLargeError
		if errors.As(err, &tooLarge) {
			tooLarge.Endpoint = key
			return tooLarge
		}
		return &TransportError{Endpoint: key, Attempts: attempts, Err: fmt.Errorf("reading response body: %w", err)}
	}

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(key, keyName, resp, body, attempts)
	}
	return c.decode(key, resp.Header.Get("Content-Type"), body, out)
}

func maxDuration(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

// readLimited reads at most limit bytes of the body.
func readLimited(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	return body, nil
}

// decode unmarshals a 2xx body, refusing non-JSON content types so an HTML
// error page from a proxy is reported as such rather than as a JSON syntax
// error deep in the body.
func (c *Client) decode(key, contentType string, body []byte, out any) error {
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil || !(mt == "application/json" || strings.HasSuffix(mt, "+json")) {
			return &DecodeError{Endpoint: key, ContentType: contentType, Snippet: c.snippet(body), Err: errors.New("expected a JSON response")}
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return &DecodeError{Endpoint: key, ContentType: contentType, Err: errors.New("empty body")}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &DecodeError{Endpoint: key, ContentType: contentType, Snippet: c.snippet(body), Err: err}
	}
	return nil
}

// apiError builds an APIError from a non-2xx response, using the OpenAI error
// envelope when present and a body snippet otherwise.
func (c *Client) apiError(key, keyName string, resp *http.Response, body []byte, attempts int) error {
	ae := &APIError{
		Endpoint:   key,
		Method:     http.MethodGet,
		StatusCode: resp.StatusCode,
		KeyName:    keyName,
		Attempts:   attempts,
	}
	var env struct {
		Error *struct {
			Message json.RawMessage `json:"message"`
			Type    *string         `json:"type"`
			Param   *string         `json:"param"`
			Code    json.RawMessage `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		ae.Message = c.redact(rawString(env.Error.Message))
		if env.Error.Type != nil {
			ae.Type = c.redact(*env.Error.Type)
		}
		if env.Error.Param != nil {
			ae.Param = c.redact(*env.Error.Param)
		}
		ae.Code = c.redact(rawString(env.Error.Code))
	} else if len(body) > 0 {
		ae.Message = c.snippet(body)
	}
	return ae
}

// rawString renders a JSON string or other scalar (code may be a number) as text.
func rawString(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
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
