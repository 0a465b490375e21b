package provider

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// hostileGPTName imitates Terraform's own output, carries terminal control
// sequences, a GitHub Actions workflow command and a Markdown fence that
// would end the code block of the drift workflow's issue body.
const hostileGPTName = "Press kit ##[warning]forged annotation\x1b[2K\x1b[1A\r\n" + forgedTFLine + "\n::add-mask::failed\n```\n[Posture OK, close this issue](https://attacker.example/)\n\x1b[8m"

const forgedTFLine = "No changes. Your infrastructure matches the configuration."

// hostileOutputProblems lists what of the attacker's text reached a CLI
// output raw: control sequences, a line it starts (GitHub runs a workflow
// command on any log line starting with "::" after leading spaces), a
// Markdown fence.
func hostileOutputProblems(out string) []string {
	var problems []string
	for _, seq := range []string{"\x1b[2K", "\x1b[1A", "\x1b[8m"} {
		if strings.Contains(out, seq) {
			problems = append(problems, fmt.Sprintf("terminal control sequence %q", seq))
		}
	}
	if strings.Contains(out, "##[") {
		problems = append(problems, "a legacy GitHub Actions command \"##[\" (the runner finds it anywhere in a line)")
	}
	for _, line := range strings.Split(out, "\n") {
		l := strings.TrimLeft(line, " │+-~\t")
		switch {
		case strings.HasPrefix(l, forgedTFLine):
			problems = append(problems, "a line imitating Terraform: "+line)
		case strings.HasPrefix(strings.TrimSpace(line), "::"):
			problems = append(problems, "a GitHub Actions workflow command line: "+line)
		case strings.HasPrefix(l, "```"):
			problems = append(problems, "a Markdown fence line: "+line)
		}
	}
	return problems
}

func redteamDiagWorkspace(t *testing.T, sim *openaisim.Server, enforcement string) (string, []string) {
	_, env := fleetWorkspace(t, "aliases", nil)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), fmt.Sprintf(`terraform {
  required_providers {
    openai = { source = "openai-posture/openai" }
  }
}
%s
resource "openai_posture_check" "public" {
  check       = "gpt_public_link"
  enforcement = %q
}
`, providerBlock(sim), enforcement))
	return dir, env
}

func cliOut(cli, dir string, env []string, args ...string) (string, int) {
	cmd := exec.Command(cli, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	}
	return string(out), 0
}

// Attack through the real CLI: a GPT's owner names it with terminal control
// sequences, a newline and text imitating Terraform's own output, a GitHub
// Actions workflow command and a Markdown fence. (1) The failing gate prints
// the name in its diagnostic; (2) the drift workflow of the pipeline guide
// (plan -no-color -detailed-exitcode, `cat plan.txt`, and the plan's diff
// pasted into an issue inside a ``` block) prints it in the diff of
// accepted_findings. The plan still fails or shows the drift (exit 1 / 2);
// what the attacker controls is the log, the terminal and the issue body.
func TestAccRedTeamDiagnosticNameInjection(t *testing.T) {
	cli := fleetCLI(t)
	sim := startSimulator(t, openaisim.CleanOrg())
	publicGPT := func(name string) {
		sim.Update(func(f *openaisim.Fixture) {
			g := &f.Workspace.GPTs[0]
			g.Sharing.Visibility = "anyone-with-link"
			g.Configs[0].Name = name
		})
	}
	publicGPT(hostileGPTName)

	t.Run("gate diagnostic", func(t *testing.T) {
		dir, env := redteamDiagWorkspace(t, sim, "error")
		for _, args := range [][]string{{"plan", "-input=false"}, {"plan", "-input=false", "-no-color"}} {
			out, code := cliOut(cli, dir, env, args...)
			if code != 1 || !strings.Contains(out, "g-SimHRHelper") {
				t.Fatalf("%v exited %d, want 1 naming the GPT:\n%s", args, code, out)
			}
			for _, p := range hostileOutputProblems(out) {
				t.Errorf("%v: %s", args, p)
			}
		}
	})

	t.Run("drift diff", func(t *testing.T) {
		publicGPT("Press kit")
		dir, env := redteamDiagWorkspace(t, sim, "warn")
		if out, code := cliOut(cli, dir, env, "apply", "-input=false", "-auto-approve", "-no-color"); code != 0 {
			t.Fatalf("apply: %d\n%s", code, out)
		}
		publicGPT(hostileGPTName)
		out, code := cliOut(cli, dir, env, "plan", "-input=false", "-no-color", "-detailed-exitcode")
		if code != 2 {
			t.Fatalf("drift plan exited %d, want 2:\n%s", code, out)
		}
		for _, p := range hostileOutputProblems(out) {
			t.Errorf("drift plan: %s", p)
		}
		cliOut(cli, dir, env, "destroy", "-input=false", "-auto-approve")
	})

	// Terraform prints state values too: the findings list in a plan
	// without refresh, a refresh-only plan and terraform show, and the
	// reports of openai_posture_findings wherever outputs are shown, where
	// it decodes a JSON string and prints a multi-line value line by line,
	// raw. The pipeline guide's report job plans exactly such outputs.
	t.Run("state and report outputs", func(t *testing.T) {
		publicGPT("Press kit")
		dir, env := redteamDiagWorkspace(t, sim, "warn")
		writeFile(t, filepath.Join(dir, "reports.tf"), `
data "openai_posture_findings" "all" {
  checks = ["gpt_public_link"]
}
output "json" { value = data.openai_posture_findings.all.json }
output "sarif" { value = data.openai_posture_findings.all.sarif }
output "junit" { value = data.openai_posture_findings.all.junit }
output "ocsf" { value = data.openai_posture_findings.all.ocsf }
output "findings" { value = data.openai_posture_findings.all.findings }
`)
		if out, code := cliOut(cli, dir, env, "apply", "-input=false", "-auto-approve", "-no-color"); code != 0 {
			t.Fatalf("apply: %d\n%s", code, out)
		}
		publicGPT(hostileGPTName)
		for _, args := range [][]string{
			{"plan", "-input=false", "-no-color"},
			{"plan", "-input=false", "-no-color", "-refresh=false"},
			{"plan", "-input=false", "-no-color", "-refresh-only"},
			{"apply", "-input=false", "-auto-approve", "-no-color"},
			{"show", "-no-color"},
			{"output", "-no-color"},
		} {
			out, code := cliOut(cli, dir, env, args...)
			if code != 0 {
				t.Fatalf("%v exited %d:\n%s", args, code, out)
			}
			if !strings.Contains(out, "Press kit") && args[0] != "plan" {
				t.Fatalf("%v does not show the GPT at all:\n%s", args, out)
			}
			for _, p := range hostileOutputProblems(out) {
				t.Errorf("%v: %s", args, p)
			}
		}
		cliOut(cli, dir, env, "destroy", "-input=false", "-auto-approve")
	})
}
