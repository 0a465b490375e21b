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
		return fmt.Errorf("base URL %q is not a valid URL: %v", raw, err)
	}
	if u.User != nil {
		return fmt.Errorf("base URL must not contain user info (credentials belong in the API key settings)")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("base URL %q must not contain a query or fragment", u.Redacted())
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("base URL %q has no host (expected e.g. https://api.openai.com/v1)", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(host) {
			return nil
		}
		return fmt.Errorf("base URL %q uses plain http on a non-loopback host; use https (plain http is allowed only for 127.0.0.0/8, ::1 and localhost)", raw)
	default:
		return fmt.Errorf("base URL %q has scheme %q; only https (or http on loopback) is supported", raw, u.Scheme)
	}
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
