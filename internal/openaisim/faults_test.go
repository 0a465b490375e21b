package openaisim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFaultStatusAndHeaders(t *testing.T) {
	s := newSim(t, SampleOrg())
	u := s.AdminBaseURL() + "/organization/users"
	date := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	cases := []Fault{
		{Kind: FaultStatus, Status: 429, RetryAfter: "2", Times: 1},
		{Kind: FaultStatus, Status: 429, RetryAfter: date, Times: 1},
		{Kind: FaultStatus, Status: 429, RetryAfterMs: "150", Times: 1},
		{Kind: FaultStatus, Status: 429, Times: 1},
		{Kind: FaultStatus, Status: 500, Times: 1},
		{Kind: FaultStatus, Status: 502, ShouldRetry: "false", Times: 1},
		{Kind: FaultStatus, Status: 503, ShouldRetry: "true", Times: 1},
		{Kind: FaultStatus, Status: 504, Times: 1},
		{Kind: FaultStatus, Status: 401, Times: 1},
		{Kind: FaultStatus, Status: 403, Times: 1},
		{Kind: FaultStatus, Status: 404, Times: 1},
	}
	for _, f := range cases {
		s.InjectFault(EndpointAdminUsers, f)
		r := doGet(t, u, AdminKey)
		e, _ := r.body["error"].(map[string]any)
		if r.status != f.Status || e == nil || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("%+v: %d %s", f, r.status, r.raw)
		}
		if r.header.Get("Retry-After") != f.RetryAfter || r.header.Get("Retry-After-Ms") != f.RetryAfterMs || r.header.Get("X-Should-Retry") != f.ShouldRetry {
			t.Errorf("%+v: headers %v", f, r.header)
		}
		if r := doGet(t, u, AdminKey); r.status != 200 { // Times: 1 -> passes afterwards
			t.Errorf("%+v: second request %d", f, r.status)
		}
	}
}

func TestFaultTimesSemantics(t *testing.T) {
	s := newSim(t, SampleOrg())
	u := s.AdminBaseURL() + "/organization/invites"
	s.InjectFault(EndpointAdminInvites, Fault{Kind: FaultStatus, Status: 500, Times: 2})
	s.InjectFault(EndpointAdminInvites, Fault{Kind: FaultStatus, Status: 503, Times: 1})
	var got []int
	for i := 0; i < 5; i++ {
		got = append(got, doGet(t, u, AdminKey).status)
	}
	if want := []int{500, 500, 503, 200, 200}; !equalInts(got, want) {
		t.Errorf("sequence %v want %v", got, want)
	}
	s.InjectFault(EndpointAdminInvites, Fault{Kind: FaultStatus, Status: 502}) // always
	for i := 0; i < 3; i++ {
		if st := doGet(t, u, AdminKey).status; st != 502 {
			t.Errorf("always fault: %d", st)
		}
	}
	s.ClearFaults()
	if st := doGet(t, u, AdminKey).status; st != 200 {
		t.Errorf("after ClearFaults: %d", st)
	}
	s.InjectFault(AllEndpoints, Fault{Kind: FaultStatus, Status: 500, Times: 1})
	if st := doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+"/gpts", ComplianceKey).status; st != 500 {
		t.Errorf("AllEndpoints fault: %d", st)
	}
	if st := doGet(t, u, AdminKey).status; st != 200 {
		t.Errorf("AllEndpoints fault consumed: %d", st)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFaultTransportLevel(t *testing.T) {
	s := newSim(t, SampleOrg())
	u := s.AdminBaseURL() + "/organization/projects"
	get := func(client *http.Client) (*http.Response, []byte, error) {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+AdminKey)
		r, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer r.Body.Close()
		b, err := io.ReadAll(r.Body)
		return r, b, err
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultConnReset, Times: 1})
	if _, _, err := get(testClient); err == nil {
		t.Error("connection reset: no error")
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultTruncated, Times: 1})
	r, b, err := get(testClient)
	if err != nil || r.StatusCode != 200 || json.Valid(b) || len(b) == 0 {
		t.Errorf("truncated: %v %d valid=%v", err, r.StatusCode, json.Valid(b))
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultHTML, Times: 1})
	r, b, _ = get(testClient)
	if r.StatusCode != 502 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "<html>") {
		t.Errorf("html: %d %s", r.StatusCode, b)
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultWrongContentType, Times: 1})
	r, b, _ = get(testClient)
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !json.Valid(b) {
		t.Errorf("wrong content type: %v", r.Header)
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultOversized, Size: 2 << 20, Times: 1})
	r, b, _ = get(testClient)
	if r.StatusCode != 200 || len(b) != 2<<20 || !json.Valid(b) {
		t.Errorf("oversized: %d bytes valid=%v", len(b), json.Valid(b))
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultTimeout, Times: 1})
	start := time.Now()
	_, _, err = get(&http.Client{Timeout: 200 * time.Millisecond})
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("timeout: %v after %v", err, time.Since(start))
	}

	s.InjectFault(EndpointAdminProjects, Fault{Kind: FaultLatency, Latency: 150 * time.Millisecond, Times: 1})
	start = time.Now()
	if r, _, err := get(testClient); err != nil || r.StatusCode != 200 || time.Since(start) < 150*time.Millisecond {
		t.Errorf("latency: %v %v", err, time.Since(start))
	}
	s.SetLatency(100 * time.Millisecond)
	start = time.Now()
	if _, _, err := get(testClient); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 100*time.Millisecond {
		t.Errorf("global latency not applied")
	}
	s.SetLatency(0)

	// A hung request ends when the server closes.
	s2 := newSim(t, SampleOrg())
	s2.InjectFault(EndpointAdminUsers, Fault{Kind: FaultTimeout})
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, s2.AdminBaseURL()+"/organization/users", nil)
		req.Header.Set("Authorization", "Bearer "+AdminKey)
		r, err := testClient.Do(req)
		if err == nil {
			_ = r.Body.Close()
			err = errors.New("unexpected response")
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	s2.Close()
	select {
	case err := <-done:
		t.Logf("hung request ended: %v", err)
	case <-time.After(5 * time.Second):
		t.Error("Close did not abort a hung request")
	}
}

func TestFaultBodyMutations(t *testing.T) {
	s := newSim(t, SampleOrg())
	u := s.AdminBaseURL() + "/organization/users?limit=2"

	s.InjectFault(EndpointAdminUsers, Fault{Kind: FaultRepeatedCursor, Times: 2})
	first := doGet(t, u, AdminKey)
	second := doGet(t, u+"&after="+first.body["last_id"].(string), AdminKey)
	if second.body["last_id"] != first.body["last_id"] || second.body["has_more"] != true {
		t.Errorf("repeated cursor: %s / %s", first.raw, second.raw)
	}

	s.InjectFault(EndpointAdminUsers, Fault{Kind: FaultHasMoreEmpty, Times: 1})
	r := doGet(t, u, AdminKey)
	if len(r.body["data"].([]any)) != 0 || r.body["has_more"] != true || r.body["last_id"] != nil {
		t.Errorf("has_more empty: %s", r.raw)
	}
	cu := s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID() + "/gpts"
	s.InjectFault(EndpointComplianceGPTs, Fault{Kind: FaultHasMoreEmpty, Times: 1})
	r = doGet(t, cu, ComplianceKey)
	if _, has := r.body["last_id"]; has || r.body["has_more"] != true {
		t.Errorf("compliance has_more empty: %s", r.raw)
	}

	s.InjectFault(EndpointAdminUsers, Fault{Kind: FaultMissingField, Times: 1})
	r = doGet(t, u, AdminKey)
	for _, it := range r.body["data"].([]any) {
		if _, ok := it.(map[string]any)["id"]; ok {
			t.Errorf("missing id: still present")
		}
	}
	s.InjectFault(EndpointAdminUsers, Fault{Kind: FaultMissingField, Field: "added_at", Times: 1})
	r = doGet(t, u, AdminKey)
	if _, ok := r.body["data"].([]any)[0].(map[string]any)["added_at"]; ok {
		t.Errorf("missing added_at: still present")
	}
	s.InjectFault(EndpointAdminSpendLimit, Fault{Kind: FaultMissingField, Field: "enforcement", Times: 1})
	if r := doGet(t, s.AdminBaseURL()+"/organization/spend_limit", AdminKey); r.body["enforcement"] != nil {
		t.Errorf("single object missing field: %s", r.raw)
	}

	s.InjectFault(EndpointAdminUsers, Fault{Kind: FaultUnknownEnum, Times: 1})
	r = doGet(t, u, AdminKey)
	if r.body["data"].([]any)[0].(map[string]any)["role"] != "sim_unknown_enum_value" {
		t.Errorf("unknown enum: %s", r.raw)
	}
	s.InjectFault(EndpointComplianceGPTs, Fault{Kind: FaultUnknownEnum, Field: "visibility", Value: "galaxy", Times: 1})
	r = doGet(t, cu, ComplianceKey)
	g := r.body["data"].([]any)[0].(map[string]any)
	if g["sharing"].(map[string]any)["visibility"] != "galaxy" {
		t.Errorf("nested unknown enum: %v", g["sharing"])
	}
}

func TestRateLimit(t *testing.T) {
	s := newSim(t, SampleOrg())
	u := s.AdminBaseURL() + "/organization/users"
	s.SetRateLimit(EndpointAdminUsers, 3)
	for i := 0; i < 3; i++ {
		if st := doGet(t, u, AdminKey).status; st != 200 {
			t.Fatalf("request %d: %d", i, st)
		}
	}
	r := doGet(t, u, AdminKey)
	if r.status != 429 || r.body["error"] == nil {
		t.Fatalf("4th request: %d %s", r.status, r.raw)
	}
	ra, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || ra < 1 || ra > 20 {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// Other endpoints are not limited.
	if st := doGet(t, s.AdminBaseURL()+"/organization/invites", AdminKey).status; st != 200 {
		t.Errorf("other endpoint: %d", st)
	}
	// Time scale: 60/min at scale 600 refills a token every 1.7 ms.
	s.SetRateLimit(EndpointAdminUsers, 60)
	s.SetTimeScale(600)
	limited := 0
	for i := 0; i < 200; i++ {
		r := doGet(t, u, AdminKey)
		if r.status == 429 {
			limited++
			if r.header.Get("Retry-After-Ms") == "" {
				t.Fatalf("scaled 429 without Retry-After-Ms")
			}
			ms, _ := strconv.Atoi(r.header.Get("Retry-After-Ms"))
			time.Sleep(time.Duration(ms) * time.Millisecond)
		}
	}
	if limited == 0 {
		t.Log("no 429 at scale (fast refill); fine")
	}
	s.ClearRateLimits()
	if st := doGet(t, u, AdminKey).status; st != 200 {
		t.Errorf("after clear: %d", st)
	}
	rl := RealisticRateLimits()
	if rl[EndpointComplianceGPTs] != 50 || rl[EndpointComplianceGPT] != 100 || rl[EndpointAdminUsers] != 10 || len(rl) != len(EndpointKeys()) {
		t.Errorf("realistic preset: %v", rl)
	}
	s3 := newSim(t, SampleOrg(), WithRealisticRateLimits())
	for i := 0; i < 10; i++ {
		doGet(t, s3.AdminBaseURL()+"/organization/users", AdminKey)
	}
	if r := doGet(t, s3.AdminBaseURL()+"/organization/users", AdminKey); r.status != 429 {
		t.Errorf("realistic admin limit: 11th request %d", r.status)
	}
}
