package repocheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The repository's own file: valid, and updating both the Go modules and the
// pinned GitHub Actions.
func TestDependabotConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", ".github", "dependabot.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckDependabot(data, "gomod", "github-actions"); err != nil {
		t.Fatalf(".github/dependabot.yml:\n%v", err)
	}
}

// Each broken file is rejected with a message naming the problem, so the
// check above can fail.
func TestDependabotRejects(t *testing.T) {
	const good = `version: 2
updates:
  - package-ecosystem: gomod
    directory: /
    schedule:
      interval: weekly
`
	if err := CheckDependabot([]byte(good), "gomod"); err != nil {
		t.Fatalf("the baseline must pass: %v", err)
	}
	cases := map[string]struct {
		yaml string
		want string
	}{
		"not yaml":          {"version: [2", "not valid YAML"},
		"version 1":         {strings.Replace(good, "version: 2", "version: 1", 1), "version: must be 2"},
		"no version":        {strings.Replace(good, "version: 2\n", "", 1), "version: must be 2"},
		"no updates":        {"version: 2\nupdates: []\n", "at least one entry"},
		"misspelt key":      {strings.Replace(good, "package-ecosystem", "package_ecosystem", 1), "unknown field"},
		"unknown ecosystem": {strings.Replace(good, "gomod", "golang", 1), `"golang" is not one of`},
		"no directory":      {strings.Replace(good, "    directory: /\n", "", 1), "directory or directories is required"},
		"relative dir":      {strings.Replace(good, "directory: /", "directory: tools", 1), "must start with /"},
		"no schedule":       {strings.Replace(good, "    schedule:\n      interval: weekly\n", "", 1), "schedule: required"},
		"bad interval":      {strings.Replace(good, "weekly", "hourly", 1), `"hourly" is not one of`},
		"interval misplaced": {strings.Replace(good, "    schedule:\n      interval: weekly\n", "    interval: weekly\n", 1),
			"unknown field"},
		"bad day":          {good + "      day: funday\n", `"funday" is not one of`},
		"cron without job": {strings.Replace(good, "weekly", "cron", 1), "cronjob is required"},
		"empty group":      {good + "    groups:\n      all: {}\n", "groups.all: needs patterns"},
		"duplicate key":    {good + "version: 2\n", "not valid YAML"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := CheckDependabot([]byte(tc.yaml), "gomod")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	t.Run("missing ecosystem", func(t *testing.T) {
		err := CheckDependabot([]byte(good), "gomod", "github-actions")
		if err == nil || !strings.Contains(err.Error(), `no "github-actions" entry`) {
			t.Fatalf("got %v", err)
		}
	})
}
