package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// probeSim runs the named probes (all when none) against the simulator
// serving fixture, after setup, and returns the outcomes by probe id and the
// printed report. No network: the simulator listens on loopback.
func probeSim(t *testing.T, fixture *openaisim.Fixture, setup func(*openaisim.Server), only ...string) (map[string]result, string) {
	t.Helper()
	sim, err := openaisim.New(fixture)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	if setup != nil {
		setup(sim)
	}
	var out bytes.Buffer
	results, err := run(context.Background(), settings{
		AdminKey: openaisim.AdminKey, ComplianceKey: openaisim.ComplianceKey, WorkspaceID: sim.WorkspaceID(),
		AdminBaseURL: sim.AdminBaseURL(), ComplianceBaseURL: sim.ComplianceBaseURL(),
		Pacing: -1, Now: time.Now().UTC(), Only: only,
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]result{}
	for _, r := range results {
		byID[r.ID] = r
	}
	return byID, out.String()
}

func wantOutcome(t *testing.T, got map[string]result, id string, want outcome, detail string) {
	t.Helper()
	r, ok := got[id]
	if !ok {
		t.Fatalf("probe %s did not run", id)
	}
	if r.Outcome != want || !strings.Contains(r.Detail, detail) {
		t.Errorf("%s: [%s] %s; want [%s] containing %q", id, r.Outcome, r.Detail, want, detail)
	}
}

// The sample org agrees with every assumption it can show.
func TestProbesOnSampleOrg(t *testing.T) {
	got, out := probeSim(t, openaisim.SampleOrg(), nil)
	if len(got) != len(probes()) {
		t.Errorf("%d probes ran, want all %d", len(got), len(probes()))
	}
	for _, id := range []string{"tenant_only_tenant_types", "login_succeeded_listed", "api_key_created_joinable", "org_users_optional_fields",
		"owner_project_access_present", "no_future_timestamps", "archived_project_reads_refused", "compliance_limit_100", "gpt_tool_and_auth_types", "workspace_user_values"} {
		wantOutcome(t, got, id, holds, "")
	}
	// What is set in the sample org cannot show the unset case.
	for _, id := range []string{"audit_log_readable", "spend_limit_404_when_unset", "data_retention_404_when_unset", "model_permissions_404_when_unset"} {
		wantOutcome(t, got, id, notAsked, "cannot be seen")
	}
	if !strings.Contains(out, "[holds] compliance_limit_100") || !strings.Contains(out, "question:") {
		t.Errorf("report:\n%s", out)
	}
}

// Settings that are absent answer 404, which the probes recognise.
func TestProbesSeeUnsetSettings(t *testing.T) {
	f := openaisim.SampleOrg()
	f.Organization.SpendLimit = nil
	f.Organization.DataRetention = ""
	f.Organization.AuditLogsUnreadable = true
	f.Projects[0].ModelPermissions = nil
	got, _ := probeSim(t, f, nil, "audit_log_readable", "spend_limit_404_when_unset", "data_retention_404_when_unset", "model_permissions_404_when_unset")
	wantOutcome(t, got, "audit_log_readable", holds, "HTTP 403")
	wantOutcome(t, got, "spend_limit_404_when_unset", holds, "HTTP 404")
	wantOutcome(t, got, "data_retention_404_when_unset", holds, "HTTP 404")
	wantOutcome(t, got, "model_permissions_404_when_unset", holds, "HTTP 404")
}

// Each probe reports "differs" when the API answers otherwise.
func TestProbesSeeDifferences(t *testing.T) {
	fault := func(endpoint string, f openaisim.Fault) func(*openaisim.Server) {
		return func(s *openaisim.Server) { s.InjectFault(endpoint, f) }
	}
	cases := []struct {
		probe  string
		edit   func(*openaisim.Fixture)
		setup  func(*openaisim.Server)
		want   outcome
		detail string
	}{
		{probe: "tenant_only_rejects_mixed", want: holds, detail: "HTTP 400",
			setup: fault(openaisim.EndpointAdminAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 400, Message: "tenant_only requires tenant-scoped event types", Times: 1})},
		{probe: "tenant_only_tenant_types", want: differs, detail: "fails closed",
			setup: fault(openaisim.EndpointAdminAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 400, Times: 1})},
		{probe: "audit_log_readable", want: differs, detail: "HTTP 400",
			setup: fault(openaisim.EndpointAdminAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 400, Times: 1})},
		{probe: "org_users_optional_fields", want: differs, detail: "api_key_last_used_at absent",
			setup: fault(openaisim.EndpointAdminUsers, openaisim.Fault{Kind: openaisim.FaultMissingField, Field: "api_key_last_used_at"})},
		{probe: "owner_project_access_present", want: differs, detail: "owner_project_access absent",
			setup: fault(openaisim.EndpointAdminProjectAPIKeys, openaisim.Fault{Kind: openaisim.FaultMissingField, Field: "owner_project_access"})},
		{probe: "workspace_user_values", want: differs, detail: "deactivated",
			setup: fault(openaisim.EndpointComplianceUsers, openaisim.Fault{Kind: openaisim.FaultUnknownEnum, Field: "status", Value: "deactivated"})},
		{probe: "compliance_limit_100", want: differs, detail: "limit=100 answered 400",
			setup: fault(openaisim.EndpointComplianceGPTs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 400, Message: "limit must be at most 20", Times: 1})},
		{probe: "no_future_timestamps", want: differs, detail: "more than 24h ahead",
			edit: func(f *openaisim.Fixture) { f.AdminAPIKeys[0].CreatedAt = openaisim.Rel(72 * time.Hour) }},
		{probe: "gpt_tool_and_auth_types", want: differs, detail: "mutual_tls",
			edit: func(f *openaisim.Fixture) {
				for i := range f.Workspace.GPTs {
					for j := range f.Workspace.GPTs[i].Configs[0].Tools {
						if f.Workspace.GPTs[i].Configs[0].Tools[j].Type == "custom_action" {
							f.Workspace.GPTs[i].Configs[0].Tools[j].AuthType = "mutual_tls"
						}
					}
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.probe, func(t *testing.T) {
			f := openaisim.SampleOrg()
			if tc.edit != nil {
				tc.edit(f)
			}
			got, _ := probeSim(t, f, tc.setup, tc.probe)
			wantOutcome(t, got, tc.probe, tc.want, tc.detail)
		})
	}
}

// A probe reads one page of a list, however long the list.
func TestProbesReadFirstPagesOnly(t *testing.T) {
	f := openaisim.SampleOrg()
	for i := range 250 {
		f.Users = append(f.Users, openaisim.OrgUser{ID: fmt.Sprintf("user_big_%03d", i), Email: fmt.Sprintf("big%03d@example.com", i),
			Role: "reader", AddedAt: openaisim.Rel(-24 * time.Hour)})
	}
	var sim *openaisim.Server
	got, _ := probeSim(t, f, func(s *openaisim.Server) { sim = s }, "org_users_optional_fields")
	wantOutcome(t, got, "org_users_optional_fields", holds, "")
	if n := sim.RequestCount(openaisim.EndpointAdminUsers); n != 1 {
		t.Errorf("%d user list requests, want 1 (the first page)", n)
	}
}

// Keys never reach the report, even when the API echoes them.
func TestProbesNeverPrintKeys(t *testing.T) {
	sim, err := openaisim.New(openaisim.SampleOrg())
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	// Key-shaped (so the shape redaction is exercised too) but built at run
	// time from obviously fake parts, so no committed string looks like a key.
	admin := "sk-" + "admin-" + strings.Repeat("FAKE", 8)
	compliance := "sk-" + strings.Repeat("NOTAKEY", 4)
	echo := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body := `{"error":{"message":"Incorrect API key provided: ` + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + `","type":"invalid_request_error","code":"invalid_api_key"}}`
		return &http.Response{StatusCode: 401, Header: http.Header{"Content-Type": {"application/json"}}, Body: ioNopCloser(body), Request: r}, nil
	})
	for name, tr := range map[string]http.RoundTripper{"simulator": nil, "echoing server": echo} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			results, err := run(context.Background(), settings{AdminKey: admin, ComplianceKey: compliance, WorkspaceID: sim.WorkspaceID(),
				AdminBaseURL: sim.AdminBaseURL(), ComplianceBaseURL: sim.ComplianceBaseURL(), Pacing: -1, Now: time.Now(), Transport: tr}, &out)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{admin, compliance, "TESTONLY"} {
				if strings.Contains(out.String(), k) {
					t.Errorf("the report prints %q:\n%s", k, out.String())
				}
			}
			for _, r := range results {
				if r.Outcome != notAsked {
					t.Errorf("%s: [%s] with refused keys, want could not ask", r.ID, r.Outcome)
				}
			}
		})
	}
}

// The transport refuses anything but GET: the probe is read-only by
// construction.
func TestRecorderRefusesWrites(t *testing.T) {
	rec := newRecorder(roundTripFunc(func(r *http.Request) (*http.Response, error) {
		t.Fatalf("%s reached the network", r.Method)
		return nil, nil
	}))
	for _, m := range []string{http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch} {
		req, _ := http.NewRequest(m, "https://api.openai.com/v1/organization/admin_api_keys", nil)
		if _, err := rec.RoundTrip(req); err == nil || !strings.Contains(err.Error(), "GET requests only") {
			t.Errorf("%s: %v, want refused", m, err)
		}
	}
}

func TestRunNeedsAKey(t *testing.T) {
	_, err := run(context.Background(), settings{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "OPENAI_ADMIN_KEY") {
		t.Errorf("err = %v, want one naming OPENAI_ADMIN_KEY", err)
	}
}

// Without the compliance key, the compliance probes are not asked, and say why.
func TestProbesWithoutComplianceKey(t *testing.T) {
	sim, err := openaisim.New(openaisim.SampleOrg())
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	results, err := run(context.Background(), settings{AdminKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(), Pacing: -1, Now: time.Now()}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		for _, p := range probes() {
			if p.ID == r.ID && p.API == complianceAPI && (r.Outcome != notAsked || !strings.Contains(r.Detail, "OPENAI_COMPLIANCE_API_KEY")) {
				t.Errorf("%s: [%s] %s", r.ID, r.Outcome, r.Detail)
			}
		}
	}
	if n := sim.RequestCount(openaisim.EndpointComplianceGPTs); n != 0 {
		t.Errorf("%d compliance requests without a compliance key", n)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The API assumptions guide and the probes name each other: every probe id in
// the guide exists, and every probe is in the guide.
func TestGuideNamesEveryProbe(t *testing.T) {
	b, err := os.ReadFile("../../templates/guides/api-assumptions.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	inGuide := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(strings.TrimSpace(line), "| ")
		if !strings.HasPrefix(line, "|") || len(cells) < 2 {
			continue
		}
		last := cells[len(cells)-1]
		for _, m := range regexp.MustCompile("`([a-z0-9_]+)`").FindAllStringSubmatch(last, -1) {
			inGuide[m[1]] = true
		}
	}
	ids := map[string]bool{}
	for _, p := range probes() {
		ids[p.ID] = true
		if !inGuide[p.ID] {
			t.Errorf("probe %s is not named in the guide's probe column", p.ID)
		}
	}
	for id := range inGuide {
		if !ids[id] {
			t.Errorf("the guide names probe %s, which does not exist", id)
		}
	}
}
