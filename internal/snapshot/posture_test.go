package snapshot

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// seededRules is every check of the catalog with the baseline parameters
// that make the opt-in ones fire on the sample org (openaisim.Seed*).
func seededRules() []posture.Rule {
	patterns := openaisim.SeedDLPPatterns
	params := map[string]posture.Params{
		"dlp_conversation_file":          {"patterns": posture.ListValue(patterns...)},
		"dlp_gpt_file":                   {"patterns": posture.ListValue(patterns...)},
		"dlp_project_file":               {"patterns": posture.ListValue(patterns...)},
		"gpt_action_domain":              {"allowed_domains": posture.ListValue(openaisim.SeedAllowedActionDomains...)},
		"gpt_external_share":             {"allowed_domains": posture.ListValue(openaisim.SeedVerifiedDomains...)},
		"chatgpt_project_action_domain":  {"allowed_domains": posture.ListValue(openaisim.SeedAllowedActionDomains...)},
		"chatgpt_project_external_share": {"allowed_domains": posture.ListValue(openaisim.SeedVerifiedDomains...)},
		"key_user_owned":                 {"projects": posture.ListValue(openaisim.SeedUserOwnedKeyProjects...)},
		"project_hosted_tools":           {"allowed_tools": posture.ListValue(openaisim.SeedAllowedHostedTools...)},
		"data_retention":                 {"mode": posture.StringValue(openaisim.SeedDeclaredDataRetention)},
	}
	var rules []posture.Rule
	for _, c := range posture.Catalog() {
		rules = append(rules, posture.Rule{CheckID: c.ID, Params: params[c.ID], Enforcement: "error"})
	}
	return rules
}

func evaluate(t *testing.T, fixture *openaisim.Fixture) (posture.Result, *openaisim.Server) {
	t.Helper()
	sim, err := openaisim.New(fixture)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(),
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := seededRules()
	snap := New(client).PostureSnapshot(context.Background(), rules, time.Now())
	return posture.Evaluate(snap, rules), sim
}

func TestSampleOrgYieldsExactlyTheSeededFindings(t *testing.T) {
	res, _ := evaluate(t, openaisim.SampleOrg())
	for _, r := range res.Rules {
		for _, e := range r.Errors {
			t.Errorf("%s: unexpected data error: %v", r.CheckID, e)
		}
		got := map[string]bool{}
		for _, f := range r.Findings {
			got[f.SubjectID] = true
		}
		want := openaisim.SeededViolations[r.CheckID].Subjects
		if r.CheckID == "audit_logging" {
			want = nil // seeded only in SampleOrgAuditLogsUnreadable
		}
		if !sameSet(keys(got), want) {
			t.Errorf("%s: findings on %v, want exactly %v", r.CheckID, keys(got), want)
		}
	}
}

func TestCleanOrgYieldsNoFindings(t *testing.T) {
	res, _ := evaluate(t, openaisim.CleanOrg())
	for _, r := range res.Rules {
		for _, e := range r.Errors {
			t.Errorf("%s: unexpected data error: %v", r.CheckID, e)
		}
		for _, f := range r.Findings {
			t.Errorf("%s: unexpected finding on %s: %s", r.CheckID, f.SubjectID, f.Observed)
		}
	}
}

func TestUnreadableAuditLogsAreAFinding(t *testing.T) {
	res, _ := evaluate(t, openaisim.SampleOrgAuditLogsUnreadable())
	for _, r := range res.Rules {
		if r.CheckID != "audit_logging" {
			continue
		}
		if len(r.Findings) != 1 || len(r.Errors) != 0 {
			t.Fatalf("audit_logging: %d findings, errors %v; want one finding", len(r.Findings), r.Errors)
		}
		return
	}
	t.Fatal("audit_logging not evaluated")
}

// TestEveryCollectionFetchedOnce runs every check in one snapshot and
// asserts each endpoint was asked once per page (all fixture lists fit in one
// page) and per-project endpoints once per project.
func TestEveryCollectionFetchedOnce(t *testing.T) {
	_, sim := evaluate(t, openaisim.SampleOrg())
	for key, n := range sim.RequestCounts() {
		if n == 0 {
			continue
		}
		if strings.Contains(key, "{project_id}") || strings.Contains(key, "{gpt_id}") || strings.Contains(key, "{file_id}") ||
			strings.Contains(key, "{group_id}") || strings.Contains(key, "{user_id}") {
			continue // checked below; file content once per file (content_test.go)
		}
		want := 1
		if key == openai.EndpointAuditLogs {
			want = 2 // the organization query and the tenant_only one (shared decision 4)
		}
		if n != want {
			t.Errorf("%s requested %d times, want %d", key, n, want)
		}
	}
	projects := len(sim.Fixture().Projects)
	if got := sim.RequestCount(openai.EndpointProjectAPIKeys); got != projects {
		t.Errorf("project api_keys requested %d times for %d projects", got, projects)
	}
	checkRBACFetchedOnce(t, sim)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}
