package provider

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// Attack on posturemerge -tf-plan: make a merged fleet report read as
// passing while an organization now fails. Apply the fleet while every
// organization is clean, let one organization go bad, then save a plan
// with -target (or -refresh=false) and merge it. The merge promises "a plan
// is fresh by construction": a targeted plan does not read the other
// modules' data sources, so their planned outputs may be the last apply's.
// The real CLI decides; the test asserts the merge never reports the bad
// organization as passing (refusing the plan is fine).
func TestAccRedTeamFleetMergeStalePlan(t *testing.T) {
	cli := fleetCLI(t)
	sub := startSimulator(t, openaisim.CleanOrg())
	orgs := map[string]*openaisim.Server{
		"prod": startSimulator(t, openaisim.CleanOrg()), "dev": startSimulator(t, openaisim.CleanOrg()), "subsidiary": sub,
	}
	work, env := fleetWorkspace(t, "aliases", orgs)
	run := cliRunner(t, cli, work, env)
	run(0, "get")
	run(0, "apply", "-auto-approve", "-input=false", "-var", "enforcement=warn")

	// subsidiary goes bad after the apply.
	sub.Update(func(f *openaisim.Fixture) {
		f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{
			ID: fleetStaleKeyID, Name: fleetStaleKeyID, CreatedAt: openaisim.Rel(-300 * 24 * time.Hour),
			LastUsedAt: openaisim.Rel(-time.Hour), Owner: f.AdminAPIKeys[0].Owner,
		})
	})
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"target", []string{"-target=module.prod"}},
		{"refresh-false", []string{"-refresh=false"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := "stale-" + tc.name + ".tfplan"
			args := append([]string{"plan", "-input=false", "-lock=false", "-var", "enforcement=warn", "-out=" + plan}, tc.args...)
			run(anyExitCode, args...)
			if _, err := os.Stat(filepath.Join(work, plan)); err != nil {
				t.Logf("no plan saved: %v", err)
				return
			}
			js := filepath.Join(work, "stale-"+tc.name+".json")
			writeFile(t, js, run(0, "show", "-json", plan))
			cmd := postureMergeCmd(t, work, "-tf-plan", filepath.Base(js))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Logf("merge refused the plan (safe): %s", out)
				return
			}
			var sum fleetSummaryOut
			b, _ := os.ReadFile(filepath.Join(work, "fleet-summary.json"))
			if err := json.Unmarshal(b, &sum); err != nil {
				t.Fatal(err)
			}
			for _, o := range sum.Organizations {
				if o.Organization == "subsidiary" && o.Passed {
					t.Errorf("plan %v: the merged fleet reports subsidiary as passing from the last apply's data, though it now has a 300-day-old admin key (fleet passed=%v)", tc.args, sum.Passed)
				}
			}
		})
	}
	run(0, "destroy", "-auto-approve", "-input=false", "-var", "enforcement=warn")
}

// postureMergeCmd is a posturemerge command writing fleet.sarif and
// fleet-summary.json in dir.
func postureMergeCmd(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(postureMergeBinary(t), append([]string{"-sarif-out", "fleet.sarif", "-summary-out", "fleet-summary.json"}, args...)...)
	cmd.Dir = dir
	return cmd
}
