package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// adoptionHostileName is a GPT name chosen to break out of an HCL string or
// comment and inject a waiver for every GPT.
const adoptionHostileName = "Evil ${file(\"/etc/passwd\")} %{ if true }x%{ endif }\" }]\n  waivers = [{ subject = \"*\" }]\n#"

// publicGPT adds a GPT anyone with the link can open (a gpt_public_link
// finding).
func publicGPT(f *openaisim.Fixture, id, name string) {
	f.Workspace.GPTs = append(f.Workspace.GPTs, openaisim.GPT{
		ID: id, CreatedAt: day(-3), OwnerID: "user-ws-adopt", OwnerEmail: "adopt@example.com",
		Sharing: openaisim.Sharing{Visibility: "anyone-with-link", Permissions: openaisim.Permissions{CanRead: true}},
		Configs: []openaisim.GPTConfig{{ID: "gzm_cnf_" + id, Name: name}},
	})
}

// sharedGPT adds an invite-only GPT shared with the given emails (a
// gpt_external_share finding per email outside example.com).
func sharedGPT(f *openaisim.Fixture, id string, emails ...string) {
	g := openaisim.GPT{
		ID: id, CreatedAt: day(-3), OwnerID: "user-ws-adopt", OwnerEmail: "adopt@example.com",
		Sharing: openaisim.Sharing{Visibility: "invite-only", Permissions: openaisim.Permissions{CanRead: true}},
		Configs: []openaisim.GPTConfig{{ID: "gzm_cnf_" + id, Name: "Shared " + id}},
	}
	for i, e := range emails {
		g.Sharing.Recipients = append(g.Sharing.Recipients, openaisim.Recipient{
			ID: fmt.Sprintf("user-%s-%d", id, i), Email: e, Permissions: openaisim.Permissions{CanRead: true}})
	}
	for i := range f.Workspace.GPTs {
		if f.Workspace.GPTs[i].ID == id {
			f.Workspace.GPTs[i] = g
			return
		}
	}
	f.Workspace.GPTs = append(f.Workspace.GPTs, g)
}

// adoptionExample: the adoption guide's two root modules, run as the guide
// says on the sample organization (plus a public GPT with a hostile name and
// a GPT shared with an outsider).
func adoptionExample() exampleEntry {
	const render, baseline = "examples/guides/adoption/render/main.tf", "examples/guides/adoption/baseline/main.tf"
	return exampleEntry{covers: []string{render, baseline}, claims: []exampleClaim{
		{"the rendered baseline passes the first plan, is fmt-clean, waives by id and fingerprint only; a new violation, on a new or an already baselined subject, then fails", func(t *testing.T, c *exampleCLI) {
			sim := startSimulator(t, openaisim.SampleOrg())
			sim.Update(func(f *openaisim.Fixture) {
				publicGPT(f, "g-AdoptHostile", adoptionHostileName)
				sharedGPT(f, "g-AdoptShared", "partner@outsider.test")
			})

			// Step 1: apply the render module (reads only), write the output.
			rw := c.workdir(t, one(t, render), simEnv(sim))
			rw.run(t, "apply", "-auto-approve").wantExit(t, 0)
			out := rw.run(t, "output", "-raw", "baseline_hcl")
			out.wantExit(t, 0)
			hcl := out.out
			for _, want := range []string{`resource "openai_posture_check" "gpt_public_link" {`, `subject       = "g-AdoptHostile"`, "TODO:",
				`resource "openai_posture_check" "gpt_external_share" {`, `subject       = "g-AdoptShared"`,
				`finding       = "` + posture.Fingerprint("gpt_external_share", "g-AdoptShared", "recipient:partner@outsider.test") + `"`} {
				if !strings.Contains(hcl, want) {
					t.Fatalf("baseline_hcl lacks %q:\n%s", want, hcl)
				}
			}
			// The name is only in a comment, quoted and escaped (its quote and
			// newline escaped: it cannot end the comment or the quotes).
			if !strings.Contains(hcl, `    # gpt "g-AdoptHostile" named "Evil ${file(\"/etc/passwd\")} %{ if true }x%{ endif }\" }]\n  waivers`) {
				t.Errorf("the hostile GPT name is not escaped in its comment:\n%s", hcl)
			}
			// A check that passes today is gated too (its block, no waiver).
			if !regexp.MustCompile(`(?m)^# audit_logging \(high\): passes today.*\nresource "openai_posture_check" "audit_logging" \{\n  check = "audit_logging"\n\}$`).MatchString(hcl) {
				t.Errorf("baseline_hcl has no gate block for the passing check audit_logging:\n%s", hcl)
			}
			if strings.Contains(hcl, `subject = "*"`) || strings.Contains(hcl, "\n  waivers = [{") {
				t.Fatalf("the hostile GPT name injected HCL:\n%s", hcl)
			}

			// Step 2: the gate with the rendered file next to it.
			files := one(t, baseline)
			files["accepted.tf"] = hcl
			gate := c.workdir(t, files, simEnv(sim))
			gate.run(t, "fmt", "-check").wantExit(t, 0)
			first := gate.plan(t)
			first.wantExit(t, 0)
			for _, rc := range first.plan.ResourceChanges {
				if rc.Mode != "managed" {
					continue
				}
				if strings.Contains(rc.Address, "Evil") || !strings.HasPrefix(rc.Address, "openai_posture_check.") {
					t.Errorf("unexpected resource %s", rc.Address)
				}
				if w, _ := rc.Change.After["waivers"].([]any); len(w) > 0 {
					for _, x := range w {
						s, _ := x.(map[string]any)["subject"].(string)
						if strings.Contains(s, "*") || strings.Contains(s, "Evil") {
							t.Errorf("%s waives %q: not a subject id", rc.Address, s)
						}
						if fp, _ := x.(map[string]any)["finding"].(string); len(fp) != 32 {
							t.Errorf("%s waives %q without a finding fingerprint (%q): it would waive the subject's new violations", rc.Address, s, fp)
						}
					}
				}
				if e, _ := rc.Change.After["enforcement"].(string); e != posture.EnforcementError {
					t.Errorf("%s: enforcement %q, want error (the baseline is a failing gate)", rc.Address, e)
				}
			}
			// The unreviewed placeholders warn, naming check and waiver.
			first.wantOut(t, `check gpt_external_share waiver 0 \(subject "g-AdoptShared"\): the justification is still the baseline placeholder`)

			// A new outsider on the already baselined GPT fails the gate: the
			// baseline accepted one finding of that GPT, not the GPT.
			sim.Update(func(f *openaisim.Fixture) {
				sharedGPT(f, "g-AdoptShared", "partner@outsider.test", "ceo@competitor.test")
			})
			shared := gate.plan(t)
			shared.wantExit(t, 1)
			shared.wantOut(t, `Posture check gpt_external_share failed: 1 finding`, `ceo@competitor.test`)
			sim.Update(func(f *openaisim.Fixture) { sharedGPT(f, "g-AdoptShared", "partner@outsider.test") })

			// A new violation of a baselined check fails the gate.
			sim.Update(func(f *openaisim.Fixture) { publicGPT(f, "g-AdoptNewLeak", "New leak") })
			again := gate.plan(t)
			again.wantExit(t, 1)
			again.wantOut(t, `Posture check gpt_public_link failed`, `g-AdoptNewLeak`)
		}},
		{"a findings data source waiver still carrying the baseline placeholder warns, naming check and waiver", func(t *testing.T, c *exampleCLI) {
			sim := startSimulator(t, openaisim.SampleOrg())
			sim.Update(func(f *openaisim.Fixture) { publicGPT(f, "g-AdoptPlaceholder", "Placeholder") })
			waiver := fmt.Sprintf("baseline_waiver_days = 30\n  waivers = [{ check = \"gpt_public_link\", subject = \"g-AdoptPlaceholder\", justification = %q, expires = %q }]",
				posture.BaselineJustification, baselineExpires(30))
			r := c.workdir(t, edited(t, one(t, render), "baseline_waiver_days = 30", waiver), simEnv(sim)).plan(t)
			r.wantExit(t, 0)
			r.wantOut(t, `Waiver justification is the baseline placeholder`, `check gpt_public_link waiver 0 \(subject "g-AdoptPlaceholder"\): the justification is still the baseline placeholder`)
		}},
		{"baseline_waiver_days longer than max_waiver_days is an error naming the maximum", func(t *testing.T, c *exampleCLI) {
			sim := startSimulator(t, openaisim.SampleOrg())
			files := edited(t, one(t, render), "baseline_waiver_days = 30", "baseline_waiver_days = 400")
			r := c.workdir(t, files, simEnv(sim)).plan(t)
			r.wantExit(t, 1)
			r.wantOut(t, `baseline_waiver_days is 400; it must be between 1 and the provider's max_waiver_days \(365\)`)
		}},
		{"the guide names the expiry the waivers get and the file the output goes to", func(t *testing.T, _ *exampleCLI) {
			guide, err := os.ReadFile(filepath.Join(repoRoot, "templates", "guides", "adoption.md.tmpl"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"terraform output -raw baseline_hcl > ../baseline/accepted.tf", posture.BaselineJustification[:5]} {
				if !strings.Contains(string(guide), want) {
					t.Errorf("the adoption guide does not say %q", want)
				}
			}
		}},
	}}
}

// pipelineDriftExample: the pipeline guide's drift module, end to end with
// its local backend (TestAccCLIDestroyAndDrift covers the exit codes of the
// same flow on a hand-written configuration; this runs the documented one).
func pipelineDriftExample() exampleEntry {
	const path = "examples/guides/pipeline/drift/main.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"apply records the posture; a new finding is an in-place update of accepted_findings and exit 2; apply accepts it", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, nil)
			w := c.workdir(t, one(t, path), simEnv(sim))
			// The backend needs init. Offline, init configures the backend and
			// then fails to look the provider up in the registry; the provider
			// comes from dev_overrides, so the backend step is all that matters.
			w.run(t, "init", "-input=false").wantOut(t, `Successfully configured the backend "local"`)
			w.run(t, "apply", "-auto-approve").wantExit(t, 0)
			if _, err := os.Stat(filepath.Join(w.dir, ".posture-state", "terraform.tfstate")); err != nil {
				t.Fatalf("the local backend wrote no state where the runner caches it: %v", err)
			}
			w.run(t, "plan", "-detailed-exitcode").wantExit(t, 0)

			sim.Update(func(f *openaisim.Fixture) { publicGPT(f, "g-NewLeak", "Quarterly numbers") })
			r := w.run(t, "plan", "-detailed-exitcode")
			r.wantExit(t, 2)
			r.wantOut(t, `openai_posture_check\.gpt_public_link will be updated in-place`, `~ accepted_findings = \[\s*\+ "gpt Quarterly numbers \(g-NewLeak\)",\s*"gpt Press kit \(g-PressKit\)",`, `Plan: 0 to add, 1 to change, 0 to destroy`)
			r.wantNoOut(t, `admin_key_rotation will be`)

			w.run(t, "apply", "-auto-approve").wantExit(t, 0)
			w.run(t, "plan", "-detailed-exitcode").wantExit(t, 0)
		}},
		{"the GitHub and GitLab jobs cache the directory the backend writes; the workflow passes actionlint", func(t *testing.T, _ *exampleCLI) {
			if !strings.Contains(readExample(t, path), `path = ".posture-state/terraform.tfstate"`) {
				t.Fatalf("%s no longer keeps its state in .posture-state/; update the CI examples and this test", path)
			}
			gh, gl := "examples/guides/pipeline/drift-github-actions.yml", "examples/guides/pipeline/drift-gitlab-ci.yml"
			if n := strings.Count(readExample(t, gh), "path: posture/drift/.posture-state"); n != 2 {
				t.Errorf("%s restores and saves posture/drift/.posture-state %d times, want 2", gh, n)
			}
			if !strings.Contains(readExample(t, gl), "- posture/drift/.posture-state/") {
				t.Errorf("%s does not cache posture/drift/.posture-state/", gl)
			}
			for _, want := range []string{"-detailed-exitcode", "steps.drift.outputs.exit == '2'", "gh issue create"} {
				if !strings.Contains(readExample(t, gh), want) {
					t.Errorf("%s lacks %q", gh, want)
				}
			}
			lint := filepath.Join(repoRoot, ".tools", "bin", "actionlint-1.7.12")
			if _, err := os.Stat(lint); err != nil {
				t.Skip("no actionlint in .tools/bin")
			}
			if out, err := exec.Command(lint, "-shellcheck=", "-pyflakes=", filepath.Join(repoRoot, gh)).CombinedOutput(); err != nil {
				t.Errorf("actionlint %s: %v\n%s", gh, err, out)
			}
		}},
	}}
}
