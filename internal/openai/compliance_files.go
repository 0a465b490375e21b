package openai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// File content endpoints of the Compliance API. Each answers 307 with the
// download URL in Location (404 unknown file, 410 expired).
const (
	EndpointComplianceGPTFile     = "GET /compliance/workspaces/{workspace_id}/gpt_files/{file_id}"
	EndpointComplianceProjectFile = "GET /compliance/workspaces/{workspace_id}/project_files/{file_id}"
	EndpointComplianceUserFile    = "GET /compliance/workspaces/{workspace_id}/users/{user_id}/files/{file_id}"
)

// Defaults for one file download.
const (
	// DefaultMaxFileBytes caps the bytes read of one file.
	DefaultMaxFileBytes int64 = 20 << 20
	// DefaultFileTimeout bounds one file: the 307 and the download together.
	DefaultFileTimeout = 2 * time.Minute
	// maxDownloadRedirects bounds the redirects the download host may add.
	maxDownloadRedirects = 3
)

// FileLimits bounds one download; zero fields mean the defaults.
type FileLimits struct {
	MaxBytes int64
	Timeout  time.Duration
}

func (l FileLimits) withDefaults() FileLimits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxFileBytes
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultFileTimeout
	}
	return l
}

// FileFetchReason says why a file's content could not be read.
type FileFetchReason string

// The reasons a download fails; each is a "not scanned" finding, never a pass.
const (
	FileNotFound       FileFetchReason = "not found (HTTP 404)"
	FileExpired        FileFetchReason = "expired (HTTP 410)"
	FileTooLarge       FileFetchReason = "larger than the size cap"
	FileTimedOut       FileFetchReason = "download timed out"
	FileDownloadFailed FileFetchReason = "download failed"
)

// FileFetchError is a file whose content could not be read. It never carries
// the download URL (it is signed: a credential of its own) nor any key.
type FileFetchError struct {
	Endpoint string
	FileID   string
	Reason   FileFetchReason
	// Detail adds context (a status code, the cap); never a URL.
	Detail string
	Err    error
}

func (e *FileFetchError) Error() string {
	s := fmt.Sprintf("%s: file %s: %s", e.Endpoint, e.FileID, e.Reason)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

func (e *FileFetchError) Unwrap() error { return e.Err }

// Download is a file's content and whether its completeness is known.
type Download struct {
	Data []byte
	// LengthVerified: the download host declared the length (Content-Length)
	// and exactly that many bytes arrived. Without it a body cut by the
	// connection closing (close-delimited, no Content-Length) reads as
	// complete, so a verdict judged from it may be used but not kept.
	LengthVerified bool
}

// DownloadGPTFile returns the content of a GPT knowledge file.
func (c *Client) DownloadGPTFile(ctx context.Context, fileID string, lim FileLimits) ([]byte, error) {
	d, err := c.DownloadGPTFileChecked(ctx, fileID, lim)
	return d.Data, err
}

// DownloadGPTFileChecked is DownloadGPTFile, saying whether the length was verified.
func (c *Client) DownloadGPTFileChecked(ctx context.Context, fileID string, lim FileLimits) (Download, error) {
	path := escapePath("/compliance/workspaces/%s/gpt_files/%s", c.cfg.WorkspaceID, fileID)
	return c.downloadFile(ctx, EndpointComplianceGPTFile, fileID, path, nil, lim)
}

// DownloadProjectFile returns the content of a ChatGPT project file.
func (c *Client) DownloadProjectFile(ctx context.Context, fileID string, lim FileLimits) ([]byte, error) {
	d, err := c.DownloadProjectFileChecked(ctx, fileID, lim)
	return d.Data, err
}

// DownloadProjectFileChecked is DownloadProjectFile, saying whether the length was verified.
func (c *Client) DownloadProjectFileChecked(ctx context.Context, fileID string, lim FileLimits) (Download, error) {
	path := escapePath("/compliance/workspaces/%s/project_files/%s", c.cfg.WorkspaceID, fileID)
	return c.downloadFile(ctx, EndpointComplianceProjectFile, fileID, path, nil, lim)
}

// DownloadUserFile returns the content of a file a user attached to a
// conversation. conversationID is sent when known (the spec requires it for
// audio and video files).
func (c *Client) DownloadUserFile(ctx context.Context, userID, fileID, conversationID string, lim FileLimits) ([]byte, error) {
	d, err := c.DownloadUserFileChecked(ctx, userID, fileID, conversationID, lim)
	return d.Data, err
}

// DownloadUserFileChecked is DownloadUserFile, saying whether the length was verified.
func (c *Client) DownloadUserFileChecked(ctx context.Context, userID, fileID, conversationID string, lim FileLimits) (Download, error) {
	path := escapePath("/compliance/workspaces/%s/users/%s/files/%s", c.cfg.WorkspaceID, userID, fileID)
	var q url.Values
	if conversationID != "" {
		q = url.Values{"conversation_id": {conversationID}}
	}
	return c.downloadFile(ctx, EndpointComplianceUserFile, fileID, path, q, lim)
}

// downloadFile asks the Compliance API for a file (with the key), takes the
// download URL from its 307 and fetches it from the download host without
// any key. Only these endpoints follow a cross-origin redirect; the shared
// client (checkRedirect) keeps refusing them everywhere else.
func (c *Client) downloadFile(ctx context.Context, key, fileID, path string, query url.Values, lim FileLimits) (Download, error) {
	if err := c.checkCredentials(apiCompliance); err != nil {
		return Download{}, err
	}
	lim = lim.withDefaults()
	auth := c.auth(apiCompliance)
	fail := func(reason FileFetchReason, detail string, err error) error {
		return &FileFetchError{Endpoint: key, FileID: fileID, Reason: reason, Detail: detail, Err: err}
	}
	if err := c.pacer.wait(ctx, key, path, auth.perMinute); err != nil {
		return Download{}, fmt.Errorf("%s: waiting for rate limiter: %w", key, err)
	}
	st := &requestState{key: key, path: path, perMinute: auth.perMinute}
	ctx, cancel := context.WithTimeout(context.WithValue(c.withLogging(ctx), requestStateKey{}, st), lim.Timeout)
	defer cancel()
	timedOut := func(err error) error {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fail(FileTimedOut, "after "+lim.Timeout.String(), nil)
		}
		return err
	}

	req, err := c.buildRequest(ctx, auth, path, query)
	if err != nil {
		return Download{}, fmt.Errorf("%s: building request: %w", key, err)
	}
	// The API step retries (429, 5xx, network) like every other call, but
	// hands the 307 back instead of following it with the key.
	rc := c.retryClient(ctx, key)
	rc.HTTPClient = &http.Client{Transport: c.http.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := rc.Do(req)
	attempts := int(st.attempts.Load())
	if err != nil {
		return Download{}, timedOut(c.sendError(ctx, ctx, key, attempts, err))
	}
	body, readErr := readLimited(resp, c.cfg.MaxResponseBytes)
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotFound:
		return Download{}, fail(FileNotFound, "", nil)
	case http.StatusGone:
		return Download{}, fail(FileExpired, "", nil)
	case http.StatusTemporaryRedirect, http.StatusFound, http.StatusSeeOther, http.StatusMovedPermanently, http.StatusPermanentRedirect:
	default:
		if readErr != nil {
			return Download{}, timedOut(fmt.Errorf("%s: reading response: %w", key, readErr))
		}
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			return Download{}, fail(FileDownloadFailed, fmt.Sprintf("HTTP %d without a download URL", resp.StatusCode), nil)
		}
		ae := c.apiError(key, auth.keyName, resp, body, attempts)
		ae.RetryAfterRefused = st.retryAfterRefused
		return Download{}, ae
	}
	target, err := downloadTarget(req.URL, resp.Header.Get("Location"))
	if err != nil {
		return Download{}, fail(FileDownloadFailed, err.Error(), nil)
	}
	return c.fetchDownload(ctx, target, lim, fail, timedOut)
}

// fetchDownload GETs the download URL with no Authorization, no
// OpenAI-Organization and no cookies, following at most a few redirects that
// pass the same scheme rule, and reads at most lim.MaxBytes.
func (c *Client) fetchDownload(ctx context.Context, target *url.URL, lim FileLimits, fail func(FileFetchReason, string, error) error, timedOut func(error) error) (Download, error) {
	inner := c.http.Transport
	if at, ok := inner.(*attemptTransport); ok {
		// Below the logging transport: it would log the signed URL's query.
		inner = at.next
	}
	dl := &http.Client{Transport: stripCredentials{next: inner}, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) > maxDownloadRedirects {
			return errors.New("too many redirects")
		}
		return checkDownloadURL(r.URL)
	}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return Download{}, fail(FileDownloadFailed, "bad download URL", nil)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := dl.Do(req)
	if err != nil {
		// Never err.Error(): a *url.Error names the signed URL.
		return Download{}, timedOut(fail(FileDownloadFailed, "download host unreachable or refused", nil))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return Download{}, fail(FileNotFound, "at the download host", nil)
	case resp.StatusCode == http.StatusGone:
		return Download{}, fail(FileExpired, "at the download host", nil)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return Download{}, fail(FileDownloadFailed, fmt.Sprintf("download host answered HTTP %d", resp.StatusCode), nil)
	}
	capNote := fmt.Sprintf("cap %d bytes", lim.MaxBytes)
	if resp.ContentLength > lim.MaxBytes {
		return Download{}, fail(FileTooLarge, capNote, nil)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, lim.MaxBytes+1))
	if err != nil {
		return Download{}, timedOut(fail(FileDownloadFailed, "reading the download was cut off", nil))
	}
	if int64(len(data)) > lim.MaxBytes {
		return Download{}, fail(FileTooLarge, capNote, nil)
	}
	// Go's client fails a body shorter than its Content-Length (and reads no
	// further than it); only a declared length proves nothing was cut.
	return Download{Data: data, LengthVerified: resp.ContentLength >= 0 && int64(len(data)) == resp.ContentLength}, nil
}

// downloadTarget resolves a Location header against the request URL and
// checks it.
func downloadTarget(base *url.URL, location string) (*url.URL, error) {
	if strings.TrimSpace(location) == "" {
		return nil, errors.New("redirect without a Location")
	}
	loc, err := url.Parse(location)
	if err != nil {
		return nil, errors.New("redirect Location is not a URL")
	}
	u := base.ResolveReference(loc)
	return u, checkDownloadURL(u)
}

// checkDownloadURL allows https, and plain http only on loopback hosts (the
// base URL rule, so the simulator works), and never user info. The URL is
// not echoed: its query is a signature.
func checkDownloadURL(u *url.URL) error {
	if u.User != nil {
		return errors.New("download URL carries user info; refused")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return nil
		}
	}
	return fmt.Errorf("download URL scheme %q on host %q refused: only https is followed", u.Scheme, u.Hostname())
}

// stripCredentials removes every header that could carry a key before a
// request reaches the download host, whatever set it (defence in depth: this
// package never adds them to download requests).
type stripCredentials struct{ next http.RoundTripper }

func (s stripCredentials) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for _, h := range []string{"Authorization", "Proxy-Authorization", "OpenAI-Organization", "Cookie", "Api-Key", "X-Api-Key"} {
		r.Header.Del(h)
	}
	return s.next.RoundTrip(r)
}
