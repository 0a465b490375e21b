package provider

// Every HCL example the docs show (examples/**/*.tf, inline fences of
// templates/**) is run here with the real CLI against the simulator, and each
// claim its text makes is asserted. TestExamplesInventory fails when a new
// example has no entry in exampleTable, so an example cannot be added without
// a test of what it says.
//
// Run: TF_ACC=1 TF_ACC_TERRAFORM_PATH=$PWD/.tools/bin/terraform-1.5.7 go test -count=1 -run '^TestAccExamples' ./internal/provider/

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// exampleClaim is one thing the docs say an example does, and how to see it.
type exampleClaim struct {
	claim string
	run   func(t *testing.T, c *exampleCLI)
}

// exampleEntry covers documented HCL: the keys of documentedHCL it runs.
type exampleEntry struct {
	covers []string
	claims []exampleClaim
}

// exampleTable: example -> claim -> assertion.
func exampleTable() []exampleEntry {
	return []exampleEntry{
		providerExample(),
		usersExample(), serviceAccountsExample(), workspaceUsersExample(), postureFindingsExample(),
		userExample(), adminKeysExample(), invitesExample(), projectKeysExample(), projectsExample(),
		workspaceSettingsExample(), gptsExample(), gptExample(), chatGPTProjectsExample(), chatGPTProjectExample(),
		postureCheckExample(), importExample(),
		gettingStartedExample(), officialProviderExample(), onboardingKeysExample(),
		pipelineBaselineExample(), pipelineReportExample(),
		waiversExample(), waiversNameMatchExample(),
		demoExample(), checkCatalogExample(), fleetExample(),
		rolesExample(), groupsExample(), postureFindingsFrameworksExample(),
		adoptionExample(), pipelineDriftExample(),
	}
}

// TestExamplesInventory needs no CLI: every documented piece of HCL has an
// entry, and every entry covers something that exists.
func TestExamplesInventory(t *testing.T) {
	covered := map[string]bool{}
	for _, e := range exampleTable() {
		if len(e.claims) == 0 {
			t.Errorf("%v: an entry without claims tests nothing", e.covers)
		}
		for _, c := range e.covers {
			covered[c] = true
		}
	}
	found := map[string]bool{}
	for _, key := range documentedHCL(t) {
		found[key] = true
		if covered[key] {
			continue
		}
		if tmpl, _, ok := strings.Cut(key, "#"); ok && covered[tmpl+"#*"] {
			continue
		}
		t.Errorf("%s is documented HCL without an entry in exampleTable (examples_acc_test.go): add the claims its text makes", key)
	}
	for key := range covered {
		if strings.HasSuffix(key, "#*") {
			if len(templateFences(t, strings.TrimSuffix(key, "#*"))) == 0 {
				t.Errorf("exampleTable covers %s, which has no HCL fences", key)
			}
			continue
		}
		if !found[key] {
			t.Errorf("exampleTable covers %s, which is not documented HCL any more", key)
		}
	}
}

// TestAccExamples runs every claim of exampleTable.
func TestAccExamples(t *testing.T) {
	unsetProviderEnv(t)
	c := newExampleCLI(t)
	for _, e := range exampleTable() {
		for _, cl := range e.claims {
			t.Run(e.covers[0]+": "+cl.claim, func(t *testing.T) {
				t.Parallel()
				cl.run(t, c)
			})
		}
	}
}

// --- helpers shared by the entries ---------------------------------------

// simFor starts the simulator with the docs org changed by edit.
func simFor(t *testing.T, edit func(*openaisim.Fixture)) *openaisim.Server {
	t.Helper()
	return startSimulator(t, docsOrg(t, edit))
}

// planExample copies the example files (path -> content, by base name) into a
// fresh directory and plans them against sim.
func planExample(t *testing.T, c *exampleCLI, sim *openaisim.Server, files map[string]string, extra ...string) *exampleRun {
	t.Helper()
	return c.workdir(t, files, simEnv(sim)).plan(t, extra...)
}

// exampleFiles reads example files by repository path, keyed by base name.
func exampleFiles(t *testing.T, paths ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range paths {
		out[filepath.Base(p)] = readExample(t, p)
	}
	return out
}

// one is a single-file example as its own root module.
func one(t *testing.T, path string) map[string]string { return exampleFiles(t, path) }

// edited replaces old by new in the single file of files; the test fails if
// old is not there (the example changed under the test).
func edited(t *testing.T, files map[string]string, old, replacement string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, src := range files {
		if !strings.Contains(src, old) {
			t.Fatalf("%s no longer contains %q; update the test with the example", name, old)
		}
		out[name] = strings.Replace(src, old, replacement, 1)
	}
	return out
}

func day(n int) openaisim.Time { return openaisim.Rel(time.Duration(n) * 24 * time.Hour) }

func addAdminKey(f *openaisim.Fixture, id, name string, created int, lastUsed *int, expires bool) {
	k := openaisim.AdminAPIKey{ID: id, Name: name, CreatedAt: day(-created), Owner: openaisim.KeyOwner{Type: "user", ID: "user_docs_bob"}}
	if lastUsed != nil {
		k.LastUsedAt = day(-*lastUsed)
	}
	if expires {
		k.ExpiresAt = day(30)
	}
	f.AdminAPIKeys = append(f.AdminAPIKeys, k)
}

func intp(n int) *int { return &n }

func gptByID(f *openaisim.Fixture, id string) *openaisim.GPT {
	for i := range f.Workspace.GPTs {
		if f.Workspace.GPTs[i].ID == id {
			return &f.Workspace.GPTs[i]
		}
	}
	panic("docs org has no GPT " + id)
}

func projectByID(f *openaisim.Fixture, id string) *openaisim.Project {
	for i := range f.Projects {
		if f.Projects[i].ID == id {
			return &f.Projects[i]
		}
	}
	panic("docs org has no project " + id)
}

// shareOutside adds a GPT shared with an address outside example.com.
func shareOutside(f *openaisim.Fixture, id, email string) {
	f.Workspace.GPTs = append(f.Workspace.GPTs, openaisim.GPT{
		ID: id, CreatedAt: day(-3), OwnerID: "user-ws-bob", OwnerEmail: "bob@example.com",
		Sharing: openaisim.Sharing{Visibility: "invite-only", Permissions: openaisim.Permissions{CanRead: true},
			Recipients: []openaisim.Recipient{{ID: "user-ext-" + id, Email: email, Permissions: openaisim.Permissions{CanRead: true}}}},
		Configs: []openaisim.GPTConfig{{ID: "gzm_cnf_" + id, Name: id}},
	})
}

// noPublicLink makes the press kit GPT workspace-only.
func noPublicLink(f *openaisim.Fixture) { gptByID(f, "g-PressKit").Sharing.Visibility = "invite-only" }

// noOutsideShare removes the auditors from the audit GPT.
func noOutsideShare(f *openaisim.Fixture) {
	g := gptByID(f, "g-AuditWorkpapers")
	g.Sharing.Recipients = g.Sharing.Recipients[1:]
}

// mapKeys returns the sorted keys of a JSON object value.
func mapKeys(t *testing.T, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v (%T) is not an object", v, v)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func wantKeys(t *testing.T, what string, v any, want ...string) {
	t.Helper()
	got := mapKeys(t, v)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s has keys %q, want %q", what, got, want)
	}
}

func wantEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s = %s, want %s", what, g, w)
	}
}

// idsOf lists a field of each object of a list attribute.
func idsOf(t *testing.T, values map[string]any, list, field string) []any {
	t.Helper()
	items, _ := values[list].([]any)
	out := []any{}
	for _, it := range items {
		out = append(out, it.(map[string]any)[field])
	}
	return out
}

// --- provider and data sources --------------------------------------------

func providerExample() exampleEntry {
	const path = "examples/provider/provider.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"is a valid configuration", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			c.workdir(t, one(t, path), simEnv(sim)).run(t, "validate").wantExit(t, 0)
		}},
		{"the tuning values shown are the defaults", func(t *testing.T, c *exampleCLI) {
			src := readExample(t, path)
			for attr, def := range map[string]string{
				"request_timeout": fmt.Sprintf("%q", shortDuration(openai.DefaultRequestTimeout)),
				"total_timeout":   fmt.Sprintf("%q", shortDuration(openai.DefaultTotalTimeout)),
				"max_retries":     fmt.Sprint(openai.DefaultMaxRetries),
				// 0 selects the adaptive pacing, the default for both APIs.
				"compliance_requests_per_minute": "0 # adaptive: burst, then follow Retry-After and 429s",
			} {
				re := regexp.MustCompile(`(?m)^\s*` + attr + `\s*=\s*(.+)$`)
				m := re.FindStringSubmatch(src)
				if m == nil || strings.TrimSpace(m[1]) != def {
					t.Errorf("%s: the example says %v, the default is %s", attr, m, def)
				}
			}
		}},
		{"keys from the environment configure it: a data source reads through it", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			files := one(t, path)
			files["probe.tf"] = "data \"openai_projects\" \"probe\" {}\n"
			r := planExample(t, c, sim, files)
			r.wantExit(t, 0)
			if n := len(idsOf(t, r.data(t, "data.openai_projects.probe"), "projects", "id")); n != 3 {
				t.Errorf("%d projects read, want 3", n)
			}
		}},
	}}
}

func usersExample() exampleEntry {
	const path = "examples/data-sources/openai_users/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"outputs list owners, users not managed by SCIM, and company users with keys unused for 90 days", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "organization_owners", r.output(t, "organization_owners"), "security-lead@example.com", "bob@example.com")
			wantStrings(t, "users_not_scim_managed", r.output(t, "users_not_scim_managed"), "carol@example.com")
			wantStrings(t, "dormant_api_users", r.output(t, "dormant_api_users"), "dormant@example.com")
		}},
		{"each filtered block stores only its users; email_suffix leaves other domains out", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				f.Users = append(f.Users, openaisim.OrgUser{ID: "user_docs_partner", Email: "dormant@partner.test", Role: "reader",
					AddedAt: day(-400), APIKeyLastUsedAt: day(-200)})
			}), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "owners block", idsOf(t, r.data(t, "data.openai_users.owners"), "users", "id"), "user-abc123", "user_docs_bob")
			wantStrings(t, "not_scim_managed block", idsOf(t, r.data(t, "data.openai_users.not_scim_managed"), "users", "id"), "user_docs_carol", "user_docs_partner")
			wantStrings(t, "dormant_api_users", r.output(t, "dormant_api_users"), "dormant@example.com")
		}},
	}}
}

func serviceAccountsExample() exampleEntry {
	const path = "examples/data-sources/openai_service_accounts/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists the service accounts of active projects and names the archived ones in skipped_archived_project_ids", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			by := r.output(t, "service_accounts_by_project")
			wantKeys(t, "service_accounts_by_project", by, "proj_abc123", "proj_docs_research")
			wantStrings(t, "service accounts of proj_abc123", by.(map[string]any)["proj_abc123"], "prod-api", "batch-runner")
			wantStrings(t, "projects_not_inspected", r.output(t, "projects_not_inspected"), "proj_docs_archived")
			for _, p := range idsOf(t, r.data(t, "data.openai_service_accounts.production"), "service_accounts", "project_id") {
				if p != "proj_abc123" {
					t.Errorf("project_id filter: a service account of %v", p)
				}
			}
		}},
	}}
}

func workspaceUsersExample() exampleEntry {
	const path = "examples/data-sources/openai_workspace_users/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"outputs list workspace owners and admins, and inactive users", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "workspace_admins", r.output(t, "workspace_admins"), "alice@example.com", "bob@example.com")
			wantStrings(t, "inactive_workspace_users", r.output(t, "inactive_workspace_users"), "erin@example.com")
			wantStrings(t, "owners block", idsOf(t, r.data(t, "data.openai_workspace_users.owners"), "users", "id"), "user-ws-alice")
			wantStrings(t, "inactive block", idsOf(t, r.data(t, "data.openai_workspace_users.inactive"), "users", "id"), "user-ws-erin")
		}},
		{"needs compliance_api_key and workspace_id", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			r := c.workdir(t, one(t, path), simEnv(sim, envComplianceAPIKey)).plan(t)
			r.wantExit(t, 1)
			r.wantOut(t, `compliance`)
		}},
	}}
}

func postureFindingsExample() exampleEntry {
	const path = "examples/data-sources/openai_posture_findings/data-source.tf"
	const addr = "data.openai_posture_findings.all"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"evaluates every default check plus the two opt-in ones declared, never failing on findings", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			got := map[string]bool{}
			for _, id := range stringSet(t, r.data(t, addr)["evaluated_checks"]) {
				got[id] = true
			}
			for _, ch := range posture.Catalog() {
				want := !ch.OptIn || ch.ID == "dlp_gpt_file" || ch.ID == "gpt_external_share"
				if got[ch.ID] != want {
					t.Errorf("check %s evaluated = %v, want %v", ch.ID, got[ch.ID], want)
				}
			}
		}},
		{"the waiver accepts the code interpreter finding of g-DataAnalyst; other findings stay", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			d := r.data(t, addr)
			wantEqual(t, "waived", finding(t, d, "gpt_code_interpreter", "g-DataAnalyst")["waived"], true)
			wantEqual(t, "waived", finding(t, d, "gpt_external_share", "g-AuditWorkpapers")["waived"], false)
		}},
		{"max_age_days = 60 flags a 70-day-old admin key (the default 90 would not)", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				addAdminKey(f, "key_docs_admin_70d", "seventy-days", 70, intp(1), true)
			}), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "waived", finding(t, r.data(t, addr), "admin_key_rotation", "key_docs_admin_70d")["waived"], false)
		}},
		{"outputs score, high count, SARIF and JUnit", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			counts := r.data(t, addr)["counts"].(map[string]any)
			wantEqual(t, "high_findings", r.output(t, "high_findings"), counts["high"])
			if h, _ := counts["high"].(float64); h < 1 {
				t.Errorf("high_findings = %v, want the external share at least", counts["high"])
			}
			if s, ok := r.output(t, "posture_score").(float64); !ok || s < 0 || s > 100 {
				t.Errorf("posture_score = %v", r.output(t, "posture_score"))
			}
			var sarif struct {
				Version string `json:"version"`
			}
			if err := json.Unmarshal([]byte(r.output(t, "sarif").(string)), &sarif); err != nil || sarif.Version != "2.1.0" {
				t.Errorf("sarif is not a SARIF 2.1.0 log: %v %q", err, sarif.Version)
			}
			if j := r.output(t, "junit").(string); !strings.Contains(j, "<testsuite") {
				t.Errorf("junit is not JUnit XML: %.200s", j)
			}
		}},
	}}
}

func userExample() exampleEntry {
	const path = "examples/data-sources/openai_user/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"finds a user by email and by id; the postcondition holds for an owner", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			if s, _ := r.output(t, "security_lead_added_at").(string); !rfc3339Re.MatchString(s) {
				t.Errorf("security_lead_added_at = %q", s)
			}
			wantEqual(t, "by_id email", r.data(t, "data.openai_user.by_id")["email"], "security-lead@example.com")
		}},
		{"the postcondition fails the plan when the security lead is not an owner", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { f.Users[0].Role = "reader" }), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `The security lead must be an organization owner\.`)
		}},
		{"exactly one of id and email", func(t *testing.T, c *exampleCLI) {
			files := edited(t, one(t, path), `email = "security-lead@example.com"`, `email = "security-lead@example.com"
  id    = "user-abc123"`)
			r := c.workdir(t, files, simEnv(simFor(t, nil))).run(t, "validate")
			r.wantExit(t, 1)
			r.wantOut(t, `email`, `id`)
		}},
	}}
}

var rfc3339Re = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func adminKeysExample() exampleEntry {
	const path = "examples/data-sources/openai_admin_api_keys/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists keys unused for 90 days and never-used keys separately", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				addAdminKey(f, "key_docs_stale", "stale-key", 200, intp(100), true)
				addAdminKey(f, "key_docs_never", "never-used-key", 20, nil, true)
			}), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "stale_admin_keys", r.output(t, "stale_admin_keys"), "stale-key")
			wantStrings(t, "never_used_admin_keys", r.output(t, "never_used_admin_keys"), "never-used-key")
		}},
	}}
}

func invitesExample() exampleEntry {
	const path = "examples/data-sources/openai_invites/data-source.tf"
	const warning = `An invitation to become organization owner is pending\.`
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"pending_invites maps pending invites to role, expiry and project grants", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			p := r.output(t, "pending_invites")
			wantKeys(t, "pending_invites", p, "new-hire@example.com")
			inv := p.(map[string]any)["new-hire@example.com"].(map[string]any)
			wantEqual(t, "role", inv["role"], "reader")
			wantStrings(t, "projects", inv["projects"], "proj_abc123:member")
			r.wantNoOut(t, warning)
		}},
		{"the check block warns (without failing) while an owner invite is pending", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				f.Invites = append(f.Invites, openaisim.Invite{ID: "invite-docs-owner", Email: "new-owner@example.com",
					Role: "owner", Status: "pending", CreatedAt: day(-1), ExpiresAt: day(6)})
			}), one(t, path))
			r.wantExit(t, 0)
			r.wantOut(t, `Warning: Check block assertion failed`, warning)
		}},
	}}
}

func projectKeysExample() exampleEntry {
	const path = "examples/data-sources/openai_project_api_keys/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists every key, archived projects included; outputs orphaned and year-old keys and the keys of the projects named", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "keys of all", idsOf(t, r.data(t, "data.openai_project_api_keys.all"), "keys", "id"),
				"key_docs_prod_api", "key_batchExport7Q", "key_docs_research_eval", "key_docs_research_carol", "key_docs_pilot_old")
			wantStrings(t, "orphaned_project_keys", r.output(t, "orphaned_project_keys"), "proj_docs_research/carol-notebook")
			wantStrings(t, "project_keys_older_than_a_year", r.output(t, "project_keys_older_than_a_year"), "sk-proj-****pilt")
			wantStrings(t, "customer_facing_key_names", r.output(t, "customer_facing_key_names"),
				"proj_abc123/prod-api-key", "proj_abc123/batch-export-key", "proj_docs_research/eval-key", "proj_docs_research/carol-notebook")
		}},
		{"the postcondition fails the plan on a person's key in the production project", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				p := projectByID(f, "proj_abc123")
				p.APIKeys = append(p.APIKeys, openaisim.ProjectAPIKey{ID: "key_docs_bob_prod", Name: "bob-laptop", CreatedAt: day(-1),
					Owner: openaisim.KeyOwner{Type: "user", ID: "user_docs_bob"}})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Production keys must belong to service accounts, not people\.`)
		}},
	}}
}

func projectsExample() exampleEntry {
	const path = "examples/data-sources/openai_projects/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"splits projects into active (id -> name) and archived (id -> archived_at)", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "active_projects", r.output(t, "active_projects"), map[string]any{"proj_abc123": "production", "proj_docs_research": "research"})
			a := r.output(t, "archived_projects")
			wantKeys(t, "archived_projects", a, "proj_docs_archived")
			if s, _ := a.(map[string]any)["proj_docs_archived"].(string); !rfc3339Re.MatchString(s) {
				t.Errorf("archived_at = %q", s)
			}
		}},
	}}
}

func workspaceSettingsExample() exampleEntry {
	const path = "examples/data-sources/openai_workspace_settings/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"outputs retention, MCP projects, projects without an allow list and expiring certificates", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			ret := r.output(t, "data_retention").(map[string]any)
			wantEqual(t, "organization retention", ret["organization"], "zero_data_retention")
			wantEqual(t, "proj_abc123 retention", ret["projects"].(map[string]any)["proj_abc123"], "zero_data_retention")
			wantStrings(t, "projects_with_mcp", r.output(t, "projects_with_mcp"), "proj_docs_research")
			wantStrings(t, "projects_without_model_allow_list", r.output(t, "projects_without_model_allow_list"), "proj_docs_research")
			wantStrings(t, "certificates_expiring_within_30_days", r.output(t, "certificates_expiring_within_30_days"), "mtls-partner")
		}},
		{"the postcondition fails the plan when the audit log is not readable", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { f.Organization.AuditLogsUnreadable = true }), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `The audit log is not readable:`)
		}},
		{"the postcondition fails the plan when no spend limit is enforcing", func(t *testing.T, c *exampleCLI) {
			for name, edit := range map[string]func(*openaisim.Fixture){
				"inactive": func(f *openaisim.Fixture) { f.Organization.SpendLimit.Enforcement = "inactive" },
				"none":     func(f *openaisim.Fixture) { f.Organization.SpendLimit = nil },
			} {
				t.Run(name, func(t *testing.T) {
					r := planExample(t, c, simFor(t, edit), one(t, path))
					r.wantExit(t, 1)
					r.wantOut(t, `No spend limit is enforcing\.`)
				})
			}
		}},
	}}
}

func gptsExample() exampleEntry {
	const path = "examples/data-sources/openai_gpts/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"filters by visibility, owner email (case-insensitive) and tool type; outputs the inventory and action domains", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			r := planExample(t, c, sim, one(t, path))
			r.wantExit(t, 0)
			inv := r.output(t, "gpt_inventory")
			wantKeys(t, "gpt_inventory", inv, "g-abc123", "g-DataAnalyst", "g-PressKit", "g-AuditWorkpapers", "g-WebResearch", "g-VendorLookup")
			wantEqual(t, "g-VendorLookup", inv.(map[string]any)["g-VendorLookup"], map[string]any{
				"name": "Vendor lookup", "owner": "bob@example.com", "visibility": "invite-only", "tools": []any{"custom_action"}})
			wantStrings(t, "custom_action_domains", r.output(t, "custom_action_domains"), "api.vendor.example")
			wantStrings(t, "public", idsOf(t, r.data(t, "data.openai_gpts.public"), "gpts", "id"), "g-PressKit")
			wantStrings(t, "alice (g-abc123's owner is Alice@Example.com)", idsOf(t, r.data(t, "data.openai_gpts.alice"), "gpts", "id"), "g-abc123", "g-WebResearch")
			wantStrings(t, "actions", idsOf(t, r.data(t, "data.openai_gpts.actions"), "gpts", "id"), "g-VendorLookup")
		}},
		{"include_config_versions costs one more request per GPT listed and fills config_versions", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			r := planExample(t, c, sim, one(t, path))
			r.wantExit(t, 0)
			gpts := r.data(t, "data.openai_gpts.actions")["gpts"].([]any)
			wantEqual(t, "config_versions of g-VendorLookup", gpts[0].(map[string]any)["config_versions"], 2)
			if n := sim.RequestCount(openaisim.EndpointComplianceGPTConfigs); n != 1 {
				t.Errorf("%d config requests, want 1 (one GPT listed with include_config_versions)", n)
			}
		}},
	}}
}

func gptExample() exampleEntry {
	const path = "examples/data-sources/openai_gpt/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"outputs name, owner, config versions, knowledge files and who it is shared with", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			hr := r.output(t, "hr_helper").(map[string]any)
			wantEqual(t, "name", hr["name"], "HR helper")
			wantEqual(t, "owner", hr["owner"], "Alice@Example.com")
			wantStrings(t, "knowledge_files", hr["knowledge_files"], "handbook.pdf")
			wantStrings(t, "shared_with", hr["shared_with"], "carol@example.com")
		}},
		{"the postcondition fails the plan when the GPT is reachable by link or in the store", func(t *testing.T, c *exampleCLI) {
			for _, vis := range []string{"anyone-with-link", "gpt-store"} {
				t.Run(vis, func(t *testing.T) {
					r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { gptByID(f, "g-abc123").Sharing.Visibility = vis }), one(t, path))
					r.wantExit(t, 1)
					r.wantOut(t, `The HR helper must not be reachable outside the workspace\.`)
				})
			}
		}},
	}}
}

// --- the resource -----------------------------------------------------------

func postureCheckExample() exampleEntry {
	const path = "examples/resources/openai_posture_check/resource.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"passes while no unwaived error finding; waived findings stay reported; warn checks show in failing_checks", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantStrings(t, "failing_checks", r.output(t, "failing_checks"), "gpt_web_browsing: 1 finding(s)")
			pk := r.planned(t, "openai_posture_check.project_key_rotation")
			wantEqual(t, "project_key_rotation passed", pk["passed"], true)
			wantEqual(t, "batch-export-key waived", finding(t, pk, "", "key_batchExport7Q")["waived"], true)
			wantEqual(t, "g-AuditWorkpapers waived", finding(t, r.planned(t, "openai_posture_check.gpt_external_share"), "", "g-AuditWorkpapers")["waived"], true)
			r.wantOut(t, `Warning: Posture check gpt_web_browsing`)
		}},
		{"the plan fails while any admin key is older than 90 days", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { addAdminKey(f, "key_docs_old", "old", 95, intp(1), true) }), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check admin_key_rotation failed: 1 finding`, `key_docs_old`)
		}},
		{"max_age_days = 60 fails an unwaived 70-day-old project key", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				p := projectByID(f, "proj_abc123")
				p.APIKeys = append(p.APIKeys, openaisim.ProjectAPIKey{ID: "key_docs_70d", Name: "seventy", CreatedAt: day(-70), LastUsedAt: day(-1),
					Owner: openaisim.KeyOwner{Type: "service_account", ID: "svc_acct_docs_api"}})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check project_key_rotation failed: 1 finding`, `key_docs_70d`)
		}},
		{"the gpt_external_share waiver covers only the GPT it names", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { shareOutside(f, "g-Other", "lead@auditor.example") }), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_external_share failed: 1 finding`, `g-Other`)
		}},
		{"dlp patterns: case-insensitive globs and a regular expression", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				g := gptByID(f, "g-abc123")
				g.Configs[0].Files = append(g.Configs[0].Files,
					openaisim.File{ID: "file-DocsPem", Name: "Server.PEM", CreatedAt: day(-1)},
					openaisim.File{ID: "file-DocsSalaries", Name: "Salaries-2026.xlsx", CreatedAt: day(-1)})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check dlp_gpt_file failed: 2 findings`, `Server\.PEM`, `Salaries-2026\.xlsx`)
		}},
	}}
}

func importExample() exampleEntry {
	const script = "examples/resources/openai_posture_check/import.sh"
	const tmpl = "templates/resources/posture_check.md.tmpl"
	const block = "resource \"openai_posture_check\" \"admin_key_rotation\" {\n  check = \"admin_key_rotation\"\n}\n"
	return exampleEntry{covers: []string{tmpl + "#import {"}, claims: []exampleClaim{
		{"the import block imports a check by its id", func(t *testing.T, c *exampleCLI) {
			fences := templateFences(t, tmpl)
			if len(fences) != 1 {
				t.Fatalf("%s has %d HCL fences, this test knows 1", tmpl, len(fences))
			}
			r := planExample(t, c, simFor(t, nil), map[string]string{"main.tf": block + fences[0]})
			r.wantExit(t, 0)
			r.wantOut(t, `1 to import`)
		}},
		{"import.sh: terraform import takes the check id; the refresh records the findings", func(t *testing.T, c *exampleCLI) {
			var args []string
			for _, l := range strings.Split(readExample(t, script), "\n") {
				if strings.HasPrefix(l, "terraform import ") {
					args = strings.Fields(l)[1:]
				}
			}
			if len(args) != 3 {
				t.Fatalf("%s: no terraform import line", script)
			}
			w := c.workdir(t, map[string]string{"main.tf": block}, simEnv(simFor(t, func(f *openaisim.Fixture) {
				addAdminKey(f, "key_docs_old", "old", 120, intp(1), true)
			})))
			w.run(t, args...).wantExit(t, 0)
			r := w.run(t, "state", "show", "openai_posture_check.admin_key_rotation")
			r.wantExit(t, 0)
			r.wantOut(t, `finding_count\s+= 1`, `key_docs_old`)
		}},
	}}
}

// --- guides -------------------------------------------------------------------

func gettingStartedExample() exampleEntry {
	const path = "examples/guides/getting-started/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"a check with findings fails the plan; gpt_custom_actions only warns", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Error: Posture check gpt_public_link failed: 1 finding`, `g-PressKit`, `Warning: Posture check gpt_custom_actions`)
			r.wantNoOut(t, `Error: Posture check gpt_custom_actions`, `Error: Posture check admin_key_rotation`)
		}},
		{"the error text looks as the guide shows it", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				noPublicLink(f)
				f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{ID: "key_abc123", Name: "legacy-admin-key", CreatedAt: day(-401),
					LastUsedAt: day(-1), ExpiresAt: day(10), Owner: openaisim.KeyOwner{Type: "user", ID: "user_docs_bob"}})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Error: Posture check admin_key_rotation failed: 1 finding \(high severity\)`,
				`Admin API key not rotated\.`, `  - admin_api_key "legacy-admin-key" \(key_abc123\)`,
				`observed: 400 days old \(created \d{4}-\d\d-\d\d\)`, `allowed: at most 90 days old`, `Remediation: Create a new admin key`)
		}},
		{"a check that cannot read its data is an error whatever its enforcement", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, noPublicLink)
			sim.InjectFault(openaisim.EndpointComplianceGPTs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503})
			r := planExample(t, c, sim, one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Error: [^\n]*gpt_custom_actions|with openai_posture_check\.gpt_custom_actions`)
		}},
		{"when every check passes, each check is a resource to create; the output maps GPTs to visibility", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, noPublicLink), one(t, path), "-detailed-exitcode")
			r.wantExit(t, 2)
			var creates int
			for _, rc := range r.plan.ResourceChanges {
				if rc.Mode == "managed" && strings.Join(rc.Change.Actions, ",") == "create" {
					creates++
				}
			}
			if creates != 5 {
				t.Errorf("%d checks to create, want 5", creates)
			}
			wantEqual(t, "g-PressKit visibility", r.output(t, "gpts_by_visibility").(map[string]any)["g-PressKit"], "invite-only")
		}},
	}}
}

// officialHalf is the official-provider example with the official provider's
// blocks removed, as the guide says it was checked offline.
func officialHalf(t *testing.T, src string) string {
	t.Helper()
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^resource "openai_project[a-z_]*" "[a-z_]+" \{[^}]*\}\n`),
		regexp.MustCompile(`(?m)^provider "openai" \{\}\n`),
		regexp.MustCompile(`(?m)^\s*openai = \{\s*source = "openai/openai"\s*\}\n`),
	} {
		if !re.MatchString(src) {
			t.Fatalf("official-provider example: %s matches nothing; update the test with the example", re)
		}
		src = re.ReplaceAllString(src, "")
	}
	if strings.Contains(src, `source = "openai/openai"`) || strings.Contains(src, "openai_project.") {
		t.Fatalf("official blocks left after stripping:\n%s", src)
	}
	return src
}

func officialProviderExample() exampleEntry {
	const path = "examples/guides/official-provider/main.tf"
	allAllowLists := func(f *openaisim.Fixture) {
		projectByID(f, "proj_docs_research").ModelPermissions = &openaisim.ModelPermissions{Mode: "allow_list", ModelIDs: []string{"o4-mini"}}
	}
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"this provider's half plans under the local name posture", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, allAllowLists), map[string]string{"main.tf": officialHalf(t, readExample(t, path))})
			r.wantExit(t, 0)
			wantStrings(t, "archived_projects", r.output(t, "archived_projects"), "pilot-2024")
		}},
		{"key_user_owned judges the projects in var.service_projects", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				allAllowLists(f)
				p := projectByID(f, "proj_abc123")
				p.APIKeys = append(p.APIKeys, openaisim.ProjectAPIKey{ID: "key_docs_bob_prod", Name: "bob-laptop", CreatedAt: day(-1),
					Owner: openaisim.KeyOwner{Type: "user", ID: "user_docs_bob"}})
			}), map[string]string{"main.tf": officialHalf(t, readExample(t, path))})
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check key_user_owned failed: 1 finding`, `key_docs_bob_prod`)
		}},
		{"local names may not contain underscores: openai_posture is rejected", func(t *testing.T, c *exampleCLI) {
			src := officialHalf(t, readExample(t, path))
			src = strings.ReplaceAll(src, "posture = {", "openai_posture = {")
			src = strings.ReplaceAll(src, "provider = posture", "provider = openai_posture")
			src = strings.ReplaceAll(src, `provider "posture"`, `provider "openai_posture"`)
			r := c.workdir(t, map[string]string{"main.tf": src}, simEnv(simFor(t, nil))).run(t, "validate")
			r.wantExit(t, 1)
			r.wantOut(t, `Invalid provider local name`)
		}},
	}}
}

func onboardingKeysExample() exampleEntry {
	const path = "examples/guides/onboarding-keys/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"passes for keys rotated, used and created with an expiry", func(t *testing.T, c *exampleCLI) {
			planExample(t, c, simFor(t, nil), one(t, path)).wantExit(t, 0)
		}},
		{"a baseline of Admin API checks runs with the admin key alone", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			c.workdir(t, one(t, path), simEnv(sim, envComplianceAPIKey, envWorkspaceID)).plan(t).wantExit(t, 0)
		}},
		{"flags a key older than 90 days, one unused for 45 days, and one without expiry", func(t *testing.T, c *exampleCLI) {
			for name, tc := range map[string]struct {
				edit  func(*openaisim.Fixture)
				check string
			}{
				"rotation": {func(f *openaisim.Fixture) { addAdminKey(f, "key_docs_k", "k", 95, intp(1), true) }, "admin_key_rotation"},
				"unused":   {func(f *openaisim.Fixture) { addAdminKey(f, "key_docs_k", "k", 60, intp(50), true) }, "admin_key_unused"},
				"expiry":   {func(f *openaisim.Fixture) { addAdminKey(f, "key_docs_k", "k", 5, intp(1), false) }, "key_no_expiry"},
			} {
				t.Run(name, func(t *testing.T) {
					r := planExample(t, c, simFor(t, tc.edit), one(t, path))
					r.wantExit(t, 1)
					r.wantOut(t, `Posture check `+tc.check+` failed: 1 finding`, `key_docs_k`)
				})
			}
		}},
	}}
}

func pipelineBaselineExample() exampleEntry {
	const path = "examples/guides/pipeline/baseline/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"the gate exits 1 while an error-enforced check has unwaived findings", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_external_share failed`)
		}},
		{"plan-only with -detailed-exitcode: 2 when every check passes, each a create", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, noOutsideShare), one(t, path), "-detailed-exitcode")
			r.wantExit(t, 2)
		}},
		{"exits 1 when data cannot be read (5xx after retries), whatever the findings", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, noOutsideShare)
			sim.InjectFault(openaisim.EndpointComplianceGPTs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503})
			planExample(t, c, sim, one(t, path)).wantExit(t, 1)
		}},
		{"a run without the compliance key (a fork's pull request) fails closed", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, noOutsideShare)
			r := c.workdir(t, one(t, path), simEnv(sim, envComplianceAPIKey)).plan(t)
			r.wantExit(t, 1)
			r.wantOut(t, `(?i)compliance[_ ]api[_ ]key`)
		}},
	}}
}

// jqPathRE finds the plain jq paths the CI examples read from report.json.
var jqPathRE = regexp.MustCompile(`jq -r '(\.[a-z_.]+)'`)

func pipelineReportExample() exampleEntry {
	const path = "examples/guides/pipeline/report/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"never fails on findings; the jq paths of the GitHub and GitLab jobs find SARIF and JUnit in the plan", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "passed", r.output(t, "passed"), false)
			var paths []string
			for _, ci := range []string{"examples/guides/pipeline/github-actions.yml", "examples/guides/pipeline/gitlab-ci.yml"} {
				for _, m := range jqPathRE.FindAllStringSubmatch(readExample(t, ci), -1) {
					paths = append(paths, m[1])
				}
			}
			if len(paths) < 4 {
				t.Fatalf("found %d jq paths in the CI examples, want the SARIF and JUnit ones of both", len(paths))
			}
			for _, p := range paths {
				var v any = r.plan.raw
				for _, k := range strings.Split(strings.TrimPrefix(p, "."), ".") {
					m, _ := v.(map[string]any)
					v = m[k]
				}
				if s, _ := v.(string); s == "" {
					t.Errorf("jq path %s finds nothing in the report plan", p)
				}
			}
		}},
		{"the reports are also in the plan's prior state", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			if s, _ := r.data(t, "data.openai_posture_findings.all")["sarif"].(string); !strings.Contains(s, "2.1.0") {
				t.Errorf("prior_state sarif: %.200q", s)
			}
		}},
		{"with the same parameters, the report and the gate agree on the gate's checks", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			report := planExample(t, c, sim, one(t, path))
			report.wantExit(t, 0)
			gate := planExample(t, c, sim, one(t, "examples/guides/pipeline/baseline/main.tf"))
			gate.wantExit(t, 1)
			unwaived := map[string]bool{}
			for _, f := range findingsOf(t, report.data(t, "data.openai_posture_findings.all")) {
				if f["waived"] != true {
					unwaived[f["check"].(string)] = true
				}
			}
			re := regexp.MustCompile(`(?m)^\s*check\s*=\s*"([a-z_]+)"`)
			for _, m := range re.FindAllStringSubmatch(readExample(t, "examples/guides/pipeline/baseline/main.tf"), -1) {
				failed := regexp.MustCompile(`Posture check ` + m[1] + ` failed`).MatchString(gate.out)
				if failed != unwaived[m[1]] {
					t.Errorf("%s: the gate failed = %v, the report has unwaived findings = %v", m[1], failed, unwaived[m[1]])
				}
			}
		}},
		{"fails only on data it cannot read", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			sim.InjectFault(openaisim.EndpointAdminAPIKeys, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503})
			planExample(t, c, sim, one(t, path)).wantExit(t, 1)
		}},
	}}
}

func waiversExample() exampleEntry {
	const path = "examples/guides/waivers/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"waivers by id accept the press kit link and the audit GPT share; both stay reported as waived", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "g-PressKit waived", finding(t, r.planned(t, "openai_posture_check.gpt_public_link"), "", "g-PressKit")["waived"], true)
			share := r.planned(t, "openai_posture_check.gpt_external_share")
			wantEqual(t, "g-AuditWorkpapers waived", finding(t, share, "", "g-AuditWorkpapers")["waived"], true)
			wantEqual(t, "finding_count", share["finding_count"], float64(0))
		}},
		{"the share waiver does not cover another GPT shared with the same auditors", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) { shareOutside(f, "g-Other", "partner@auditor.example") }), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_external_share failed: 1 finding`, `g-Other`)
		}},
		{"the share waiver names one finding: a new outside recipient of the same GPT fails", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				g := gptByID(f, "g-AuditWorkpapers")
				g.Sharing.Recipients = append(g.Sharing.Recipients, openaisim.Recipient{ID: "user-ext-docs-new", Email: "new@auditor.example", Permissions: openaisim.Permissions{CanRead: true}})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_external_share failed: 1 finding`, `new@auditor\.example`)
		}},
		{"a waiver stops suppressing once expired, and says so", func(t *testing.T, c *exampleCLI) {
			files := edited(t, one(t, path), `expires       = "2027-03-31"`, `expires       = "2020-03-31"`)
			r := planExample(t, c, simFor(t, nil), files)
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_public_link failed: 1 finding`, `waiver expired on 2020-03-31`)
		}},
		{"a waiver that matches no finding is reported as stale", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, noPublicLink), one(t, path))
			r.wantExit(t, 0)
			r.wantOut(t, `g-PressKit.*matches no finding`)
		}},
		// Shared decision 1 (the "provider" helper's change): these pass once
		// it is merged.
		{"a subject made only of * is rejected", func(t *testing.T, c *exampleCLI) {
			files := edited(t, one(t, path), `subject       = "g-PressKit"`, `subject       = "*"`)
			r := c.workdir(t, files, simEnv(simFor(t, nil))).run(t, "validate")
			r.wantExit(t, 1)
			r.wantOut(t, `subject`)
		}},
		{"an expiry more than max_waiver_days (365) ahead is rejected", func(t *testing.T, c *exampleCLI) {
			far := time.Now().UTC().AddDate(0, 0, 400).Format("2006-01-02")
			files := edited(t, one(t, path), `expires       = "2027-03-31"`, `expires       = "`+far+`"`)
			r := planExample(t, c, simFor(t, nil), files)
			r.wantExit(t, 1)
			r.wantOut(t, `365`)
		}},
		{"waivers match ids, not names: the GPT's name does not match", func(t *testing.T, c *exampleCLI) {
			files := edited(t, one(t, path), `subject       = "g-PressKit"`, `subject       = "Press kit"`)
			r := planExample(t, c, simFor(t, nil), files)
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check gpt_public_link failed: 1 finding`)
		}},
	}}
}

// waiversNameMatchExample: `match` is the "provider" helper's change (shared
// decision 1); these claims pass once it is merged.
func waiversNameMatchExample() exampleEntry {
	const path = "examples/guides/waivers/name-match/main.tf"
	breakGlass := func(extra ...string) func(*openaisim.Fixture) {
		return func(f *openaisim.Fixture) {
			addAdminKey(f, "key_docs_breakglass", "break-glass-admin-key", 60, nil, true)
			for _, id := range extra {
				addAdminKey(f, id, "break-glass-admin-key", 60, nil, true)
			}
		}
	}
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"match = name accepts the never-used break-glass key by its name", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, breakGlass()), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "waived", finding(t, r.planned(t, "openai_posture_check.admin_key_unused"), "", "key_docs_breakglass")["waived"], true)
		}},
		{"weaker: any key given that name is waived too", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, breakGlass("key_docs_impostor")), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "impostor waived", finding(t, r.planned(t, "openai_posture_check.admin_key_unused"), "", "key_docs_impostor")["waived"], true)
		}},
		{"without match = name the waiver matches no finding: stale, and the finding fails the plan", func(t *testing.T, c *exampleCLI) {
			files := edited(t, one(t, path), "      match         = \"name\"\n", "")
			r := planExample(t, c, simFor(t, breakGlass()), files)
			r.wantExit(t, 1)
			r.wantOut(t, `Posture check admin_key_unused failed: 1 finding`, `matches no finding`)
		}},
	}}
}

// --- the demo and the generated catalog --------------------------------------

func demoExample() exampleEntry {
	return exampleEntry{covers: []string{"examples/demo/main.tf", "examples/demo/report.tf"}, claims: []exampleClaim{
		{"the example baseline has one block per check of the catalog", func(t *testing.T, c *exampleCLI) {
			re := regexp.MustCompile(`(?m)^\s*check\s*=\s*"([a-z_]+)"`)
			var got []string
			for _, m := range re.FindAllStringSubmatch(readExample(t, "examples/demo/main.tf"), -1) {
				got = append(got, m[1])
			}
			sort.Strings(got)
			want := posture.CheckIDs()
			sort.Strings(want)
			wantEqual(t, "checks of examples/demo/main.tf", got, want)
		}},
		{"planned against the sample org it finds violations: error fails, warn reports", func(t *testing.T, c *exampleCLI) {
			sim := startSimulator(t, openaisim.SampleOrg())
			files := exampleFiles(t, "examples/demo/main.tf", "examples/demo/report.tf")
			w := c.workdir(t, files, simEnv(sim))
			r := w.plan(t, "-var", "enforcement=warn")
			r.wantExit(t, 0)
			if h, _ := r.output(t, "unwaived_findings").(map[string]any)["high"].(float64); h < 1 {
				t.Errorf("unwaived_findings = %v, want high findings", r.output(t, "unwaived_findings"))
			}
			w.plan(t).wantExit(t, 1)
		}},
	}}
}

func checkCatalogExample() exampleEntry {
	const tmpl = "templates/guides/check-catalog.md.tmpl"
	return exampleEntry{covers: []string{tmpl + "#*"}, claims: []exampleClaim{
		{"every block of the generated catalog (copied from examples/demo/main.tf) is a valid rule", func(t *testing.T, c *exampleCLI) {
			fences := templateFences(t, tmpl)
			if len(fences) != len(posture.CheckIDs()) {
				t.Errorf("%d blocks for %d checks", len(fences), len(posture.CheckIDs()))
			}
			r := c.workdir(t, map[string]string{"main.tf": strings.Join(fences, "\n")}, simEnv(simFor(t, nil))).run(t, "validate")
			r.wantExit(t, 0)
		}},
	}}
}

// shortDuration renders a duration the way the example writes it ("30s", "5m").
func shortDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return fmt.Sprintf("%ds", d/time.Second)
}
