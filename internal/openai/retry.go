package openai

import (
	"context"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// shouldRetry decides whether an attempt is retried. It mirrors the official
// SDKs: x-should-retry wins when present; otherwise network errors, 408, 409,
// 429 and 5xx are retried. A cancelled or expired caller context stops at
// once, and a refused redirect or a certificate error is never retried.
func shouldRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		if errors.Is(err, errRedirectRefused) {
			return false, err
		}
		var unknownAuthority x509.UnknownAuthorityError
		var hostname x509.HostnameError
		var invalid x509.CertificateInvalidError
		if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) {
			return false, err
		}
		// Connection resets, per-attempt timeouts, EOFs: transient.
		return true, nil
	}
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("x-should-retry"))) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	switch {
	case resp.StatusCode == http.StatusRequestTimeout,
		resp.StatusCode == http.StatusConflict,
		resp.StatusCode == http.StatusTooManyRequests,
		resp.StatusCode >= 500:
		return true, nil
	}
	return false, nil
}

// serverRetryDelay reads Retry-After-Ms, then Retry-After (seconds or an HTTP
// date). ok is false when neither header gives a usable value.
func serverRetryDelay(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	if v := strings.TrimSpace(resp.Header.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return secondsToDuration(ms / 1000), true
		}
	}
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
			return secondsToDuration(s), true
		}
		if t, err := http.ParseTime(v); err == nil {
			d := t.Sub(now)
			if d < 0 {
				d = 0
			}
			return d, true
		}
	}
	return 0, false
}

// maxServerDelay bounds any wait a server can ask for before the caller's
// own caps apply: far beyond every cap, and far from int64 overflow.
const maxServerDelay = 365 * 24 * time.Hour

// secondsToDuration converts a server-given number of seconds without
// overflow: converted naively, 1e10 seconds wraps to a negative Duration,
// which every cap lets through as "retry now" (found by the red team).
// NaN and infinities count as the longest wait.
func secondsToDuration(s float64) time.Duration {
	if s != s || s >= maxServerDelay.Seconds() { // s != s: NaN
		return maxServerDelay
	}
	return time.Duration(s * float64(time.Second))
}

// backoff computes the wait before retry number attempt+1 (attempt is 0 for
// the first retry): the server's delay when given, else base*2^attempt capped
// at maxBackoff minus up to 25% jitter. Either is capped at maxWait.
func backoff(base, maxBackoff, maxWait time.Duration, attempt int, resp *http.Response, now time.Time) time.Duration {
	if d, ok := serverRetryDelay(resp, now); ok {
		if d > maxWait {
			d = maxWait
		}
		return d
	}
	if attempt > 30 {
		attempt = 30
	}
	d := base << uint(attempt)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	jitter := 1 - 0.25*rand.Float64()
	d = time.Duration(float64(d) * jitter)
	if d > maxWait {
		d = maxWait
	}
	return d
}
