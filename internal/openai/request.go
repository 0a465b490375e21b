package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// buildRequest makes the GET for one page: URL from base, path and query, and
// the headers. The key goes only into Authorization, never the URL.
func (c *Client) buildRequest(ctx context.Context, auth endpointAuth, path string, query url.Values) (*retryablehttp.Request, error) {
	u := auth.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+auth.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if auth.admin && c.cfg.OrganizationID != "" {
		req.Header.Set("OpenAI-Organization", c.cfg.OrganizationID)
	}
	req.SetResponseHandler(c.bufferBody())
	return req, nil
}

// nonRetryable marks an error from the response handler that retrying cannot fix.
type nonRetryable struct{ err error }

func (e *nonRetryable) Error() string { return e.err.Error() }
func (e *nonRetryable) Unwrap() error { return e.err }

// bufferBody returns the response handler that reads a final response's body
// (within the size limit) inside the retry loop, so a body cut off
// mid-transfer is retried like any other network fault. retryablehttp calls
// it only for responses it is not going to retry.
func (c *Client) bufferBody() retryablehttp.ResponseHandlerFunc {
	maxBytes := c.cfg.MaxResponseBytes
	return func(resp *http.Response) error {
		body, err := readLimited(resp, maxBytes)
		if err != nil {
			var tooLarge *ResponseTooLargeError
			if errors.As(err, &tooLarge) {
				return &nonRetryable{err: tooLarge}
			}
			return fmt.Errorf("reading response body: %w", err)
		}
		resp.Body = newBufferedBody(body)
		return nil
	}
}

// retryClient configures go-retryablehttp for one logical request to key.
func (c *Client) retryClient(ctx context.Context, key string) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   c.http,
		Logger:       leveledLogger{ctx: ctx},
		RetryWaitMin: c.cfg.RetryWaitMin,
		RetryWaitMax: c.cfg.MaxRetryWait,
		RetryMax:     c.cfg.MaxRetries,
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoffFor(ctx, key),
		ErrorHandler: keepLastResponse,
	}
}

// checkRetry is shouldRetry plus two stops: an error the response handler
// marked final, and a server-requested wait (already capped at MaxRetryWait)
// that would outlast the total timeout. Sleeping into the deadline would only
// turn a clear "rate limited" into a vague timeout, so the last response is
// returned instead and the refusal noted on the request state.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	var nr *nonRetryable
	if errors.As(err, &nr) {
		return false, err
	}
	retry, err := shouldRetry(ctx, resp, err)
	if !retry || err != nil {
		return retry, err
	}
	if asked, ok := serverRetryDelay(resp, time.Now()); ok {
		wait := min(asked, c.cfg.MaxRetryWait)
		if deadline, has := ctx.Deadline(); has && wait > time.Until(deadline) {
			if st := stateFrom(ctx); st != nil {
				st.retryAfterRefused = asked
			}
			return false, nil
		}
	}
	return true, nil
}

// backoffFor computes each wait between attempts to key; a server-requested
// wait on a 429 also holds back every other caller of the scope the 429 is
// charged to (the endpoint, or its concrete path: pacing.go).
func (c *Client) backoffFor(ctx context.Context, key string) retryablehttp.Backoff {
	path := ""
	if st := stateFrom(ctx); st != nil {
		path = st.path
	}
	return func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		now := time.Now()
		d := backoff(minWait, maxDuration(DefaultMaxBackoff, minWait), maxWait, attempt, resp, now)
		if c.cfg.waitHook != nil {
			d = c.cfg.waitHook(key, d)
		}
		// Every 429 holds its scope, with or without a Retry-After: callers
		// that pile onto a limited scope only burn retries.
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			c.pacer.block(key, path, d)
		}
		return d
	}
}

func maxDuration(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

// keepLastResponse is the ErrorHandler: when retries are exhausted on a
// retryable status, the last response is handed back so it becomes an
// APIError with its body; a network error stays an error.
func keepLastResponse(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err == nil && resp != nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	return nil, err
}

// sendError classifies a failed send: a final error from the response
// handler, the caller's context ending, the total timeout, or a network
// failure after retries.
func (c *Client) sendError(callerCtx, totalCtx context.Context, key string, attempts int, err error) error {
	var nr *nonRetryable
	var tooLarge *ResponseTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		tooLarge.Endpoint = key
		return tooLarge
	case errors.As(err, &nr):
		return nr.err
	case callerCtx.Err() != nil:
		return fmt.Errorf("%s: %w", key, callerCtx.Err())
	case totalCtx.Err() != nil:
		return &TransportError{Endpoint: key, Attempts: attempts, Err: fmt.Errorf("total timeout of %s exceeded: %w", c.cfg.TotalTimeout, totalCtx.Err())}
	}
	return &TransportError{Endpoint: key, Attempts: attempts, Err: c.redactErr(err)}
}

// readBody reads the final response's body. After bufferBody it is already
// in memory; a response handed back by keepLastResponse is read here.
func (c *Client) readBody(key string, resp *http.Response, attempts int) ([]byte, error) {
	body, err := readLimited(resp, c.cfg.MaxResponseBytes)
	if err != nil {
		var tooLarge *ResponseTooLargeError
		if errors.As(err, &tooLarge) {
			tooLarge.Endpoint = key
			return nil, tooLarge
		}
		return nil, &TransportError{Endpoint: key, Attempts: attempts, Err: fmt.Errorf("reading response body: %w", err)}
	}
	return body, nil
}
