package provider

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

type pathErr struct{ steps []any }

func (e pathErr) Error() string   { return "located" }
func (e pathErr) RulePath() []any { return e.steps }

func TestRuleErrorPath(t *testing.T) {
	resourcePaths := resourceRulePaths()
	dataSourcePaths := rulePaths{
		parameters:  path.Root("parameters").AtMapKey("admin_key_rotation"),
		enforcement: path.Root("enforcement"),
		waiver:      func(i int) path.Path { return path.Root("waivers").AtListIndex([]int{3, 5}[i]) },
	}
	cases := []struct {
		name  string
		paths rulePaths
		err   error
		want  path.Path
	}{
		{"located waiver attribute", resourcePaths, pathErr{[]any{"waivers", 1, "expires"}}, path.Root("waivers").AtListIndex(1).AtName("expires")},
		{"located parameter", resourcePaths, pathErr{[]any{"parameters", "max_age_days"}}, path.Root("parameters").AtMapKey("max_age_days")},
		{"located enforcement", resourcePaths, pathErr{[]any{"enforcement"}}, path.Root("enforcement")},
		{"wrapped located error", resourcePaths, errors.Join(errors.New("x"), pathErr{[]any{"waivers", 0}}), path.Root("waivers").AtListIndex(0)},
		{"data source waiver index", dataSourcePaths, pathErr{[]any{"waivers", 1, "match"}}, path.Root("waivers").AtListIndex(5).AtName("match")},
		{"data source parameter", dataSourcePaths, pathErr{[]any{"parameters", "max_age_days"}}, path.Root("parameters").AtMapKey("admin_key_rotation").AtMapKey("max_age_days")},
		{"message: waiver index", resourcePaths, errors.New(`check x waiver 2 (subject "waiver 7"): justification is required`), path.Root("waivers").AtListIndex(2)},
		{"message: data source waiver", dataSourcePaths, errors.New(`check x waiver 0: subject "*" would waive every finding`), path.Root("waivers").AtListIndex(3)},
		{"message: enforcement", resourcePaths, errors.New(`check x: enforcement "block" is not valid`), path.Root("enforcement")},
		{"message: parameter", resourcePaths, errors.New(`check x: parameter max_age_days must be a number`), path.Root("parameters")},
	}
	for _, tc := range cases {
		if got := tc.paths.ruleErrorPath(tc.err); !got.Equal(tc.want) {
			t.Errorf("%s: path %s, want %s", tc.name, got, tc.want)
		}
	}
}
