package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The inputs under testdata/in are real reports: the sarif and json outputs
// of the posture-baseline module for the simulator's clean org (prod) and
// sample org (dev, with one waiver).
var update = flag.Bool("update", false, "rewrite the golden files")

func mergeInto(t *testing.T, dir string, args ...string) (string, string, error) {
	t.Helper()
	sarif, summary := filepath.Join(dir, "fleet.sarif"), filepath.Join(dir, "fleet-summary.json")
	var stderr bytes.Buffer
	err := run(append([]string{"-sarif-out", sarif, "-summary-out", summary}, args...), &stderr)
	return sarif, summary, err
}

func checkGolden(t *testing.T, got, golden string) {
	t.Helper()
	b, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("%s differs from %s (run with -update after checking the change)", got, golden)
	}
}

func TestMergeGolden(t *testing.T) {
	dir := t.TempDir()
	// Arguments out of order: the output is sorted by organization.
	sarif, summary, err := mergeInto(t, dir, "prod=testdata/in/prod", "dev=testdata/in/dev")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, sarif, filepath.Join("testdata", "golden", "fleet.sarif"))
	checkGolden(t, summary, filepath.Join("testdata", "golden", "fleet-summary.json"))
	validateSARIF(t, sarif)

	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Properties        map[string]any      `json:"properties"`
			Results           []any               `json:"results"`
		} `json:"runs"`
	}
	readJSON(t, sarif, &log)
	if len(log.Runs) != 2 || log.Runs[0].AutomationDetails.ID != "openai-posture/dev/" || log.Runs[1].AutomationDetails.ID != "openai-posture/prod/" ||
		log.Runs[0].Properties["organization"] != "dev" || log.Runs[1].Properties["organization"] != "prod" {
		t.Errorf("runs are not one per organization, tagged: %+v", log.Runs)
	}
	if len(log.Runs[0].Results) != 3 || len(log.Runs[1].Results) != 0 {
		t.Errorf("results per run: dev %d (want 3, one waived), prod %d (want 0)", len(log.Runs[0].Results), len(log.Runs[1].Results))
	}

	var fs fleetSummary
	readJSON(t, summary, &fs)
	dev, prod := fs.Organizations[0], fs.Organizations[1]
	if fs.Passed || fs.Totals != (totals{Organizations: 2, Passed: 1, Failed: 1, MinScore: dev.Score, Counts: counts{High: 2, Waived: 1}}) {
		t.Errorf("fleet = passed %v, totals %+v", fs.Passed, fs.Totals)
	}
	if dev.Organization != "dev" || dev.Passed || dev.Counts.High != 2 || dev.Counts.Waived != 1 || strings.Join(dev.FailedChecks, ",") != "admin_key_rotation,gpt_public_store" {
		t.Errorf("dev = %+v", dev)
	}
	if prod.Organization != "prod" || !prod.Passed || prod.Score != 100 || prod.Rules != 3 || prod.RulesPassed != 3 {
		t.Errorf("prod = %+v", prod)
	}
}

// fleetPlanJSON is `terraform show -json` of a saved plan of a fleet root
// module, with the testdata reports as its planned outputs.
func fleetPlanJSON(t *testing.T, edit func(plan map[string]any)) []byte {
	t.Helper()
	outputs := map[string]any{}
	for _, kind := range []string{"sarif", "json"} {
		m := map[string]string{}
		for _, org := range []string{"dev", "prod"} {
			b, err := os.ReadFile(filepath.Join("testdata", "in", org, "posture."+kind))
			if err != nil {
				t.Fatal(err)
			}
			m[org] = string(b)
		}
		outputs[kind] = map[string]any{"sensitive": false, "type": []any{"object"}, "value": m}
	}
	outputs["summary"] = map[string]any{"sensitive": false, "value": "ignored"}
	plan := map[string]any{
		"format_version": "1.2", "terraform_version": "1.5.7", "errored": false,
		"planned_values": map[string]any{"outputs": outputs, "root_module": map[string]any{}},
	}
	if edit != nil {
		edit(plan)
	}
	b, _ := json.Marshal(plan)
	return b
}

// TestMergeTerraformPlan: `terraform show -json` of a saved plan of a fleet
// root module gives the same merge as the per-organization directories.
func TestMergeTerraformPlan(t *testing.T) {
	dir := t.TempDir()
	planJSON := filepath.Join(dir, "fleet-plan.json")
	if err := os.WriteFile(planJSON, fleetPlanJSON(t, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	sarif, summary, err := mergeInto(t, dir, "-tf-plan", planJSON)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, sarif, filepath.Join("testdata", "golden", "fleet.sarif"))
	checkGolden(t, summary, filepath.Join("testdata", "golden", "fleet-summary.json"))
}

// TestMergeRefusesStaleTerraformInput: what cannot prove it is current is
// refused: `terraform output -json` (the last successful apply's outputs,
// even after a failed plan), `show -json` of a state, and a plan saved
// although it failed.
func TestMergeRefusesStaleTerraformInput(t *testing.T) {
	outputJSON := func() []byte {
		var plan map[string]any
		_ = json.Unmarshal(fleetPlanJSON(t, nil), &plan)
		b, _ := json.Marshal(plan["planned_values"].(map[string]any)["outputs"])
		return b
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"terraform output -json": {outputJSON(), "output -json"},
		"show -json of a state": {fleetPlanJSON(t, func(p map[string]any) {
			p["values"] = p["planned_values"]
			delete(p, "planned_values")
		}), "of a state"},
		"errored plan": {fleetPlanJSON(t, func(p map[string]any) { p["errored"] = true }), `field "errored"`},
		"unknown output": {fleetPlanJSON(t, func(p map[string]any) {
			delete(p["planned_values"].(map[string]any)["outputs"].(map[string]any), "json")
		}), "planned_values.outputs.json"},
		"duplicate planned_values": {[]byte(`{"format_version":"1.2","planned_values":{"outputs":{}},"planned_values":{"outputs":{}}}`), "twice"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.json")
			if err := os.WriteFile(in, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := mergeInto(t, dir, "-tf-plan", in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("a refused merge wrote files: %v", entries)
			}
		})
	}
	var stderr bytes.Buffer
	var usage usageError
	err := run([]string{"-tf-outputs", "outputs.json"}, &stderr)
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "-tf-plan") {
		t.Errorf("-tf-outputs: %v, want a usage error pointing to -tf-plan", err)
	}
}

// TestMergeMalformedInput: a bad input is an error naming the file and the
// field, and nothing is written (an existing output is left as it was).
func TestMergeMalformedInput(t *testing.T) {
	for _, tc := range []struct {
		name, file, wantField string
		edit                  func(doc map[string]any)
		raw                   string
		replace               [2]string // replace the first occurrence of [0] by [1] in the file's text
	}{
		{name: "sarif duplicate key", file: "posture.sarif", wantField: `key "version" twice`, replace: [2]string{`"version": "2.1.0"`, `"version": "2.1.0", "version": "2.1.0"`}},
		{name: "report duplicate key", file: "posture.json", wantField: `key "score" twice`, replace: [2]string{`"score": 80`, `"score": 80, "score": 100`}},
		{name: "report case-variant keys", file: "posture.json", wantField: "differ only by case", replace: [2]string{`"score_formula":`, `"Score_Formula": "", "score_formula":`}},
		{name: "report lone case-variant key", file: "posture.json", wantField: `want "high"`, replace: [2]string{`"high": 2,`, `"High": 2,`}},
		{name: "report counts disagree with findings", file: "posture.json", wantField: `field "summary"`, edit: func(d map[string]any) {
			d["summary"].(map[string]any)["high"] = 1
		}},
		{name: "report waived count disagrees", file: "posture.json", wantField: `field "summary"`, edit: func(d map[string]any) {
			d["summary"].(map[string]any)["waived"] = 0
		}},
		{name: "report score disagrees", file: "posture.json", wantField: `field "summary"`, edit: func(d map[string]any) {
			d["summary"].(map[string]any)["score"] = 100
		}},
		{name: "report rule passed with an unwaived finding", file: "posture.json", wantField: `field "rules[0].passed"`, edit: func(d map[string]any) {
			d["rules"].([]any)[0].(map[string]any)["passed"] = true
			d["summary"].(map[string]any)["passed"] = 2
		}},
		{name: "report errors not counted", file: "posture.json", wantField: `field "rules[0].passed"`, edit: func(d map[string]any) {
			d["errors"] = []any{map[string]any{"check_id": "admin_key_rotation", "cause": "HTTP 500"}}
			d["rules"].([]any)[0].(map[string]any)["passed"] = true
		}},
		{name: "report finding of another check", file: "posture.json", wantField: `field "findings[0].check_id"`, edit: func(d map[string]any) {
			d["findings"].([]any)[0].(map[string]any)["check_id"] = "gpt_external_share"
		}},
		{name: "report unknown severity", file: "posture.json", wantField: `field "findings[0].severity"`, edit: func(d map[string]any) {
			d["findings"].([]any)[0].(map[string]any)["severity"] = "urgent"
		}},
		{name: "report without findings", file: "posture.json", wantField: `field "findings"`, edit: func(d map[string]any) { delete(d, "findings") }},
		{name: "sarif version", file: "posture.sarif", wantField: `field "version"`, edit: func(d map[string]any) { d["version"] = "2.0.0" }},
		{name: "sarif without runs", file: "posture.sarif", wantField: `field "runs"`, edit: func(d map[string]any) { delete(d, "runs") }},
		{name: "sarif without tool name", file: "posture.sarif", wantField: `field "runs[0].tool.driver.name"`, edit: func(d map[string]any) {
			delete(d["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any), "name")
		}},
		{name: "sarif merged before", file: "posture.sarif", wantField: `field "runs[0].automationDetails.id"`, edit: func(d map[string]any) {
			d["runs"].([]any)[0].(map[string]any)["automationDetails"] = map[string]any{"id": "openai-posture/other/"}
		}},
		{name: "sarif not JSON", file: "posture.sarif", wantField: "not a SARIF log", raw: `{"version": "2.1.0",`},
		{name: "report count mistyped", file: "posture.json", wantField: `field "summary.high"`, edit: func(d map[string]any) { d["summary"].(map[string]any)["high"] = "two" }},
		{name: "report count missing", file: "posture.json", wantField: `field "summary.score"`, edit: func(d map[string]any) { delete(d["summary"].(map[string]any), "score") }},
		{name: "report negative count", file: "posture.json", wantField: `field "summary.low"`, edit: func(d map[string]any) { d["summary"].(map[string]any)["low"] = -1 }},
		{name: "report version", file: "posture.json", wantField: `field "version"`, edit: func(d map[string]any) { d["version"] = "2" }},
		{name: "report without rules", file: "posture.json", wantField: `field "rules"`, edit: func(d map[string]any) { delete(d, "rules") }},
		{name: "report rule without passed", file: "posture.json", wantField: `field "rules[1].passed"`, edit: func(d map[string]any) {
			delete(d["rules"].([]any)[1].(map[string]any), "passed")
		}},
		{name: "report summary disagrees", file: "posture.json", wantField: `field "summary"`, edit: func(d map[string]any) { d["summary"].(map[string]any)["passed"] = 3 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, org := range []string{"dev", "prod"} {
				for _, f := range []string{"posture.sarif", "posture.json"} {
					b, err := os.ReadFile(filepath.Join("testdata", "in", org, f))
					if err != nil {
						t.Fatal(err)
					}
					if org == "dev" && f == tc.file {
						switch {
						case tc.raw != "":
							b = []byte(tc.raw)
						case tc.replace[0] != "":
							if !bytes.Contains(b, []byte(tc.replace[0])) {
								t.Fatalf("%s has no %s", f, tc.replace[0])
							}
							b = bytes.Replace(b, []byte(tc.replace[0]), []byte(tc.replace[1]), 1)
						default:
							var doc map[string]any
							if err := json.Unmarshal(b, &doc); err != nil {
								t.Fatal(err)
							}
							tc.edit(doc)
							b, _ = json.Marshal(doc)
						}
					}
					if err := os.MkdirAll(filepath.Join(dir, org), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, org, f), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			out := filepath.Join(dir, "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			previous := filepath.Join(out, "fleet-summary.json")
			if err := os.WriteFile(previous, []byte("previous run\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := mergeInto(t, out, "prod="+filepath.Join(dir, "prod"), "dev="+filepath.Join(dir, "dev"))
			if err == nil {
				t.Fatal("merged a malformed input")
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, "dev", tc.file)) || !strings.Contains(err.Error(), tc.wantField) {
				t.Errorf("error %q does not name the file %s and %s", err, filepath.Join(dir, "dev", tc.file), tc.wantField)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 {
				t.Errorf("a failed merge left files behind: %v", entries)
			}
			if b, _ := os.ReadFile(previous); string(b) != "previous run\n" {
				t.Errorf("a failed merge changed the previous summary: %q", b)
			}
		})
	}
}

func TestMergeUsage(t *testing.T) {
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"no organizations":  {},
		"not ORG=DIR":       {"testdata/in/dev"},
		"bad name":          {"dev team=testdata/in/dev"},
		"org given twice":   {"dev=testdata/in/dev", "dev=testdata/in/prod"},
		"both input modes":  {"-tf-plan", "x.json", "dev=testdata/in/dev"},
		"same dir twice":    {"dev=testdata/in/dev", "prod=testdata/in/../in/dev"},
		"same output twice": {"-summary-out", filepath.Join(dir, "s"), "dev=testdata/in/dev"},
		"negative max-runs": {"-max-runs", "-1", "dev=testdata/in/dev"},
		"nothing to write":  {"-sarif-out=", "-summary-out=", "dev=testdata/in/dev"},
		"an unknown flag":   {"-merge-harder", "dev=testdata/in/dev"},
		"empty directory =": {"dev="},
	} {
		var stderr bytes.Buffer
		err := run(append([]string{"-sarif-out", filepath.Join(dir, "s"), "-summary-out", filepath.Join(dir, "j")}, args...), &stderr)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("%s: error %v is not a usage error", name, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors wrote files: %v", entries)
	}
	var stderr bytes.Buffer
	if err := run([]string{"-h"}, &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "Usage: posturemerge") ||
		!strings.Contains(stderr.String(), "-tf-plan") {
		t.Errorf("-h: %v\n%s", err, stderr.String())
	}
}

func TestWriteAllIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	err := writeAll([]pendingFile{{path: good, data: []byte("x")}, {path: filepath.Join(dir, "missing-dir", "bad.json"), data: []byte("y")}})
	if err == nil {
		t.Fatal("writing into a missing directory succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed write left %v", entries)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func validateSARIF(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "internal", "posture", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the merged SARIF does not validate: %v", err)
	}
}

// copyOrg copies the testdata reports of org into dir/name.
func copyOrg(t *testing.T, org, dir, name string) string {
	t.Helper()
	to := filepath.Join(dir, name)
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"posture.sarif", "posture.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "in", org, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

// TestMergeInputSizeBound: an input over 256 MiB is refused by its size,
// before it is read.
func TestMergeInputSizeBound(t *testing.T) {
	dir := t.TempDir()
	big := copyOrg(t, "dev", dir, "big")
	// A sparse file: large, costs no disk.
	if err := os.Truncate(filepath.Join(big, "posture.json"), maxInputBytes+1); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_ = os.Mkdir(out, 0o755)
	_, _, err := mergeInto(t, out, "big="+big)
	if err == nil || !strings.Contains(err.Error(), "at most") || !strings.Contains(err.Error(), "256 MiB") {
		t.Errorf("an oversized input: %v", err)
	}
}

// TestMergeSameDirectoryUnderTwoNames: one directory given for two
// organizations through a link is refused.
func TestMergeSameDirectoryUnderTwoNames(t *testing.T) {
	dir := t.TempDir()
	target := copyOrg(t, "dev", dir, "dev")
	link := filepath.Join(dir, "prod")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	out := filepath.Join(dir, "out")
	_ = os.Mkdir(out, 0o755)
	_, _, err := mergeInto(t, out, "dev="+target, "prod="+link)
	var usage usageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "same directory") {
		t.Errorf("one directory for two organizations: %v", err)
	}
}

// TestMergeRunLimit: GitHub code scanning rejects a SARIF file of more than
// 20 runs; a merge of 21 organizations is refused with a message that says
// so, unless -max-runs lifts the limit.
func TestMergeRunLimit(t *testing.T) {
	dir := t.TempDir()
	var args []string
	for i := 1; i <= 21; i++ {
		org := fmt.Sprintf("org%02d", i)
		args = append(args, org+"="+copyOrg(t, "prod", dir, org))
	}
	out := filepath.Join(dir, "out")
	_ = os.Mkdir(out, 0o755)
	_, _, err := mergeInto(t, out, args...)
	if err == nil || !strings.Contains(err.Error(), "21 runs") || !strings.Contains(err.Error(), "GitHub code scanning") {
		t.Errorf("21 organizations: %v, want a refusal naming GitHub's limit", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused merge wrote %v", entries)
	}
	if _, _, err := mergeInto(t, out, args[:20]...); err != nil {
		t.Errorf("20 organizations: %v", err)
	}
	sarif, _, err := mergeInto(t, out, append([]string{"-max-runs", "0"}, args...)...)
	if err != nil {
		t.Fatalf("-max-runs 0: %v", err)
	}
	var log struct{ Runs []any }
	readJSON(t, sarif, &log)
	if len(log.Runs) != 21 {
		t.Errorf("-max-runs 0: %d runs, want 21", len(log.Runs))
	}
}

// TestWriteAllRestoresOnFailedRename: when the second rename fails, the
// first output is put back as it was: never a new SARIF beside an old
// summary.
func TestWriteAllRestoresOnFailedRename(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "fleet.sarif"), filepath.Join(dir, "fleet-summary.json")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("old "+filepath.Base(p)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	rename = func(from, to string) error {
		calls++
		if calls == 2 {
			return errors.New("disk on fire")
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	err := writeAll([]pendingFile{{path: a, data: []byte("new a")}, {path: b, data: []byte("new b")}})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("writeAll: %v", err)
	}
	for _, p := range []string{a, b} {
		if got, _ := os.ReadFile(p); string(got) != "old "+filepath.Base(p) {
			t.Errorf("%s = %q after a failed write, want the old content", filepath.Base(p), got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("a failed write left %v", entries)
	}
	// The same with no previous files: none is left.
	fresh := t.TempDir()
	calls = 0
	_ = writeAll([]pendingFile{{path: filepath.Join(fresh, "x"), data: []byte("x")}, {path: filepath.Join(fresh, "y"), data: []byte("y")}})
	if entries, _ := os.ReadDir(fresh); len(entries) != 0 {
		t.Errorf("a failed first write left %v", entries)
	}
}

// TestWriteAllChecksTargets: a target that is a directory is refused before
// anything is written.
func TestWriteAllChecksTargets(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "fleet-summary.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeAll([]pendingFile{{path: filepath.Join(dir, "fleet.sarif"), data: []byte("x")}, {path: filepath.Join(dir, "fleet-summary.json"), data: []byte("y")}})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory as target: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused write left %v", entries)
	}
}

// TestMergeRefusesOutputOverInput: an output path that is an input (here
// the organization's own JSON report) is refused, and the input kept.
func TestMergeRefusesOutputOverInput(t *testing.T) {
	dir := t.TempDir()
	dev := copyOrg(t, "dev", dir, "dev")
	report := filepath.Join(dev, "posture.json")
	before := mustReadFile(t, report)
	var stderr bytes.Buffer
	err := run([]string{"-sarif-out", filepath.Join(dir, "fleet.sarif"), "-summary-out", report, "dev=" + dev}, &stderr)
	var usage usageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "is the input") {
		t.Errorf("writing the summary over an input: %v", err)
	}
	if after := mustReadFile(t, report); !bytes.Equal(before, after) {
		t.Error("the input report was overwritten")
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
