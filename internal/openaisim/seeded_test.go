package openaisim

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// checkIDs is the catalog of CHECKS.md (kept here so the test runs without the shared
// folder; TestSeededViolationsMatchChecksMD compares it with the file when present).
var checkIDs = []string{
	"gpt_custom_actions", "gpt_code_interpreter", "gpt_web_browsing", "gpt_public_store", "gpt_public_link",
	"admin_key_rotation", "project_key_rotation", "admin_key_unused", "project_key_unused",
	"invite_high_privilege", "user_inactive", "invite_stale", "dlp_conversation_file", "dlp_gpt_file",
	"dlp_project_file", "gpt_action_domain", "gpt_action_no_auth", "gpt_workspace_shared",
	"gpt_external_share", "gpt_shared_editable", "gpt_orphaned", "dlp_gpt_instructions", "key_no_expiry",
	"key_owner_lost_access", "key_user_owned", "archived_project_keys", "owner_count", "user_not_scim",
	"project_hosted_tools", "project_model_permissions", "spend_limit", "data_retention",
	"certificate_expiry", "audit_logging", "risky_admin_events",
}

// plannedCheckIDs are rows of CHECKS.md that no check implements yet, each with
// the open issue that adds it. The catalog comparison below names them, so a row
// added to CHECKS.md without an issue, or a check shipped without its seeded
// violation, still fails.
var plannedCheckIDs = map[string]string{
	"dlp_gpt_file_content":            "issue 11 (content DLP)",
	"dlp_project_file_content":        "issue 11 (content DLP)",
	"dlp_conversation_file_content":   "issue 11 (content DLP)",
	"dlp_memory":                      "issue 11 (content DLP)",
	"chatgpt_project_public_link":     "issue 12 (ChatGPT projects)",
	"chatgpt_project_external_share":  "issue 12 (ChatGPT projects)",
	"chatgpt_project_shared_editable": "issue 12 (ChatGPT projects)",
	"chatgpt_project_custom_actions":  "issue 12 (ChatGPT projects)",
	"chatgpt_project_action_domain":   "issue 12 (ChatGPT projects)",
	"role_admin_permissions":          "issue 12 (roles and groups)",
	"group_not_scim_managed":          "issue 12 (roles and groups)",
}

func TestSeededViolationsCoverEveryCheck(t *testing.T) {
	for _, id := range checkIDs {
		if sv, ok := SeededViolations[id]; !ok || len(sv.Subjects) == 0 {
			t.Errorf("check %s has no seeded violation", id)
		}
	}
	if len(SeededViolations) != len(checkIDs) {
		t.Errorf("SeededViolations has %d entries, catalog %d", len(SeededViolations), len(checkIDs))
	}
}

func TestSeededViolationsMatchChecksMD(t *testing.T) {
	dir := findSpecDir(t) // skips without the shared folder
	b, err := os.ReadFile(filepath.Join(dir, "..", "CHECKS.md"))
	if err != nil {
		t.Skipf("CHECKS.md not readable: %v", err)
	}
	re := regexp.MustCompile("(?m)^\\| ([a-z_]+) \\|")
	var ids []string
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		if m[1] != "id" && plannedCheckIDs[m[1]] == "" {
			ids = append(ids, m[1])
		}
	}
	want := append([]string(nil), checkIDs...)
	sort.Strings(ids)
	sort.Strings(want)
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("CHECKS.md ids %v differ from the test catalog %v", ids, want)
	}
}

// fixtureIDs collects every subject id a check could name.
func fixtureIDs(f *Fixture) map[string]bool {
	ids := map[string]bool{"organization": true, "workspace": true}
	for _, u := range f.Users {
		ids[u.ID] = true
	}
	for _, v := range f.Invites {
		ids[v.ID] = true
	}
	for _, k := range f.AdminAPIKeys {
		ids[k.ID] = true
	}
	for _, p := range f.Projects {
		ids[p.ID] = true
		for _, k := range p.APIKeys {
			ids[k.ID] = true
		}
	}
	for _, c := range f.Certificates {
		ids[c.ID] = true
	}
	for _, e := range f.AuditLogs {
		ids[e.ID] = true
	}
	for _, u := range f.Workspace.Users {
		ids[u.ID] = true
	}
	for _, g := range append(append([]GPT(nil), f.Workspace.GPTs...), f.Workspace.Projects...) {
		ids[g.ID] = true
		for _, c := range g.Configs {
			for _, fl := range c.Files {
				ids[fl.ID] = true
			}
		}
	}
	for _, c := range f.Workspace.Conversations {
		ids[c.ID] = true
		for _, m := range c.Messages {
			for _, fl := range m.Files {
				ids[fl.ID] = true
			}
		}
	}
	return ids
}

func TestSeededSubjectsExistOnlyInSample(t *testing.T) {
	sample, clean := fixtureIDs(SampleOrg()), fixtureIDs(CleanOrg())
	for check, sv := range SeededViolations {
		for _, id := range sv.Subjects {
			if !sample[id] {
				t.Errorf("%s: subject %s not in sample.json", check, id)
			}
			if clean[id] && id != "organization" && id != "proj_sim_default" {
				t.Errorf("%s: subject %s also in clean.json", check, id)
			}
		}
	}
}

// TestSampleSeedsAreVisible spot-checks through the API that the seeds look like what
// the table says (a guard against fixture edits drifting from SeededViolations).
func TestSampleSeedsAreVisible(t *testing.T) {
	s := newSim(t, SampleOrg())
	owners := 0
	for _, u := range s.testAdmin(t, "/organization/users?limit=100")["data"].([]any) {
		if u.(map[string]any)["role"] == "owner" {
			owners++
		}
	}
	if owners != 5 {
		t.Errorf("owner_count seed: %d owners", owners)
	}
	if g := s.testCompl(t, "/gpts/g-SimGptStore"); g["sharing"].(map[string]any)["visibility"] != "gpt-store" {
		t.Error("gpt_public_store seed")
	}
	c := newSim(t, CleanOrg())
	owners = 0
	for _, u := range c.testAdmin(t, "/organization/users?limit=100")["data"].([]any) {
		if u.(map[string]any)["role"] == "owner" {
			owners++
		}
	}
	if owners != 2 {
		t.Errorf("clean owners: %d", owners)
	}
	u := newSim(t, SampleOrgAuditLogsUnreadable())
	if r := doGet(t, u.AdminBaseURL()+"/organization/audit_logs", AdminKey); r.status != 403 {
		t.Errorf("audit_logging seed: %d", r.status)
	}
}
