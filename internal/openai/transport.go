package openai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// requestState travels in the request context from Client.get to the
// transport and the retry policy: which endpoint is being called, how many
// attempts were made, and whether a server-requested wait was refused.
type requestState struct {
	key       string
	path      string // escaped URL path, without the query
	perMinute float64
	attempts  atomic.Int32
	// retryAfterRefused is the wait a server asked for when it did not fit in
	// the total timeout (set by checkRetry, read by get on the same goroutine).
	retryAfterRefused time.Duration
}

type requestStateKey struct{}

func stateFrom(ctx context.Context) *requestState {
	st, _ := ctx.Value(requestStateKey{}).(*requestState)
	return st
}

// newHTTPClient builds the http.Client under go-retryablehttp: a go-cleanhttp
// pooled transport (no shared global state, proxy from environment) wrapped
// by the attempt transport, and a redirect policy that never leaves the
// origin. No Client.Timeout: each attempt gets its own deadline in the
// transport, which also covers reading the body.
func newHTTPClient(c *Client, base *http.Client) *http.Client {
	var inner http.RoundTripper
	var jar http.CookieJar
	if base != nil {
		inner = base.Transport
		jar = base.Jar
	}
	if inner == nil {
		inner = cleanhttp.DefaultPooledTransport()
	}
	return &http.Client{
		Transport:     &attemptTransport{client: c, next: inner},
		CheckRedirect: checkRedirect,
		Jar:           jar,
	}
}

// checkRedirect follows at most 5 same-origin redirects. A redirect to another
// origin is refused outright: the APIs do not redirect list calls, and
// following one would hand the request (and, for a careless client, the key)
// to a host the user did not configure. Go drops Authorization on cross-host
// redirects anyway; refusing makes the failure visible instead of a confusing
// 401 from somewhere else.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	if !sameOrigin(req.URL, via[0].URL) {
		return errRedirectRefused
	}
	return nil
}

// attemptTransport runs once per attempt (including retries): it paces
// retries per endpoint key, tells the pacer how each attempt was answered
// (adaptive pacing learns from it), applies the per-attempt timeout and log
// masks, and logs method, URL, status, duration and attempt number. It never
// logs headers.
type attemptTransport struct {
	client *Client
	next   http.RoundTripper
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := t.client.withLogging(req.Context())
	attempt := int32(1)
	st := stateFrom(ctx)
	if st != nil {
		attempt = st.attempts.Add(1)
		// The first attempt was paced by Client.get before the total timeout
		// started; retries are paced here so they also respect the limit.
		if attempt > 1 {
			if err := t.client.pacer.wait(ctx, st.key, st.path, st.perMinute); err != nil {
				return nil, err
			}
		}
	}

	timeout := t.client.cfg.RequestTimeout
	attemptCtx, cancel := context.WithTimeout(ctx, timeout)
	fields := map[string]interface{}{
		"method":  req.Method,
		"url":     req.URL.Redacted(),
		"attempt": attempt,
	}
	tflog.SubsystemDebug(ctx, LogSubsystem, "sending request", fields)

	start := time.Now()
	sent := t.client.pacer.clock.now()
	resp, err := t.next.RoundTrip(req.WithContext(attemptCtx))
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		cancel()
		if errors.Is(attemptCtx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
			err = fmt.Errorf("attempt timed out after %s: %w", timeout, err)
		}
		fields["error"] = err.Error()
		tflog.SubsystemDebug(ctx, LogSubsystem, "request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	if st != nil {
		t.client.pacer.observe(st.key, st.path, sent, resp)
	}
	tflog.SubsystemDebug(ctx, LogSubsystem, "received response", fields)
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose releases the per-attempt context once the body is closed, so
// the deadline keeps covering the body read.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
