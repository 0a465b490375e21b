package repocheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/oasdiff/yaml"
)

// dependabotConfig is the subset of Dependabot's configuration (version 2)
// this repository may use. Unknown keys are an error, so a misspelt key
// (package_ecosystem, interval at the wrong level) fails here instead of being
// ignored by GitHub. Keys whose value we do not inspect are kept raw; add a
// key here when the configuration starts using it.
type dependabotConfig struct {
	Version              *int              `json:"version"`
	Updates              []dependabotEntry `json:"updates"`
	Registries           json.RawMessage   `json:"registries"`
	EnableBetaEcosystems json.RawMessage   `json:"enable-beta-ecosystems"`
	MultiEcosystemGroups json.RawMessage   `json:"multi-ecosystem-groups"`
}

type dependabotEntry struct {
	PackageEcosystem      string                     `json:"package-ecosystem"`
	Directory             string                     `json:"directory"`
	Directories           []string                   `json:"directories"`
	Schedule              *dependabotSchedule        `json:"schedule"`
	Groups                map[string]dependabotGroup `json:"groups"`
	Allow                 json.RawMessage            `json:"allow"`
	Ignore                json.RawMessage            `json:"ignore"`
	Labels                json.RawMessage            `json:"labels"`
	Assignees             json.RawMessage            `json:"assignees"`
	Reviewers             json.RawMessage            `json:"reviewers"`
	Milestone             json.RawMessage            `json:"milestone"`
	CommitMessage         json.RawMessage            `json:"commit-message"`
	OpenPullRequestsLimit json.RawMessage            `json:"open-pull-requests-limit"`
	PullRequestBranchName json.RawMessage            `json:"pull-request-branch-name"`
	RebaseStrategy        json.RawMessage            `json:"rebase-strategy"`
	Registries            json.RawMessage            `json:"registries"`
	TargetBranch          json.RawMessage            `json:"target-branch"`
	Vendor                json.RawMessage            `json:"vendor"`
	VersioningStrategy    json.RawMessage            `json:"versioning-strategy"`
	Cooldown              json.RawMessage            `json:"cooldown"`
	ExcludePaths          json.RawMessage            `json:"exclude-paths"`
}

type dependabotSchedule struct {
	Interval string `json:"interval"`
	Day      string `json:"day"`
	Time     string `json:"time"`
	Timezone string `json:"timezone"`
	Cronjob  string `json:"cronjob"`
}

type dependabotGroup struct {
	Patterns        []string        `json:"patterns"`
	ExcludePatterns []string        `json:"exclude-patterns"`
	DependencyType  string          `json:"dependency-type"`
	UpdateTypes     []string        `json:"update-types"`
	AppliesTo       string          `json:"applies-to"`
	GroupBy         json.RawMessage `json:"group-by"`
}

// Values Dependabot documents for version 2.
var (
	dependabotEcosystems = []string{
		"bun", "bundler", "cargo", "composer", "devcontainers", "docker", "docker-compose",
		"dotnet-sdk", "elm", "github-actions", "gitsubmodule", "gomod", "gradle", "helm",
		"maven", "mix", "npm", "nuget", "pip", "pub", "swift", "terraform", "uv", "vcpkg",
	}
	dependabotIntervals = []string{"daily", "weekly", "monthly", "quarterly", "semiannually", "yearly", "cron"}
	dependabotDays      = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

// CheckDependabot parses a dependabot.yml and returns every problem found
// (joined), or nil. wantEcosystems must each have an update entry for the
// repository root: a file that parses but no longer updates the Go modules
// is as wrong as one that does not parse.
func CheckDependabot(data []byte, wantEcosystems ...string) error {
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		return fmt.Errorf("not valid YAML: %w", err)
	}
	var cfg dependabotConfig
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return fmt.Errorf("not a Dependabot version 2 configuration: %w", err)
	}
	var errs []error
	if cfg.Version == nil || *cfg.Version != 2 {
		errs = append(errs, errors.New("version: must be 2"))
	}
	if len(cfg.Updates) == 0 {
		errs = append(errs, errors.New("updates: at least one entry is required"))
	}
	atRoot := map[string]bool{}
	for i, u := range cfg.Updates {
		where := fmt.Sprintf("updates[%d]", i)
		errs = append(errs, checkDependabotEntry(where, u)...)
		if u.Directory == "/" || slices.Contains(u.Directories, "/") {
			atRoot[u.PackageEcosystem] = true
		}
	}
	for _, e := range wantEcosystems {
		if !atRoot[e] {
			errs = append(errs, fmt.Errorf("updates: no %q entry for directory \"/\"", e))
		}
	}
	return errors.Join(errs...)
}

func checkDependabotEntry(where string, u dependabotEntry) []error {
	var errs []error
	if !slices.Contains(dependabotEcosystems, u.PackageEcosystem) {
		errs = append(errs, fmt.Errorf("%s.package-ecosystem: %q is not one of %s", where, u.PackageEcosystem, strings.Join(dependabotEcosystems, ", ")))
	}
	switch {
	case u.Directory == "" && len(u.Directories) == 0:
		errs = append(errs, fmt.Errorf("%s: directory or directories is required", where))
	case u.Directory != "" && len(u.Directories) > 0:
		errs = append(errs, fmt.Errorf("%s: set directory or directories, not both", where))
	}
	for _, d := range append([]string{u.Directory}, u.Directories...) {
		if d != "" && !strings.HasPrefix(d, "/") {
			errs = append(errs, fmt.Errorf("%s: directory %q must start with / (the repository root)", where, d))
		}
	}
	if u.Schedule == nil {
		return append(errs, fmt.Errorf("%s.schedule: required", where))
	}
	s := u.Schedule
	if !slices.Contains(dependabotIntervals, s.Interval) {
		errs = append(errs, fmt.Errorf("%s.schedule.interval: %q is not one of %s", where, s.Interval, strings.Join(dependabotIntervals, ", ")))
	}
	if s.Day != "" && !slices.Contains(dependabotDays, s.Day) {
		errs = append(errs, fmt.Errorf("%s.schedule.day: %q is not one of %s", where, s.Day, strings.Join(dependabotDays, ", ")))
	}
	if (s.Interval == "cron") != (s.Cronjob != "") {
		errs = append(errs, fmt.Errorf("%s.schedule: cronjob is required with interval cron, and only then", where))
	}
	for name, g := range u.Groups {
		if len(g.Patterns) == 0 && g.DependencyType == "" && len(g.UpdateTypes) == 0 {
			errs = append(errs, fmt.Errorf("%s.groups.%s: needs patterns, dependency-type or update-types", where, name))
		}
	}
	return errs
}
