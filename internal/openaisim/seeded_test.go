package openaisim

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// The seeds follow the implemented catalog (posture.CheckIDs): every implemented check
// has a seeded violation, and every seeded check is implemented (other packages'
// tests evaluate the sample with every SeededViolations entry as a rule).
// CHECKS.md may list checks ahead of their implementation; those must be named in
// plannedCheckIDs with the issue that adds them.

// plannedCheckIDs are rows of CHECKS.md that no check implements yet, each with
// the open issue that adds it. The catalog comparison below names them, so a row
// added to CHECKS.md without an issue, or a check shipped without its seeded
// violation, still fails.
var plannedCheckIDs = map[string]string{}

func TestSeededViolationsCoverEveryCheck(t *testing.T) {
	implemented := posture.CheckIDs()
	for _, id := range implemented {
		if sv, ok := SeededViolations[id]; !ok || len(sv.Subjects) == 0 {
			t.Errorf("implemented check %s has no seeded violation", id)
		}
	}
	for id := range SeededViolations {
		if _, ok := posture.LookupCheck(id); !ok {
			t.Errorf("SeededViolations has %s, which is not an implemented check", id)
		}
	}
}

func TestSeededViolationsMatchChecksMD(t *testing.T) {
	dir := findSpecDir(t) // skips without the shared folder
	b, err := os.ReadFile(filepath.Join(dir, "..", "CHECKS.md"))
	if err != nil {
		t.Skipf("CHECKS.md not readable: %v", err)
	}
	re := regexp.MustCompile(`(?m)^\| ([a-z_]+) \|`)
	listed := map[string]bool{}
	var planned []string
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		if m[1] == "id" {
			continue
		}
		listed[m[1]] = true
		if _, ok := SeededViolations[m[1]]; !ok {
			planned = append(planned, m[1])
		}
	}
	for id := range SeededViolations {
		if !listed[id] {
			t.Errorf("seeded check %s is not in CHECKS.md", id)
		}
	}
	for _, id := range planned {
		if _, ok := posture.LookupCheck(id); ok {
			t.Errorf("CHECKS.md check %s is implemented but has no seeded violation", id)
		} else if plannedCheckIDs[id] == "" {
			t.Errorf("CHECKS.md check %s is neither implemented nor planned by an open issue (plannedCheckIDs)", id)
		}
	}
	sort.Strings(planned)
	if len(planned) > 0 {
		t.Logf("CHECKS.md checks not implemented yet (no seed needed): %s", strings.Join(planned, ", "))
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
	for _, r := range f.Roles {
		ids[r.ID] = true
	}
	for _, g := range f.Groups {
		ids[g.ID] = true
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
