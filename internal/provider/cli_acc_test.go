package provider

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// TestAccCLIDestroyAndDrift drives the real CLI (TF_ACC_TERRAFORM_PATH) with
// the provider built as a binary, the way users run it, for the paths the
// acceptance framework cannot reach: `terraform destroy` with its default
// refresh (a normal plan runs first, in which an error would block the
// destroy), and the exit codes of a plan-only pipeline.
func TestAccCLIDestroyAndDrift(t *testing.T) {
	h := newCLIHarness(t, openaisim.CleanOrg())
	sim, run := h.sim, h.run
	writeConfig := func(enforcement string) { h.writeConfig(rotationConfig(sim, enforcement, "")) }
	addViolation := func(id string) {
		sim.Update(func(f *openaisim.Fixture) {
			f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{
				ID: id, Name: id, CreatedAt: openaisim.Rel(-300 * 24 * time.Hour), Owner: f.AdminAPIKeys[0].Owner,
			})
		})
	}

	// Error mode: the accepted posture is clean; a violation then fails the
	// plan, yet destroy (with its refresh) succeeds.
	writeConfig("error")
	run(0, "apply", "-auto-approve")
	run(0, "plan", "-detailed-exitcode")
	addViolation("key_cli_old_1")
	out := run(1, "plan", "-detailed-exitcode")
	if !strings.Contains(out, "Posture check admin_key_rotation failed: 1 finding") || !strings.Contains(out, "key_cli_old_1") {
		t.Fatalf("plan output does not list the finding:\n%s", out)
	}
	run(1, "plan", "-refresh=false")
	run(0, "destroy", "-auto-approve")

	// Warn mode in a plan-only pipeline: exit 2 while the live findings
	// differ from the accepted ones, 0 once they are applied.
	writeConfig("warn")
	run(2, "plan", "-detailed-exitcode") // empty state: a create
	run(0, "apply", "-auto-approve")
	run(0, "plan", "-detailed-exitcode")
	addViolation("key_cli_old_2")
	out = run(2, "plan", "-detailed-exitcode")
	if !strings.Contains(out, "key_cli_old_2") {
		t.Fatalf("the new finding is not in the plan's diff:\n%s", out)
	}
	run(2, "plan", "-refresh=false", "-detailed-exitcode")
	run(0, "apply", "-auto-approve")
	run(0, "plan", "-detailed-exitcode")
	run(0, "destroy", "-auto-approve")
}

// cliHarness runs the real CLI (TF_ACC_TERRAFORM_PATH) in one working
// directory against the provider built as a binary, the way users run it.
type cliHarness struct {
	t    *testing.T
	sim  *openaisim.Server
	cli  string
	work string
	env  []string
}

// newCLIHarness builds the provider, writes a CLI configuration that uses it
// (dev_overrides, for both registries) and starts a simulator serving
// fixture. It skips the test unless TF_ACC and TF_ACC_TERRAFORM_PATH are set.
func newCLIHarness(t *testing.T, fixture *openaisim.Fixture) *cliHarness {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to run tests against the real CLI")
	}
	sim := startSimulator(t, fixture)
	dir := t.TempDir()
	plugins := filepath.Join(dir, "plugins")
	build := exec.Command("go", "build", "-o", filepath.Join(plugins, "terraform-provider-openai"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "cli.tfrc")
	writeFile(t, rc, fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/openai-posture/openai" = %[1]q
    "registry.opentofu.org/openai-posture/openai" = %[1]q
  }
  direct {}
}
`, plugins))
	return &cliHarness{
		t: t, sim: sim, cli: cli, work: filepath.Join(dir, "config"),
		env: []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME=" + dir, "PATH=" + os.Getenv("PATH")},
	}
}

// writeConfig writes main.tf: the required_providers block plus body.
func (h *cliHarness) writeConfig(body string) {
	writeFile(h.t, filepath.Join(h.work, "main.tf"), `terraform {
  required_providers {
    openai = { source = "openai-posture/openai" }
  }
}
`+body)
}

// run runs the CLI with args (the command word first; -no-color -input=false
// are added after it) and fails the
// test unless it exits with want; it returns the combined output.
func (h *cliHarness) run(want int, args ...string) string {
	h.t.Helper()
	return h.runWithEnv(nil, want, args...)
}

// runWithEnv is run with extra environment variables (TF_CLI_ARGS...).
func (h *cliHarness) runWithEnv(extraEnv []string, want int, args ...string) string {
	h.t.Helper()
	// The common flags go right after the command word: after a saved plan
	// file (apply PLAN) they would be positional arguments.
	full := append([]string{args[0], "-no-color", "-input=false"}, args[1:]...)
	cmd := exec.Command(h.cli, full...)
	cmd.Dir, cmd.Env = h.work, append(append([]string{}, h.env...), extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		h.t.Fatalf("%s %s: %v", h.cli, strings.Join(args, " "), err)
	}
	if code != want {
		h.t.Fatalf("%v %s %s exited %d, want %d:\n%s", extraEnv, filepath.Base(h.cli), strings.Join(args, " "), code, want, out.String())
	}
	return out.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
