package posture

import (
	"fmt"
	"strings"
)

// validateDomains accepts "example.com" and "*.example.com"; it rejects URLs,
// paths and bare wildcards so an allow-list cannot silently allow everything.
func validateDomains(v ParamValue) error {
	for _, d := range v.List {
		host := strings.TrimPrefix(d, "*.")
		switch {
		case strings.Contains(d, "://"):
			return fmt.Errorf("%q must be a domain, not a URL (write %q)", d, hostOf(d))
		case strings.ContainsAny(host, "/*@: "):
			return fmt.Errorf("%q is not a domain; use \"example.com\" or \"*.example.com\"", d)
		case !strings.Contains(host, "."):
			return fmt.Errorf("%q is not a fully qualified domain", d)
		}
	}
	return nil
}

func hostOf(u string) string {
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	if i := strings.IndexAny(u, "/:"); i >= 0 {
		u = u[:i]
	}
	return u
}

// domainAllowed reports whether domain matches an allow-list entry: exactly,
// or as a subdomain of a "*." entry. Matching is case-insensitive and ignores
// a trailing dot.
func domainAllowed(allowed []string, domain string) bool {
	domain = strings.TrimSuffix(strings.ToLower(domain), ".")
	for _, a := range allowed {
		a = strings.ToLower(a)
		if rest, ok := strings.CutPrefix(a, "*."); ok {
			if strings.HasSuffix(domain, "."+rest) {
				return true
			}
			continue
		}
		if domain == a {
			return true
		}
	}
	return false
}

func emailDomain(email string) string {
	if i := strings.LastIndex(email, "@"); i >= 0 {
		return email[i+1:]
	}
	return ""
}
