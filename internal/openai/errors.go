package openai

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Names of the two credentials, used in error messages so a user knows which
// key to look at. They never contain the key itself.
const (
	KeyNameAdmin      = "admin API key"
	KeyNameCompliance = "compliance API key"
)

// APIError is a non-2xx response from either API. It carries the OpenAI error
// envelope fields when the body had one; Message is redacted of both keys.
// Use errors.As to inspect it.
type APIError struct {
	// Endpoint is the endpoint key, e.g. "GET /organization/users".
	Endpoint   string
	Method     string
	StatusCode int
	Type       string
	Code       string
	Message    string
	Param      string
	// KeyName is KeyNameAdmin or KeyNameCompliance: which key was sent.
	KeyName string
	// Attempts is how many attempts were made (1 when not retried).
	Attempts int
	// RetryAfterRefused, when non-zero, is the wait the server asked for
	// (Retry-After) that was not honoured because even capped at
	// Config.MaxRetryWait it would outlast the request's total timeout.
	RetryAfterRefused time.Duration
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d %s", e.Endpoint, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Type != "" || e.Code != "" {
		b.WriteString(" (")
		b.WriteString(strings.Trim(e.Type+", "+e.Code, ", "))
		b.WriteString(")")
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Param != "" {
		fmt.Fprintf(&b, " [param %s]", e.Param)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "; gave up after %d attempts", e.Attempts)
	}
	if e.RetryAfterRefused > 0 {
		fmt.Fprintf(&b, "; the server asked to retry after %s, which does not fit in the time left before the total timeout", e.RetryAfterRefused)
	}
	if h := e.Hint(); h != "" {
		b.WriteString("; ")
		b.WriteString(h)
	}
	return b.String()
}

// Hint explains the usual cause of auth and not-found errors in terms of the
// provider's settings.
func (e *APIError) Hint() string {
	compliance := e.KeyName == KeyNameCompliance
	switch e.StatusCode {
	case http.StatusUnauthorized:
		if compliance {
			return "the compliance API key is invalid or revoked (check compliance_api_key / OPENAI_COMPLIANCE_API_KEY)"
		}
		return "the admin API key is invalid or revoked (check admin_api_key / OPENAI_ADMIN_KEY; the Admin API accepts only admin keys, not project keys)"
	case http.StatusForbidden:
		if compliance {
			return "the compliance API key has not been granted the compliance read scope (ask OpenAI to grant `read` to this key; see the Compliance API onboarding guide at https://help.openai.com), or it does not belong to this workspace"
		}
		return "the admin API key lacks permission for this endpoint (admin keys are created by organization owners)"
	case http.StatusNotFound:
		if compliance {
			return "check workspace_id (OPENAI_WORKSPACE_ID) and that the compliance base URL is https://api.chatgpt.com/v1, not api.openai.com"
		}
		return "check the admin base URL (https://api.openai.com/v1) and that the object still exists"
	case http.StatusTooManyRequests:
		return "rate limited; lower the requests-per-minute setting or retry later"
	}
	return ""
}

// IsNotFound reports whether err is an APIError with status 404.
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode == http.StatusNotFound
}

// PaginationError reports a list that cannot be walked safely: a repeated
// cursor, has_more with no data or no cursor, or a missing has_more. The list
// is incomplete, so callers must fail closed.
type PaginationError struct {
	Endpoint string
	Page     int // 1-based page number at which the problem was seen
	Reason   string
}

func (e *PaginationError) Error() string {
	return fmt.Sprintf("%s: pagination stopped at page %d: %s (the list would be incomplete)", e.Endpoint, e.Page, e.Reason)
}

// ListBoundError reports a list stopped by one of its bounds: the page budget
// (Config.MaxListPages) or the list timeout (Config.ListTimeout). The list is
// incomplete, so callers must fail closed.
type ListBoundError struct {
	Endpoint string
	Pages    int    // pages read before stopping
	Bound    string // e.g. "page budget of 10000 pages", "list timeout of 30m0s"
	Err      error  // context.DeadlineExceeded for the timeout, else nil
}

func (e *ListBoundError) Error() string {
	_, path, found := strings.Cut(e.Endpoint, " ")
	if !found {
		path = e.Endpoint
	}
	return fmt.Sprintf("listing %s stopped after %d pages (%s) before the server reported the last page, so the list would be incomplete", path, e.Pages, e.Bound)
}

func (e *ListBoundError) Unwrap() error { return e.Err }

// DecodeError reports a 2xx response whose body could not be decoded: HTML
// instead of JSON, a wrong content type, or truncated JSON. Snippet holds the
// first bytes of the body, redacted and with control characters removed;
// headers are never included.
type DecodeError struct {
	Endpoint    string
	ContentType string
	Snippet     string
	Err         error
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("%s: cannot decode response", e.Endpoint)
	if e.ContentType != "" {
		msg += fmt.Sprintf(" (content type %q)", e.ContentType)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Snippet != "" {
		msg += "; body starts with: " + e.Snippet
	}
	return msg
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ResponseTooLargeError reports a body over Config.MaxResponseBytes.
type ResponseTooLargeError struct {
	Endpoint string
	Limit    int64
}

func (e *ResponseTooLargeError) Error() string {
	return fmt.Sprintf("%s: response body exceeds the %d byte limit", e.Endpoint, e.Limit)
}

// MissingCredentialsError is returned before any request when a method needs a
// setting that was not configured.
type MissingCredentialsError struct {
	API     string   // "Admin API" or "Compliance API"
	Missing []string // e.g. "compliance_api_key (OPENAI_COMPLIANCE_API_KEY)"
}

func (e *MissingCredentialsError) Error() string {
	return fmt.Sprintf("%s is not configured: set %s in the provider configuration or environment", e.API, strings.Join(e.Missing, " and "))
}

// TransportError wraps a network-level failure (after retries) with the
// endpoint and attempt count.
type TransportError struct {
	Endpoint string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("%s: request failed after %d attempts: %v", e.Endpoint, e.Attempts, e.Err)
	}
	return fmt.Sprintf("%s: request failed: %v", e.Endpoint, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// errRedirectRefused is returned by the redirect policy.
var errRedirectRefused = errors.New("redirect to a different origin refused (the API key is never sent to another host)")
