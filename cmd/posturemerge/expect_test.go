package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -expect names the fleet: an organization whose reports are missing (its
// job did not run, its module was removed) or one not expected fails the
// merge, and nothing is written.
func TestMergeExpectedOrganizations(t *testing.T) {
	dir := t.TempDir()
	planJSON := filepath.Join(dir, "fleet-plan.json")
	if err := os.WriteFile(planJSON, fleetPlanJSON(t, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	expectFile := filepath.Join(dir, "fleet.txt")
	if err := os.WriteFile(expectFile, []byte("# the fleet\nprod\n\n  dev  \nsubsidiary\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		args []string
		want []string // in the error; none: the merge succeeds
	}{
		"exact":                 {args: []string{"-expect", "prod, dev", "prod=testdata/in/prod", "dev=testdata/in/dev"}},
		"exact from a plan":     {args: []string{"-expect", "dev,prod", "-tf-plan", planJSON}},
		"one missing":           {args: []string{"-expect", "prod,dev,subsidiary", "prod=testdata/in/prod", "dev=testdata/in/dev"}, want: []string{"have no reports: subsidiary", "expected fleet of 3"}},
		"one missing from plan": {args: []string{"-expect-file", expectFile, "-tf-plan", planJSON}, want: []string{"have no reports: subsidiary"}},
		"one removed":           {args: []string{"-expect", "prod,dev", "prod=testdata/in/prod"}, want: []string{"have no reports: dev"}},
		"one extra":             {args: []string{"-expect", "prod", "prod=testdata/in/prod", "dev=testdata/in/dev"}, want: []string{"not expected: dev"}},
		"missing and extra":     {args: []string{"-expect", "prod,staging", "prod=testdata/in/prod", "dev=testdata/in/dev"}, want: []string{"have no reports: staging", "not expected: dev"}},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		err := run(append([]string{"-sarif-out", filepath.Join(out, "s"), "-summary-out", filepath.Join(out, "j")}, tc.args...), &stderr)
		entries, _ := os.ReadDir(out)
		if len(tc.want) == 0 {
			if err != nil || len(entries) != 2 || strings.Contains(stderr.String(), "warning") {
				t.Errorf("%s: err %v, wrote %d files, stderr %q", name, err, len(entries), stderr.String())
			}
			continue
		}
		var usage usageError
		if err == nil || errors.As(err, &usage) {
			t.Errorf("%s: err = %v, want a merge error", name, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", name, err, w)
			}
		}
		if len(entries) != 0 {
			t.Errorf("%s: a refused merge wrote %d files", name, len(entries))
		}
	}
}

// Bad expected lists are usage errors naming the flag; without -expect the
// merge warns that a missing organization goes unnoticed.
func TestMergeExpectUsage(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ args []string }{
		"both flags":      {[]string{"-expect", "dev", "-expect-file", "x.txt"}},
		"bad name":        {[]string{"-expect", "dev,prod team"}},
		"twice":           {[]string{"-expect", "dev,prod,dev"}},
		"empty entry":     {[]string{"-expect", "dev,,prod"}},
		"only commas":     {[]string{"-expect", ","}},
		"no file":         {[]string{"-expect-file", filepath.Join(dir, "missing.txt")}},
		"only a comment":  {[]string{"-expect-file", writeFile(t, dir, "comment.txt", "# nobody\n")}},
		"file bad name":   {[]string{"-expect-file", writeFile(t, dir, "bad.txt", "dev\nprod/../x\n")}},
		"file twice":      {[]string{"-expect-file", writeFile(t, dir, "twice.txt", "dev\ndev\n")}},
		"file over bound": {[]string{"-expect-file", writeFile(t, dir, "big.txt", strings.Repeat("a\n", maxExpectFileBytes))}},
	} {
		var stderr bytes.Buffer
		err := run(append([]string{"-sarif-out", filepath.Join(dir, "s"), "-summary-out", filepath.Join(dir, "j")}, append(tc.args, "dev=testdata/in/dev")...), &stderr)
		var usage usageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), "-expect") {
			t.Errorf("%s: err = %v, want a usage error naming -expect", name, err)
		}
	}
	var stderr bytes.Buffer
	if err := run([]string{"-sarif-out", filepath.Join(dir, "s2"), "-summary-out", filepath.Join(dir, "j2"), "dev=testdata/in/dev"}, &stderr); err != nil ||
		!strings.Contains(stderr.String(), "warning: no -expect") {
		t.Errorf("without -expect: err %v, stderr %q", err, stderr.String())
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
