package openaisim

import (
	"testing"
)

// countOK sends n GETs to url and returns how many were answered 200 (the rest
// must be 429).
func countOK(t *testing.T, url string, n int) int {
	t.Helper()
	ok := 0
	for i := 0; i < n; i++ {
		switch st := doGet(t, url, AdminKey).status; st {
		case 200:
			ok++
		case 429:
		default:
			t.Fatalf("%s: status %d", url, st)
		}
	}
	return ok
}

func TestRateLimitModeTemplate(t *testing.T) {
	s := newSim(t, SampleOrg(), WithRateLimitMode(RateLimitsPerTemplate))
	ids := s.fx.Projects
	if len(ids) < 2 {
		t.Fatal("sample org needs two projects")
	}
	keys := func(i int) string { return s.AdminBaseURL() + "/organization/projects/" + ids[i].ID + "/api_keys" }
	// Every project's api_keys shares one bucket of 10.
	if got := countOK(t, keys(0), 6) + countOK(t, keys(1), 6); got != AdminPerTemplatePerMinute {
		t.Errorf("two projects together got %d, want %d", got, AdminPerTemplatePerMinute)
	}
	// Compliance keeps its documented limit per template.
	if RealisticRateLimits()[EndpointComplianceGPTs] != 50 {
		t.Error("compliance preset changed")
	}
}

func TestRateLimitModePath(t *testing.T) {
	s := newSim(t, SampleOrg(), WithRateLimitMode(RateLimitsPerPath))
	ids := s.fx.Projects
	keys := func(i int) string { return s.AdminBaseURL() + "/organization/projects/" + ids[i].ID + "/api_keys" }
	// Each concrete path has its own bucket of 60; the query is not part of it.
	if got := countOK(t, keys(0), 40) + countOK(t, keys(0)+"?limit=100", 40); got != AdminPerPathPerMinute {
		t.Errorf("one project got %d, want %d", got, AdminPerPathPerMinute)
	}
	if got := countOK(t, keys(1), 61); got != AdminPerPathPerMinute {
		t.Errorf("another project got %d, want its own %d", got, AdminPerPathPerMinute)
	}
	s.SetRateLimitMode(RateLimitsOff)
	if got := countOK(t, keys(0), 5); got != 5 {
		t.Errorf("after off: %d of 5", got)
	}
}

func TestParseRateLimitMode(t *testing.T) {
	for in, want := range map[string]RateLimitMode{"off": RateLimitsOff, "": RateLimitsOff, "template": RateLimitsPerTemplate, "path": RateLimitsPerPath} {
		if got, err := ParseRateLimitMode(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := ParseRateLimitMode("paths"); err == nil {
		t.Error("bad mode accepted")
	}
}
