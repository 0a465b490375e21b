package openaisim

import (
	"net/http"
	"strings"
)

// authorize checks the bearer key for the listener (CONTRACT.md "Keys in tests").
// The admin listener accepts only AdminKey; the compliance listener accepts
// ComplianceKey, and ComplianceKeyNoScope is a valid key without the read scope (403).
// GUESS (digest §1.2, §2.3): real 401/403 message/type/code strings are unconfirmed.
func (s *Server) authorize(api apiKind, r *http.Request) *apiError {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		return errUnauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
	}
	token = strings.TrimSpace(token)
	switch api {
	case apiAdmin:
		if token == AdminKey {
			return nil
		}
	case apiCompliance:
		switch token {
		case ComplianceKey:
			return nil
		case ComplianceKeyNoScope:
			return errForbidden("The API key does not have the required scope: it lacks the compliance read scope (chatgpt.enterprise.compliance_export.read).")
		}
	}
	return errUnauthorized("Incorrect API key provided: " + redact(token) + ".")
}

// redact shows only the ends of a presented key, like the real error messages do.
func redact(k string) string {
	if len(k) <= 8 {
		return "****"
	}
	return k[:4] + "****" + k[len(k)-4:]
}
