package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oasdiff/yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// The fleet examples (examples/fleet) run the posture-baseline module once
// per organization. Each test serves three organizations from three
// simulators: prod (the clean org: passes), dev (the sample org: fails with
// its seeded findings) and subsidiary (the clean org plus one stale admin
// key: fails with exactly that finding), and drives the real CLI.

// fleetProviderAliases: one provider alias per organization
// (Terraform 1.5+ and OpenTofu).
func fleetProviderAliases(t *testing.T) {
	runFleetExample(t, "aliases", func(org string) string { return "module." + org })
}

// fleetProviderForEach: OpenTofu's provider for_each over a map of
// organizations (OpenTofu 1.9+; skipped on Terraform and older OpenTofu).
func fleetProviderForEach(t *testing.T) {
	cli := fleetCLI(t)
	if name, v := cliVersion(t, cli); name != "OpenTofu" || !versionAtLeast(v, 1, 9) {
		t.Skipf("provider for_each needs OpenTofu 1.9 or later; TF_ACC_TERRAFORM_PATH is %s %s", name, v)
	}
	runFleetExample(t, "provider-for-each", func(org string) string { return fmt.Sprintf("module.baseline[%q]", org) })
}

const fleetStaleKeyID = "key_fleet_subsidiary_stale"

func fleetCLI(t *testing.T) string {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to run tests against the real CLI")
	}
	return cli
}

// cliVersion returns "Terraform" or "OpenTofu" and the version, from the
// first line of `version` ("OpenTofu v1.10.6").
func cliVersion(t *testing.T, cli string) (string, string) {
	t.Helper()
	out, err := exec.Command(cli, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", cli, err)
	}
	m := regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+\.\d+\.\d+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("cannot tell the CLI from %q", strings.SplitN(string(out), "\n", 2)[0])
	}
	return m[1], m[2]
}

func versionAtLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	return err1 == nil && err2 == nil && (ma > major || ma == major && mi >= minor)
}

// fleetOrgs starts the three simulators.
func fleetOrgs(t *testing.T) map[string]*openaisim.Server {
	t.Helper()
	sub := startSimulator(t, openaisim.CleanOrg())
	sub.Update(func(f *openaisim.Fixture) {
		f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{
			ID: fleetStaleKeyID, Name: fleetStaleKeyID, CreatedAt: openaisim.Rel(-300 * 24 * time.Hour),
			LastUsedAt: openaisim.Rel(-time.Hour), Owner: f.AdminAPIKeys[0].Owner,
		})
	})
	return map[string]*openaisim.Server{
		"prod":       startSimulator(t, openaisim.CleanOrg()),
		"dev":        startSimulator(t, openaisim.SampleOrg()),
		"subsidiary": sub,
	}
}

// fleetWorkspace copies the example and the module into a temporary tree
// with the same relative layout, writes the organizations' settings as a
// tfvars file, and returns the example's directory and the CLI environment
// (the provider built as a binary, installed by dev_overrides).
func fleetWorkspace(t *testing.T, example string, orgs map[string]*openaisim.Server) (string, []string) {
	t.Helper()
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
	for _, src := range []string{filepath.Join("fleet", example), filepath.Join("modules", "posture-baseline")} {
		copyTFFiles(t, filepath.Join("..", "..", "examples", src), filepath.Join(dir, "examples", src))
	}
	vars := map[string]map[string]any{"organizations": {}, "api_keys": {}}
	for name, sim := range orgs {
		vars["organizations"][name] = map[string]string{
			"workspace_id": sim.WorkspaceID(), "admin_base_url": sim.AdminBaseURL(), "compliance_base_url": sim.ComplianceBaseURL(),
		}
		vars["api_keys"][name] = map[string]string{"admin": openaisim.AdminKey, "compliance": openaisim.ComplianceKey}
	}
	work := filepath.Join(dir, "examples", "fleet", example)
	if len(orgs) > 0 {
		b, _ := json.Marshal(vars)
		writeFile(t, filepath.Join(work, "fleet.auto.tfvars.json"), string(b))
	}
	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME=" + dir,
		"PATH=" + os.Getenv("PATH"), "OPENAI_ADMIN_REQUESTS_PER_MINUTE=0", "OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE=0"}
	return work, env
}

func copyTFFiles(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, e.Name()), string(b))
	}
}

// anyExitCode tells cliRunner not to check the exit code.
const anyExitCode = -1

// cliRunner runs the CLI in a directory and checks its exit code.
func cliRunner(t *testing.T, cli, work string, env []string) func(want int, args ...string) string {
	return func(want int, args ...string) string {
		t.Helper()
		cmd := exec.Command(cli, append(args, "-no-color")...)
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
		if want != anyExitCode && code != want {
			t.Fatalf("%s %s exited %d, want %d:\n%s", filepath.Base(cli), strings.Join(args, " "), code, want, out.String())
		}
		return out.String()
	}
}

type fleetOrgSummary struct {
	Passed bool             `json:"passed"`
	Score  int              `json:"score"`
	Counts map[string]int64 `json:"counts"`
}

func runFleetExample(t *testing.T, example string, address func(org string) string) {
	cli := fleetCLI(t)
	orgs := fleetOrgs(t)
	work, env := fleetWorkspace(t, example, orgs)
	run := cliRunner(t, cli, work, env)

	// `get` installs the module; the provider comes from dev_overrides.
	run(0, "get")

	// Warn mode: every organization is evaluated and recorded; the outcome
	// is in the outputs.
	run(0, "apply", "-auto-approve", "-input=false", "-var", "enforcement=warn")
	var summary map[string]fleetOrgSummary
	if err := json.Unmarshal([]byte(run(0, "output", "-json", "summary")), &summary); err != nil {
		t.Fatal(err)
	}
	if s := summary["prod"]; !s.Passed || s.Score != 100 || s.Counts["rules_passed"] != s.Counts["rules"] {
		t.Errorf("prod (clean org) = %+v, want passed with score 100", s)
	}
	if s := summary["dev"]; s.Passed || s.Score >= 100 || s.Counts["high"] == 0 {
		t.Errorf("dev (sample org) = %+v, want failed with high findings", s)
	}
	if s := summary["subsidiary"]; s.Passed || s.Counts["high"] != 1 || s.Counts["medium"]+s.Counts["low"]+s.Counts["critical"] != 0 {
		t.Errorf("subsidiary (one stale key) = %+v, want failed with exactly one high finding", s)
	}

	// Each organization's reports are its own: the JSON report lists the
	// organization's findings and no other's.
	var reports map[string]string
	if err := json.Unmarshal([]byte(run(0, "output", "-json", "json")), &reports); err != nil {
		t.Fatal(err)
	}
	subjects := func(org string) []string {
		rep, err := posture.ParseJSONReport([]byte(reports[org]))
		if err != nil {
			t.Fatalf("%s JSON report: %v", org, err)
		}
		var out []string
		for _, f := range rep.Findings {
			out = append(out, f.CheckID+"/"+f.SubjectID)
		}
		return out
	}
	if got := subjects("prod"); len(got) != 0 {
		t.Errorf("prod findings = %v, want none", got)
	}
	if got := subjects("subsidiary"); len(got) != 1 || got[0] != "admin_key_rotation/"+fleetStaleKeyID {
		t.Errorf("subsidiary findings = %v, want only admin_key_rotation/%s", got, fleetStaleKeyID)
	}
	dev := strings.Join(subjects("dev"), " ")
	if !strings.Contains(dev, "admin_key_rotation/key_sim_legacy_admin_400d") || strings.Contains(dev, fleetStaleKeyID) {
		t.Errorf("dev findings = %s, want the sample org's (key_sim_legacy_admin_400d) and not subsidiary's", dev)
	}
	var sarifs map[string]string
	if err := json.Unmarshal([]byte(run(0, "output", "-json", "sarif")), &sarifs); err != nil {
		t.Fatal(err)
	}
	for org := range orgs {
		if !strings.Contains(sarifs[org], `"version": "2.1.0"`) {
			t.Errorf("%s: no SARIF 2.1.0 log in the sarif output", org)
		}
	}

	// Error mode: the plan fails, on dev's and subsidiary's findings only.
	out := run(1, "plan", "-input=false", "-var", "enforcement=error")
	for org, wantErr := range map[string]bool{"prod": false, "dev": true, "subsidiary": true} {
		with := "with " + address(org) + ".openai_posture_check.this"
		if strings.Contains(out, with) != wantErr {
			t.Errorf("plan errors for %s: got %v, want %v:\n%s", org, !wantErr, wantErr, out)
		}
	}
	if !strings.Contains(out, fleetStaleKeyID) || !strings.Contains(out, "key_sim_legacy_admin_400d") {
		t.Errorf("the failing plan does not name the findings:\n%s", out)
	}

	// The merge command reads a saved plan of the whole fleet (as the guide
	// shows), never `output -json`, which still holds the last apply's
	// outputs after a failed plan.
	run(0, "plan", "-input=false", "-lock=false", "-var", "enforcement=warn", "-out=fleet.tfplan")
	writeFile(t, filepath.Join(work, "fleet-plan.json"), run(0, "show", "-json", "fleet.tfplan"))
	fleet := runPostureMerge(t, work, "-tf-plan", "fleet-plan.json")
	if fleet.Passed || fleet.Totals.Organizations != 3 || fleet.Totals.Passed != 1 || fleet.Totals.Failed != 2 {
		t.Errorf("fleet summary = %+v", fleet)
	}

	// Fail closed on stale state: with one organization's API broken, the
	// plan fails (no plan file to merge), while `output -json` still holds
	// the last apply's outputs, prod passed among them; the merge refuses it.
	orgs["prod"].InjectFault(openaisim.AllEndpoints, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500, ShouldRetry: "false"})
	broken := cliRunner(t, cli, work, append(append([]string(nil), env...), "OPENAI_MAX_RETRIES=0"))
	broken(1, "plan", "-input=false", "-lock=false", "-var", "enforcement=warn", "-out=broken.tfplan")
	writeFile(t, filepath.Join(work, "outputs.json"), run(0, "output", "-json"))
	if stale := string(mustRead(t, filepath.Join(work, "outputs.json"))); !strings.Contains(stale, `"prod"`) {
		t.Fatalf("output -json has no stale prod report to refuse:\n%s", stale)
	}
	cmd := exec.Command(postureMergeBinary(t), "-tf-outputs", "outputs.json")
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "-tf-plan") {
		t.Errorf("posturemerge merged `terraform output -json`, which can be stale: %v\n%s", err, out)
	}
	orgs["prod"].ClearFaults()

	run(0, "destroy", "-auto-approve", "-input=false", "-var", "enforcement=warn")
}

// fleetSummaryOut is the part of posturemerge's summary the tests read.
type fleetSummaryOut struct {
	Passed        bool `json:"passed"`
	Organizations []struct {
		Organization string `json:"organization"`
		Passed       bool   `json:"passed"`
		Counts       struct {
			High int `json:"high"`
		} `json:"counts"`
	} `json:"organizations"`
	Totals struct {
		Organizations, Passed, Failed int
	} `json:"totals"`
}

// postureMergeBinary builds cmd/posturemerge.
func postureMergeBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "posturemerge")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/posturemerge").CombinedOutput(); err != nil {
		t.Fatalf("building posturemerge: %v\n%s", err, out)
	}
	return bin
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runPostureMerge builds and runs cmd/posturemerge in dir, and returns the
// fleet summary it wrote (it also checks the merged SARIF has one run per
// organization).
func runPostureMerge(t *testing.T, dir string, args ...string) fleetSummaryOut {
	t.Helper()
	cmd := exec.Command(postureMergeBinary(t), append([]string{"-sarif-out", "fleet.sarif", "-summary-out", "fleet-summary.json"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("posturemerge %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	var sum fleetSummaryOut
	b, err := os.ReadFile(filepath.Join(dir, "fleet-summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
		} `json:"runs"`
	}
	b, err = os.ReadFile(filepath.Join(dir, "fleet.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != len(sum.Organizations) {
		t.Errorf("merged SARIF has %d runs for %d organizations", len(log.Runs), len(sum.Organizations))
	}
	for i, r := range log.Runs {
		if want := "openai-posture/" + sum.Organizations[i].Organization + "/"; r.AutomationDetails.ID != want {
			t.Errorf("run %d is tagged %q, want %q", i, r.AutomationDetails.ID, want)
		}
	}
	return sum
}

// TestAccFleetMatrix is the CI matrix pattern of the fleet guide: one run of
// examples/fleet/matrix per organization, each in its own directory with its
// own keys in the environment (the gate, then a plan-only report run), then
// a merge of their reports.
func fleetMatrix(t *testing.T) {
	cli := fleetCLI(t)
	orgs := fleetOrgs(t)
	base, env := fleetWorkspace(t, "matrix", nil)
	reports := t.TempDir()
	var args []string
	for _, org := range []string{"dev", "prod", "subsidiary"} {
		sim := orgs[org]
		// Each job has its own copy of the root module, hence its own state.
		work := filepath.Join(filepath.Dir(base), "job-"+org)
		copyTFFiles(t, base, work)
		orgEnv := append(append([]string(nil), env...),
			"OPENAI_ADMIN_KEY="+openaisim.AdminKey, "OPENAI_COMPLIANCE_API_KEY="+openaisim.ComplianceKey,
			"OPENAI_WORKSPACE_ID="+sim.WorkspaceID(), "OPENAI_ORGANIZATION_ID=org-sim-"+org, "OPENAI_ADMIN_BASE_URL="+sim.AdminBaseURL(),
			"OPENAI_COMPLIANCE_BASE_URL="+sim.ComplianceBaseURL())
		run := cliRunner(t, cli, work, orgEnv)
		run(0, "get")
		want := 0
		if org != "prod" {
			want = 1 // error enforcement: findings fail the job's plan
		}
		out := run(want, "plan", "-input=false", "-var", "organization="+org)
		if org == "subsidiary" && !strings.Contains(out, fleetStaleKeyID) {
			t.Errorf("subsidiary's failing plan does not name its finding:\n%s", out)
		}
		// The report step, as in the guide's workflow: a plan-only run in warn
		// mode; the reports are in the saved plan's outputs.
		run(0, "plan", "-input=false", "-lock=false", "-var", "organization="+org, "-var", "enforcement=warn", "-out=report.tfplan")
		var plan struct {
			PlannedValues struct {
				Outputs map[string]struct {
					Value any `json:"value"`
				} `json:"outputs"`
			} `json:"planned_values"`
		}
		if err := json.Unmarshal([]byte(run(0, "show", "-json", "report.tfplan")), &plan); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(reports, org)
		for _, out := range []string{"sarif", "json", "ocsf"} {
			text, ok := plan.PlannedValues.Outputs[out].Value.(string)
			if !ok || text == "" {
				t.Fatalf("%s: the saved plan has no %s output: %v", org, out, plan.PlannedValues.Outputs[out])
			}
			writeFile(t, filepath.Join(dir, "posture."+out), text)
		}
		checkFleetOCSF(t, org, plan.PlannedValues.Outputs["ocsf"].Value.(string))
		args = append(args, org+"="+dir)
	}
	fleet := runPostureMerge(t, reports, args...)
	if fleet.Passed || fleet.Totals.Organizations != 3 || fleet.Totals.Passed != 1 || fleet.Totals.Failed != 2 {
		t.Errorf("fleet summary = %+v", fleet)
	}
	for _, o := range fleet.Organizations {
		if o.Passed != (o.Organization == "prod") {
			t.Errorf("%s: passed = %v", o.Organization, o.Passed)
		}
		if o.Organization == "subsidiary" && o.Counts.High != 1 {
			t.Errorf("subsidiary: %d high findings, want 1", o.Counts.High)
		}
	}
}

// checkFleetOCSF validates the provider's OCSF output against the schema
// excerpt of internal/posture/testdata/ocsf, and checks the events are the
// organization's: none for the clean org, the stale key for subsidiary.
func checkFleetOCSF(t *testing.T, org, out string) {
	t.Helper()
	sch := fleetOCSFSchema(t)
	var events []json.RawMessage
	if err := json.Unmarshal([]byte(out), &events); err != nil {
		t.Fatalf("%s: ocsf is not a JSON array: %v", org, err)
	}
	for i, ev := range events {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(ev))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: OCSF event %d does not validate: %v", org, i, err)
		}
		// The job's organization id names the tenant, as the workflow sets it.
		var e struct {
			Metadata struct {
				TenantUID string `json:"tenant_uid"`
			} `json:"metadata"`
		}
		if _ = json.Unmarshal(ev, &e); !strings.HasPrefix(e.Metadata.TenantUID, "org-sim-"+org+"/") {
			t.Errorf("%s: OCSF event %d has tenant_uid %q, want org-sim-%s/<workspace id>", org, i, e.Metadata.TenantUID, org)
		}
	}
	switch {
	case org == "prod" && len(events) != 0:
		t.Errorf("prod: %d OCSF events, want none", len(events))
	case org == "subsidiary" && (len(events) != 1 || !strings.Contains(string(events[0]), fleetStaleKeyID)):
		t.Errorf("subsidiary: OCSF events %s, want one about %s", out, fleetStaleKeyID)
	case org == "dev" && len(events) == 0:
		t.Error("dev: no OCSF events")
	}
}

// fleetOCSFSchema compiles the OCSF Compliance Finding schema excerpt of
// internal/posture/testdata/ocsf.
func fleetOCSFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "posture", "testdata", "ocsf", "compliance_finding-"+posture.OCSFSchemaVersion+".schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("ocsf.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("ocsf.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// fleetWorkflowStep returns the step of a job of examples/fleet/github-actions.yml
// with the given name.
func fleetWorkflowStep(t *testing.T, job, name string) map[string]any {
	t.Helper()
	b := mustRead(t, filepath.Join("..", "..", "examples", "fleet", "github-actions.yml"))
	js, err := yaml.YAMLToJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []map[string]any `json:"steps"`
		} `json:"jobs"`
	}
	if err := json.Unmarshal(js, &wf); err != nil {
		t.Fatal(err)
	}
	for _, st := range wf.Jobs[job].Steps {
		if st["name"] == name {
			return st
		}
	}
	t.Fatalf("the workflow's job %s has no step %q", job, name)
	return nil
}

// TestFleetWorkflowNotEvaluatedEvent: when an organization's report plan
// fails, the provider renders no report (it fails closed), so the workflow
// itself tells the SIEM the organization was not evaluated: its step runs
// on a failed report step and writes one OCSF event that validates against
// the schema, with compliance status Warning and the organization as the
// tenant. The step's script is run as written.
func TestFleetWorkflowNotEvaluatedEvent(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq is not installed")
	}
	step := fleetWorkflowStep(t, "org", "Not evaluated (OCSF)")
	if cond := fmt.Sprint(step["if"]); !strings.Contains(cond, "steps.report.outcome != 'success'") {
		t.Errorf("the not-evaluated step runs if %s, want it to run whenever the report step did not succeed", cond)
	}
	if id := fleetWorkflowStep(t, "org", "Reports (SARIF, JSON, OCSF)")["id"]; id != "report" {
		t.Errorf("the report step's id is %v, want report", id)
	}
	if cond := fmt.Sprint(fleetWorkflowStep(t, "org", "Upload SARIF to code scanning")["if"]); !strings.Contains(cond, "steps.report.outcome == 'success'") {
		t.Errorf("the SARIF upload runs if %s, want only after a successful report", cond)
	}
	sch := fleetOCSFSchema(t)
	for _, tc := range []struct{ orgID, workspace, wantTenant string }{
		{"org-AAAA", "6f1c2d3e-0000-4000-8000-000000000001", "org-AAAA/6f1c2d3e-0000-4000-8000-000000000001"},
		{"", "", "dev"},
	} {
		tmp := t.TempDir()
		if err := os.MkdirAll(filepath.Join(tmp, "reports"), 0o755); err != nil {
			t.Fatal(err)
		}
		// A stale report from an earlier step must not survive.
		writeFile(t, filepath.Join(tmp, "reports", "posture.json"), "{}")
		cmd := exec.Command("bash", "-eo", "pipefail", "-c", fmt.Sprint(step["run"]))
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "ORG=dev", "RUNNER_TEMP=" + tmp, "RUN_URL=https://github.example/runs/1",
			"OPENAI_ORGANIZATION_ID=" + tc.orgID, "OPENAI_WORKSPACE_ID=" + tc.workspace}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("the not-evaluated step failed: %v\n%s", err, out)
		}
		if _, err := os.Stat(filepath.Join(tmp, "reports", "posture.json")); err == nil {
			t.Error("a stale posture.json survived the not-evaluated step; the merge could count it")
		}
		out := mustRead(t, filepath.Join(tmp, "reports", "posture.ocsf"))
		var events []json.RawMessage
		if err := json.Unmarshal(out, &events); err != nil || len(events) != 1 {
			t.Fatalf("want one OCSF event, got %s (%v)", out, err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(events[0]))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("the not-evaluated event does not validate against OCSF %s: %v", posture.OCSFSchemaVersion, err)
		}
		var e struct {
			Compliance struct {
				StatusID int `json:"status_id"`
			} `json:"compliance"`
			Metadata struct {
				TenantUID string `json:"tenant_uid"`
			} `json:"metadata"`
			FindingInfo struct{ UID string } `json:"finding_info"`
		}
		_ = json.Unmarshal(events[0], &e)
		if e.Compliance.StatusID != 2 || e.Metadata.TenantUID != tc.wantTenant || !strings.HasSuffix(e.FindingInfo.UID, tc.wantTenant) {
			t.Errorf("not-evaluated event: compliance status %d (want 2, Warning), tenant %q (want %q), uid %q",
				e.Compliance.StatusID, e.Metadata.TenantUID, tc.wantTenant, e.FindingInfo.UID)
		}
	}
}

// TestFleetExamplesShareOneBaseline: the fleet examples declare the same
// baseline; a change to one copy must be made to all.
func TestFleetExamplesShareOneBaseline(t *testing.T) {
	var first []byte
	for _, ex := range []string{"aliases", "provider-for-each", "matrix"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "fleet", ex, "baseline.tf"))
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Errorf("examples/fleet/%s/baseline.tf differs from examples/fleet/aliases/baseline.tf", ex)
		}
	}
}

// fleetModuleGuards: the module refuses to guess. Without a
// `providers` entry there is no default organization to fall back on, and a
// waiver naming a check outside the baseline is an error, not a silent no-op.
func fleetModuleGuards(t *testing.T) {
	cli := fleetCLI(t)
	sim := startSimulator(t, openaisim.CleanOrg())
	work, env := fleetWorkspace(t, "matrix", nil)
	root := filepath.Join(filepath.Dir(work), "guards")
	run := cliRunner(t, cli, root, env)
	header := `terraform {
  required_providers {
    openai = { source = "openai-posture/openai" }
  }
}
` + providerBlock(sim)

	writeFile(t, filepath.Join(root, "main.tf"), header+`
module "prod" {
  source       = "../../modules/posture-baseline"
  organization = "prod"
  checks       = ["admin_key_rotation"]
}
`)
	// Terraform refuses it from `get` on, OpenTofu warns there and refuses it
	// at `validate`.
	out := run(anyExitCode, "get") + run(1, "validate")
	if !strings.Contains(out, "Missing required provider configuration") || !strings.Contains(out, "openai.org") {
		t.Errorf("a module block without providers was not refused:\n%s", out)
	}

	writeFile(t, filepath.Join(root, "main.tf"), header+`
module "prod" {
  source       = "../../modules/posture-baseline"
  providers    = { openai.org = openai }
  organization = "prod"
  checks       = ["admin_key_rotation"]
  waivers = [{
    check         = "gpt_public_store"
    subject       = "g-1"
    justification = "typo: this check is not in the baseline"
    expires       = "2026-01-31"
  }]
}
`)
	run(0, "get")
	if out := run(1, "plan", "-input=false", "-lock=false"); !strings.Contains(out, "gpt_public_store") || !strings.Contains(out, "not in var.checks") {
		t.Errorf("a waiver for a check outside the baseline was not refused:\n%s", out)
	}

	// gate = false declares no openai_posture_check: enforcement "error"
	// would fail nothing, so the module refuses the pair; with "warn" it is
	// a report-only run.
	reportOnly := func(enforcement string) string {
		return header + fmt.Sprintf(`
module "prod" {
  source       = "../../modules/posture-baseline"
  providers    = { openai.org = openai }
  organization = "prod"
  checks       = ["admin_key_rotation"]
  gate         = false
  enforcement  = %q
}
`, enforcement)
	}
	writeFile(t, filepath.Join(root, "main.tf"), reportOnly("error"))
	if out := strings.Join(strings.Fields(run(1, "plan", "-input=false", "-lock=false")), " "); !strings.Contains(out, "gate = false declares no openai_posture_check") || !strings.Contains(out, "would fail nothing") {
		t.Errorf("gate = false with enforcement = \"error\" was not refused:\n%s", out)
	}
	writeFile(t, filepath.Join(root, "main.tf"), reportOnly("warn"))
	run(0, "plan", "-input=false", "-lock=false")
}

// fleetExample: the fleet guide's module and its three ways to run it, each
// driven through the real CLI against three simulated organizations.
func fleetExample() exampleEntry {
	run := func(f func(*testing.T)) func(*testing.T, *exampleCLI) {
		return func(t *testing.T, _ *exampleCLI) { f(t) }
	}
	return exampleEntry{
		covers: []string{
			"examples/modules/posture-baseline/main.tf", "examples/modules/posture-baseline/variables.tf", "examples/modules/posture-baseline/outputs.tf",
			"examples/fleet/aliases/baseline.tf", "examples/fleet/aliases/main.tf", "examples/fleet/aliases/outputs.tf", "examples/fleet/aliases/variables.tf",
			"examples/fleet/provider-for-each/baseline.tf", "examples/fleet/provider-for-each/main.tf", "examples/fleet/provider-for-each/outputs.tf", "examples/fleet/provider-for-each/variables.tf",
			"examples/fleet/matrix/baseline.tf", "examples/fleet/matrix/main.tf",
		},
		claims: []exampleClaim{
			{"one provider alias per organization: the clean org passes, the sample org fails with its findings, the subsidiary fails with exactly its stale key; the merge summarises all three", run(fleetProviderAliases)},
			{"OpenTofu provider for_each over a map of organizations gives the same outcomes (skipped before OpenTofu 1.9)", run(fleetProviderForEach)},
			{"matrix: one job per organization with its own keys, then a merge of SARIF, JSON and OCSF reports", run(fleetMatrix)},
			{"the module refuses a missing providers entry, a waiver for a check outside the baseline, and gate = false with enforcement = \"error\" (which would enforce nothing)", run(fleetModuleGuards)},
		},
	}
}
