package provider

// The machinery of examples_acc_test.go: the inventory of documented HCL, and
// a runner that plans an example as written with the real CLI against the
// simulator.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// repoRoot is where examples/ and templates/ live, seen from this package.
const repoRoot = "../.."

// fenceRE finds HCL code fences written inline in a template.
var fenceRE = regexp.MustCompile("(?m)^[ \t]*```(terraform|hcl|tf)[ \t]*\n([\\s\\S]*?)^[ \t]*```")

// tffileRE finds {{ tffile "path" }} includes.
var tffileRE = regexp.MustCompile(`\{\{\s*tffile\s+"([^"]+)"\s*\}\}`)

// documentedHCL lists every piece of HCL the docs show: each .tf file under
// examples/, and each inline fence of a template, keyed
// "templates/<file>#<first line of the fence>".
func documentedHCL(t *testing.T) []string {
	t.Helper()
	var keys []string
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, path)
		keys = append(keys, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(filepath.Join(repoRoot, "templates"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tmpl") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, path)
		for _, m := range fenceRE.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, filepath.ToSlash(rel)+"#"+firstLine(m[2]))
		}
		for _, m := range tffileRE.FindAllStringSubmatch(string(src), -1) {
			if _, err := os.Stat(filepath.Join(repoRoot, m[1])); err != nil {
				t.Errorf("%s includes %s, which does not exist", rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(keys)
	return slicesCompact(keys)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

func slicesCompact(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// templateFences returns the inline HCL fences of one template.
func templateFences(t *testing.T, template string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, template))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range fenceRE.FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[2])
	}
	return out
}

// readExample returns the text of a file under the repository root.
func readExample(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// docsOrg is the organization the examples describe
// (testdata/examples/docs-org.json), changed by edit.
func docsOrg(t *testing.T, edit func(*openaisim.Fixture)) *openaisim.Fixture {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "examples", "docs-org.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fx, err := openaisim.LoadFixture(f)
	if err != nil {
		t.Fatalf("testdata/examples/docs-org.json: %v", err)
	}
	if edit != nil {
		edit(fx)
	}
	return fx
}

// exampleCLI is the real CLI and the provider built as a binary, installed
// through dev_overrides for every address an example may use: the examples run
// exactly as written, provider "openai" {} blocks and all.
type exampleCLI struct {
	path string // terraform or tofu
	rc   string // CLI config file with the dev_overrides
	home string
}

func newExampleCLI(t *testing.T) *exampleCLI {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to run the documented examples with the real CLI")
	}
	// Built once per test run, into the calling test's temporary directory,
	// which outlives its (parallel) subtests.
	buildDir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(buildDir, "terraform-provider-openai"), repoRoot).CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "cli.tfrc")
	var overrides strings.Builder
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		for _, ns := range []string{"openai-posture", "hashicorp"} {
			fmt.Fprintf(&overrides, "    %q = %q\n", host+"/"+ns+"/openai", buildDir)
		}
	}
	writeFile(t, rc, "provider_installation {\n  dev_overrides {\n"+overrides.String()+"  }\n  direct {}\n}\n")
	return &exampleCLI{path: cli, rc: rc, home: dir}
}

// exampleRun is the outcome of one CLI command in an example's directory.
type exampleRun struct {
	exit int
	out  string // stdout and stderr, -no-color
	plan *planJSON
}

// planJSON is the part of `terraform show -json <plan>` the claims read.
type planJSON struct {
	PlannedValues struct {
		Outputs map[string]struct {
			Value any `json:"value"`
		} `json:"outputs"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
		Change  struct {
			Actions []string       `json:"actions"`
			After   map[string]any `json:"after"`
		} `json:"change"`
	} `json:"resource_changes"`
	PriorState struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	} `json:"prior_state"`
	raw map[string]any
}

// output is a planned output value; it fails the test when the output is
// absent (unknown at plan time, or not declared).
func (r *exampleRun) output(t *testing.T, name string) any {
	t.Helper()
	if r.plan == nil {
		t.Fatalf("no plan to read output %s from:\n%s", name, r.out)
	}
	o, ok := r.plan.PlannedValues.Outputs[name]
	if !ok {
		t.Fatalf("output %s is not in the plan (unknown or undeclared)", name)
	}
	return o.Value
}

// data returns the values of a data source read during the plan.
func (r *exampleRun) data(t *testing.T, address string) map[string]any {
	t.Helper()
	if r.plan == nil {
		t.Fatalf("no plan to read %s from:\n%s", address, r.out)
	}
	for _, res := range r.plan.PriorState.Values.RootModule.Resources {
		if res.Address == address {
			return res.Values
		}
	}
	t.Fatalf("%s was not read during the plan", address)
	return nil
}

// planned returns the planned values of a managed resource.
func (r *exampleRun) planned(t *testing.T, address string) map[string]any {
	t.Helper()
	if r.plan == nil {
		t.Fatalf("no plan to read %s from:\n%s", address, r.out)
	}
	for _, rc := range r.plan.ResourceChanges {
		if rc.Address == address {
			return rc.Change.After
		}
	}
	t.Fatalf("%s is not in the plan", address)
	return nil
}

// workdir is a copy of the example's files with the simulator's settings in
// the environment, as a user's shell would have them.
type workdir struct {
	cli *exampleCLI
	dir string
	env []string
}

// simEnv is the provider's environment pointing at sim; drop names variables
// to leave unset (a pipeline without a secret).
func simEnv(sim *openaisim.Server, drop ...string) map[string]string {
	env := map[string]string{
		envAdminAPIKey:       openaisim.AdminKey,
		envComplianceAPIKey:  openaisim.ComplianceKey,
		envWorkspaceID:       sim.WorkspaceID(),
		envAdminBaseURL:      sim.AdminBaseURL(),
		envComplianceBaseURL: sim.ComplianceBaseURL(),
		envAdminRPM:          "0",
		envComplianceRPM:     "0",
		envMaxRetries:        "1",
	}
	for _, d := range drop {
		delete(env, d)
	}
	return env
}

func (c *exampleCLI) workdir(t *testing.T, files map[string]string, env map[string]string) *workdir {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	base := []string{"TF_CLI_CONFIG_FILE=" + c.rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"HOME=" + c.home, "PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		base = append(base, k+"="+v)
	}
	return &workdir{cli: c, dir: dir, env: base}
}

// run runs one CLI command with -no-color -input=false.
func (w *workdir) run(t *testing.T, args ...string) *exampleRun {
	t.Helper()
	// Options go before the command's own arguments (import ADDR ID).
	n := 1
	if args[0] == "state" {
		n = 2
	}
	opts := []string{"-no-color"}
	switch args[0] {
	case "plan", "apply", "import":
		opts = append(opts, "-input=false")
	}
	args = append(append(append([]string{}, args[:n]...), opts...), args[n:]...)
	cmd := exec.Command(w.cli.path, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	r := &exampleRun{out: out.String()}
	for _, key := range []string{openaisim.AdminKey, openaisim.ComplianceKey} {
		if strings.Contains(r.out, key) {
			t.Fatalf("%s: a key appears in the output", args[0])
		}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.exit = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", w.cli.path, strings.Join(args, " "), err)
	}
	return r
}

// plan runs `plan -out` (plus extra arguments) and, when it succeeds, reads
// the plan as JSON.
func (w *workdir) plan(t *testing.T, extra ...string) *exampleRun {
	t.Helper()
	r := w.run(t, append([]string{"plan", "-lock=false", "-out=example.tfplan"}, extra...)...)
	if r.exit == 1 {
		return r
	}
	cmd := exec.Command(w.cli.path, "show", "-json", "example.tfplan")
	cmd.Dir, cmd.Env = w.dir, w.env
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("show -json: %v\n%s", err, r.out)
	}
	// Keys are Sensitive: never in plan output or the plan (every guide says so).
	for _, key := range []string{openaisim.AdminKey, openaisim.ComplianceKey} {
		if strings.Contains(r.out, key) || bytes.Contains(b, []byte(key)) {
			t.Fatalf("a key appears in the plan output or the plan file")
		}
	}
	var p planJSON
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("show -json: %v", err)
	}
	if err := json.Unmarshal(b, &p.raw); err != nil {
		t.Fatalf("show -json: %v", err)
	}
	r.plan = &p
	return r
}

// wantExit fails the test unless the command exited with code.
func (r *exampleRun) wantExit(t *testing.T, code int) {
	t.Helper()
	if r.exit != code {
		hint := ""
		if strings.Contains(r.out, "waiver expired on") {
			// The examples' waivers carry literal dates: time catches up with them.
			hint = " (a waiver of the example has expired: move its date forward, at most max_waiver_days ahead)"
		}
		t.Fatalf("exit code %d, want %d%s; output:\n%s", r.exit, code, hint, r.out)
	}
}

// wantOut fails the test unless the output matches every pattern (spaces
// match any white space: the CLI wraps diagnostics).
func (r *exampleRun) wantOut(t *testing.T, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !wrapped(p).MatchString(r.out) {
			t.Errorf("output does not match %q:\n%s", p, r.out)
		}
	}
}

// wantNoOut fails the test if the output matches a pattern.
func (r *exampleRun) wantNoOut(t *testing.T, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if wrapped(p).MatchString(r.out) {
			t.Errorf("output matches %q, it must not:\n%s", p, r.out)
		}
	}
}

// strings of a JSON list value, sorted.
func stringSet(t *testing.T, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	if !ok && v != nil {
		t.Fatalf("%v (%T) is not a list", v, v)
	}
	out := []string{}
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			t.Fatalf("%v (%T) is not a string", e, e)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func wantStrings(t *testing.T, what string, v any, want ...string) {
	t.Helper()
	got := stringSet(t, v)
	sort.Strings(want)
	if want == nil {
		want = []string{}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// findingsOf returns the findings list of a planned check or data source.
func findingsOf(t *testing.T, values map[string]any) []map[string]any {
	t.Helper()
	list, _ := values["findings"].([]any)
	var out []map[string]any
	for _, f := range list {
		m, ok := f.(map[string]any)
		if !ok {
			t.Fatalf("finding %v is not an object", f)
		}
		out = append(out, m)
	}
	return out
}

// finding returns the finding of check (when the list has a check field)
// about subjectID, failing when there is none.
func finding(t *testing.T, values map[string]any, check, subjectID string) map[string]any {
	t.Helper()
	for _, f := range findingsOf(t, values) {
		if c, ok := f["check"]; ok && check != "" && c != check {
			continue
		}
		if f["subject_id"] == subjectID {
			return f
		}
	}
	t.Fatalf("no finding of %s about %s in %v", check, subjectID, values["findings"])
	return nil
}
