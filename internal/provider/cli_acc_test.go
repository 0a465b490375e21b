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
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to run tests against the real CLI")
	}
	sim := startSimulator(t, openaisim.CleanOrg())
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
	work := filepath.Join(dir, "config")
	writeConfig := func(enforcement string) {
		writeFile(t, filepath.Join(work, "main.tf"), `terraform {
  required_providers {
    openai = { source = "openai-posture/openai" }
  }
}
`+rotationConfig(sim, enforcement, ""))
	}

	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	run := func(want int, args ...string) string {
		t.Helper()
		cmd := exec.Command(cli, append(args, "-no-color", "-input=false")...)
		cmd.Dir, cmd.Env = work, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %s: %v", cli, strings.Join(args, " "), err)
		}
		if code != want {
			t.Fatalf("%s %s exited %d, want %d:\n%s", filepath.Base(cli), strings.Join(args, " "), code, want, out.String())
		}
		return out.String()
	}
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

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
