package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
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

// TestMergeTerraformOutputs: `terraform output -json` of a fleet root
// module gives the same merge as the per-organization directories.
func TestMergeTerraformOutputs(t *testing.T) {
	dir := t.TempDir()
	outputs := map[string]map[string]any{}
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
	b, _ := json.Marshal(outputs)
	tfout := filepath.Join(dir, "outputs.json")
	if err := os.WriteFile(tfout, b, 0o644); err != nil {
		t.Fatal(err)
	}
	sarif, summary, err := mergeInto(t, dir, "-tf-outputs", tfout)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, sarif, filepath.Join("testdata", "golden", "fleet.sarif"))
	checkGolden(t, summary, filepath.Join("testdata", "golden", "fleet-summary.json"))
}

// TestMergeMalformedInput: a bad input is an error naming the file and the
// field, and nothing is written (an existing output is left as it was).
func TestMergeMalformedInput(t *testing.T) {
	for _, tc := range []struct {
		name, file, wantField string
		edit                  func(doc map[string]any)
		raw                   string
	}{
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
						if tc.raw != "" {
							b = []byte(tc.raw)
						} else {
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
		"both input modes":  {"-tf-outputs", "x.json", "dev=testdata/in/dev"},
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
		!strings.Contains(stderr.String(), "-tf-outputs") {
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
