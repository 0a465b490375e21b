package posture

import (
	"encoding/base64"
	"strings"
	"testing"
)

// Red-team round 4: base64 runs in URLs and tokens. '/' is in the base64
// token class, so a URL path glues its segments to the payload and shifts
// its alignment: the run decodes to bytes that are not text. Asserts the
// safe behaviour; skips with "REDTEAM4 FAIL" unless REDTEAM_RUN=1.
func TestRedTeam4PIIBase64InURLPath(t *testing.T) {
	payload := `{"name":"Jane Roe","ssn":"123-45-6789"}`
	url64 := base64.RawURLEncoding.EncodeToString([]byte(payload))
	std64 := base64.StdEncoding.EncodeToString([]byte(payload))
	if ok, _ := rt2Found(t, "token "+url64+"\n", DetectorUSSSN); !ok {
		t.Fatalf("control: a lone base64url token with an SSN is not found")
	}
	var missed []string
	for name, text := range map[string]string{
		"share link path":     "Open https://share.example.com/view/" + url64 + " to see the record\n",
		"API path, std":       "GET /v1/records/export/" + std64 + " HTTP/1.1\n",
		"JWT payload segment": "Authorization header was eyJhbGciOiJIUzI1NiJ9." + url64 + ".c2lnbmF0dXJlVEVTVE9OTFk\n",
	} {
		if ok, _ := rt2Found(t, text, DetectorUSSSN); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		msg := "SSN in base64 after a URL path passes clean: " + strings.Join(missed, "; ") +
			" (fix: in base64Runs also try each '/'-separated suffix of a token that does not decode to text, or the four alignments)"
		t.Fatal(msg)
	}
}
