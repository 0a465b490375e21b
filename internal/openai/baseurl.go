package openai

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ValidateBaseURL checks a configured base URL. Keys travel in the
// Authorization header, so anything but https would expose them on the wire;
// plain http is accepted only for loopback hosts (127.0.0.0/8, ::1,
// localhost), which is what the simulator and local proxies use.
func ValidateBaseURL(raw string) error {
	if strings.TrimSpace(raw) == "" {
		return fmt.Errorf("base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// The value is not echoed: a key pasted into the wrong setting would
		// otherwise land in the plan output.
		return fmt.Errorf("base URL is not a valid URL (expected e.g. https://api.openai.com/v1)")
	}
	if u.User != nil {
		return fmt.Errorf("base URL must not contain user info (credentials belong in the API key settings)")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("base URL %s must not contain a query or fragment", shown(u))
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("base URL has no host (expected e.g. https://api.openai.com/v1)")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(host) {
			return nil
		}
		return fmt.Errorf("base URL %s uses plain http on a non-loopback host; use https (plain http is allowed only for 127.0.0.0/8, ::1 and localhost)", shown(u))
	default:
		return fmt.Errorf("base URL %s has scheme %q; only https (or http on loopback) is supported", shown(u), u.Scheme)
	}
}

// shown renders a URL for an error message: scheme, host and path only, never
// user info or a query, where a misplaced secret would be.
func shown(u *url.URL) string {
	return fmt.Sprintf("%q", (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String())
}

// isLoopbackHost reports whether host is localhost or a loopback IP literal.
// Names other than "localhost" are not resolved: DNS could point anywhere.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin reports whether two URLs share scheme, host and port.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
