package openai

import (
	"net/http"
	"time"
)

// Default base URLs. The Compliance API lives on a different host from the
// Admin API; using api.openai.com for compliance paths gives a 404.
const (
	DefaultAdminBaseURL      = "https://api.openai.com/v1"
	DefaultComplianceBaseURL = "https://api.chatgpt.com/v1"
)

// Defaults applied by NewClient when the matching Config field is zero.
const (
	// DefaultRequestTimeout bounds one HTTP attempt (connect, headers and body).
	// Pages are at most a few MiB, so 30s is generous yet still catches a hung
	// connection long before the total timeout.
	DefaultRequestTimeout = 30 * time.Second
	// DefaultTotalTimeout bounds one logical request: all attempts of one page,
	// including backoff sleeps and paced retries. It is per page rather than per
	// list because a large list legitimately takes many minutes at 50
	// requests/minute; the caller's context bounds a whole list.
	DefaultTotalTimeout = 5 * time.Minute
	// DefaultMaxRetries is the number of retries after the first attempt. The
	// official SDK uses 2; a plan-only pipeline would rather wait than fail on a
	// transient 429/5xx, so we allow a few more.
	DefaultMaxRetries = 4
	// DefaultMaxRetryWait caps a single wait between attempts, whether it comes
	// from Retry-After or from backoff. Compliance limits are per minute, so a
	// server asking for up to a minute is honoured.
	DefaultMaxRetryWait = 60 * time.Second
	// DefaultRetryWaitMin is the base of the exponential backoff (0.5s * 2^n),
	// the same as the official SDKs.
	DefaultRetryWaitMin = 500 * time.Millisecond
	// DefaultMaxBackoff caps computed (not server-requested) backoff, as the
	// official SDKs do (8s).
	DefaultMaxBackoff = 8 * time.Second
	// DefaultComplianceRequestsPerMinute is the Compliance API's documented
	// list limit, 50 requests/minute per endpoint per key: a fixed pace a user
	// may choose. The default pace of both APIs is adaptive (pacing.go), which
	// settles at whatever the live limits are.
	DefaultComplianceRequestsPerMinute = 50.0
	// DefaultMaxResponseBytes limits one response body. The largest legitimate
	// page is a conversations page (up to 500 conversations with messages);
	// 32 MiB leaves plenty of room while stopping a runaway body.
	DefaultMaxResponseBytes int64 = 32 << 20
	// DefaultMaxListPages bounds the pages read from one collection: 10,000
	// pages is a million objects at 100 a page, far beyond any organization,
	// yet it stops a server that keeps answering has_more with fresh cursors.
	DefaultMaxListPages = 10000
	// DefaultListTimeout bounds one whole list (every page, pacing and
	// retries included). Terraform's contexts carry no deadline, so without it
	// a list could run for as long as a server keeps answering.
	DefaultListTimeout = 30 * time.Minute
	// DefaultUserAgent is used when Config.UserAgent is empty.
	DefaultUserAgent = "terraform-provider-openai/dev"
)

// Config configures a Client. Zero values select the defaults above.
type Config struct {
	// AdminAPIKey is an Admin API key (OPENAI_ADMIN_KEY). Optional: admin
	// methods fail with a MissingCredentialsError without it.
	AdminAPIKey string
	// ComplianceAPIKey is a key with the Compliance API read scope
	// (OPENAI_COMPLIANCE_API_KEY). Optional, like AdminAPIKey.
	ComplianceAPIKey string
	// WorkspaceID is the ChatGPT Enterprise workspace UUID (OPENAI_WORKSPACE_ID),
	// required by every compliance method.
	WorkspaceID string
	// OrganizationID, when set, is sent as OpenAI-Organization on admin requests.
	OrganizationID string

	// AdminBaseURL and ComplianceBaseURL override the defaults. They must pass
	// ValidateBaseURL: https, or http on loopback only.
	AdminBaseURL      string
	ComplianceBaseURL string

	// RequestTimeout bounds each attempt; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// TotalTimeout bounds one page request including retries; 0 means
	// DefaultTotalTimeout.
	TotalTimeout time.Duration
	// ListTimeout bounds one whole list; 0 means DefaultListTimeout, or
	// TotalTimeout when that is longer (a list is at least one request).
	ListTimeout time.Duration
	// MaxListPages bounds the pages read from one collection; 0 means
	// DefaultMaxListPages.
	MaxListPages int
	// MaxRetries is the number of retries after the first attempt; 0 means
	// DefaultMaxRetries and a negative value disables retries.
	MaxRetries int
	// MaxRetryWait caps each wait between attempts (Retry-After or backoff);
	// 0 means DefaultMaxRetryWait.
	MaxRetryWait time.Duration
	// RetryWaitMin is the base of the exponential backoff; 0 means
	// DefaultRetryWaitMin. Tests set it to a millisecond.
	RetryWaitMin time.Duration

	// AdminRequestsPerMinute and ComplianceRequestsPerMinute pace requests per
	// endpoint key (method + path template). 0 means adaptive (the default:
	// unpaced until a 429, then a rate learned from the server and kept just
	// under its limit, per endpoint or per concrete path; pacing.go); a
	// positive value is a fixed pace; a negative value disables pacing
	// (server-requested waits still apply).
	AdminRequestsPerMinute      float64
	ComplianceRequestsPerMinute float64

	// MaxResponseBytes limits each response body; 0 means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64

	// UserAgent, e.g. "terraform-provider-openai/1.2.3"; "" means DefaultUserAgent.
	UserAgent string

	// HTTPClient is an optional base client (tests). Its Transport is used as
	// the innermost transport; its redirect policy and timeout are replaced.
	// nil means a go-cleanhttp pooled client.
	HTTPClient *http.Client

	// Test hooks (unexported so only this package's tests can set them).

	// waitHook, if set, receives every computed wait between attempts and
	// returns the wait actually slept; tests use it to record Retry-After
	// handling without sleeping.
	waitHook func(key string, computed time.Duration) time.Duration
	// newLimiter, if set, replaces the rate.Limiter used for pacing.
	newLimiter func(key string, perMinute float64) limiter
	// clock, if set, replaces the pacer's time source (adaptive pacing tests).
	clock clock
}

// withDefaults returns a copy of cfg with zero values replaced by defaults.
func (cfg Config) withDefaults() Config {
	if cfg.AdminBaseURL == "" {
		cfg.AdminBaseURL = DefaultAdminBaseURL
	}
	if cfg.ComplianceBaseURL == "" {
		cfg.ComplianceBaseURL = DefaultComplianceBaseURL
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.TotalTimeout <= 0 {
		cfg.TotalTimeout = DefaultTotalTimeout
	}
	if cfg.ListTimeout <= 0 {
		cfg.ListTimeout = maxDuration(DefaultListTimeout, cfg.TotalTimeout)
	}
	if cfg.MaxListPages <= 0 {
		cfg.MaxListPages = DefaultMaxListPages
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	return cfg
}
