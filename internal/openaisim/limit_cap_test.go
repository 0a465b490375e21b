package openaisim

import (
	"strings"
	"testing"
)

func TestComplianceLimitCap(t *testing.T) {
	lists := []string{"/gpts", "/projects", "/gpts/g-SimActionNoAuth/configs", "/projects/g-p-SimPayroll/configs"}
	get := func(s *Server, path string) resp {
		return doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+path, ComplianceKey)
	}
	// Default: limit up to 100 is accepted.
	s := newSim(t, SampleOrg())
	for _, l := range lists {
		if r := get(s, l+"?limit=100"); r.status != 200 {
			t.Errorf("no cap: %s limit=100: %d %s", l, r.status, r.raw)
		}
	}
	// With the cap, limit > 20 is refused with param "limit"; 20 and the default work.
	s = newSim(t, SampleOrg(), WithComplianceLimitCap(20))
	for _, l := range lists {
		r := get(s, l+"?limit=100")
		e, _ := r.body["error"].(map[string]any)
		if r.status != 400 || e == nil || e["param"] != "limit" || !strings.Contains(e["message"].(string), "limit must be") {
			t.Errorf("cap 20: %s limit=100: got %d %s, want 400 naming limit", l, r.status, r.raw)
		}
		for _, q := range []string{"?limit=20", ""} {
			if r := get(s, l+q); r.status != 200 {
				t.Errorf("cap 20: %s%s: %d %s", l, q, r.status, r.raw)
			}
		}
	}
	// Lists with their own documented bounds are not capped.
	if r := get(s, "/users?limit=200"); r.status != 200 {
		t.Errorf("users limit=200 under the cap: %d", r.status)
	}
	// Runtime toggle.
	s.SetComplianceLimitCap(0)
	if r := get(s, "/gpts?limit=100"); r.status != 200 {
		t.Errorf("cap removed: %d %s", r.status, r.raw)
	}
	s.SetComplianceLimitCap(20)
	if r := get(s, "/gpts?limit=21"); r.status != 400 {
		t.Errorf("cap set again: limit=21 gave %d", r.status)
	}
}
