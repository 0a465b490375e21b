package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// TestAccCLIDestroyDetection drives the real CLI through the command lines
// that contain the word destroy without being a destroy (they must fail on
// findings: a failure downgraded by a wrong guess would let a violation
// through), and through the spellings of a real destroy plan that the CLIs
// accept (they must not be blocked by the refresh plan that precedes them).
func TestAccCLIDestroyDetection(t *testing.T) {
	h := newCLIHarness(t, openaisim.CleanOrg())
	const violation = "key_cli_destroy_word"
	addViolation := func() {
		h.sim.Update(func(f *openaisim.Fixture) {
			f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{
				ID: violation, Name: violation, CreatedAt: openaisim.Rel(-300 * 24 * time.Hour), Owner: f.AdminAPIKeys[0].Owner,
			})
		})
	}
	removeViolation := func() {
		h.sim.Update(func(f *openaisim.Fixture) {
			keys := f.AdminAPIKeys[:0]
			for _, k := range f.AdminAPIKeys {
				if k.ID != violation {
					keys = append(keys, k)
				}
			}
			f.AdminAPIKeys = keys
		})
	}
	// failed asserts that the posture check failed as an error, not as a
	// warning next to some other error.
	failed := func(out, what string) {
		t.Helper()
		if !strings.Contains(out, "Error: Posture check admin_key_rotation failed") || !strings.Contains(out, violation) {
			t.Fatalf("%s: the posture check did not fail with an error:\n%s", what, out)
		}
	}
	named := filepath.Join(h.work, "destroy")
	h.writeConfig(rotationConfig(h.sim, "error", ""))

	// A saved plan named "destroy", made while the org is clean, applied
	// after a violation appeared: apply plans the check again and must fail.
	h.run(0, "plan", "-out", "destroy")
	addViolation()
	failed(h.run(1, "apply", "destroy"), "apply destroy (a saved plan file)")

	// Plans whose flag values are the word destroy.
	failed(h.run(1, "plan", "-out", "destroy"), "plan -out destroy")
	if err := os.Remove(named); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	writeFile(t, named, "# a variables file named destroy (no variables)\n")
	failed(h.run(1, "plan", "-var-file", "destroy"), "plan -var-file destroy")
	if err := os.Remove(named); err != nil {
		t.Fatal(err)
	}
	failed(h.run(1, "plan", "-generate-config-out", "destroy"), "plan -generate-config-out destroy")
	failed(h.runWithEnv([]string{"TF_CLI_ARGS_plan=-out destroy"}, 1, "plan"), "TF_CLI_ARGS_plan=-out destroy")
	os.Remove(named)

	// Real destroy plans: the state holds the check (accepted while clean),
	// the org now has a violation, and a normal plan fails...
	removeViolation()
	h.run(0, "apply", "-auto-approve")
	addViolation()
	failed(h.run(1, "plan"), "plan")
	// ...but the refresh plan before a destroy plan must not block it.
	for _, spelling := range []string{"-destroy", "-destroy=true", "-destroy=1", "-destroy=t", "--destroy=True"} {
		h.run(2, "plan", spelling, "-detailed-exitcode")
	}
	h.runWithEnv([]string{"TF_CLI_ARGS_plan=-destroy"}, 2, "plan", "-detailed-exitcode")
	h.runWithEnv([]string{"TF_CLI_ARGS=-destroy"}, 2, "plan", "-detailed-exitcode")
	// -destroy=false is a normal plan.
	failed(h.run(1, "plan", "-destroy=false"), "plan -destroy=false")
	h.runWithEnv([]string{"TF_CLI_ARGS_apply=-destroy"}, 0, "apply", "-auto-approve")
	h.run(0, "plan", "-destroy", "-detailed-exitcode") // nothing left to destroy
}
