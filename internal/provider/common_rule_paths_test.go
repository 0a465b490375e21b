package provider

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
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
		{"located waiver attribute", resourcePaths, pathErr{[]any{"waivers", 1, "expires"}}, path.Root("waivers").AtListIndex(1)},
		{"located parameter", resourcePaths, pathErr{[]any{"parameters", "max_age_days"}}, path.Root("parameters").AtMapKey("max_age_days")},
		{"located enforcement", resourcePaths, pathErr{[]any{"enforcement"}}, path.Root("enforcement")},
		{"wrapped located error", resourcePaths, errors.Join(errors.New("x"), pathErr{[]any{"waivers", 0}}), path.Root("waivers").AtListIndex(0)},
		{"data source waiver index", dataSourcePaths, pathErr{[]any{"waivers", 1, "match"}}, path.Root("waivers").AtListIndex(5)},
		{"data source parameter", dataSourcePaths, pathErr{[]any{"parameters", "max_age_days"}}, path.Root("parameters").AtMapKey("admin_key_rotation").AtMapKey("max_age_days")},
		// An error's wording never places it: without a path it is the rule's root.
		{"unlocated error goes to the root", resourcePaths, errors.New(`check x waiver 2 (subject "waiver 7"): justification is required`), path.Empty()},
		{"path outside the rule goes to the root", resourcePaths, pathErr{[]any{"max_waiver_days"}}, path.Empty()},
		{"empty path goes to the root", dataSourcePaths, pathErr{nil}, path.Empty()},
	}
	for _, tc := range cases {
		if got := tc.paths.ruleErrorPath(tc.err); !got.Equal(tc.want) {
			t.Errorf("%s: path %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestPostureValidationErrorsArePlaced runs real posture validation errors
// through ruleErrorPath: each lands on its attribute, none by its wording.
func TestPostureValidationErrorsArePlaced(t *testing.T) {
	ok := posture.Waiver{Subject: "key_1", Justification: "known", Expires: "2026-04-01"}
	cases := []struct {
		name string
		rule posture.Rule
		want path.Path
	}{
		{"parameter", posture.Rule{CheckID: "admin_key_rotation", Params: posture.Params{"max_age_days": posture.IntValue(0)}}, path.Root("parameters").AtMapKey("max_age_days")},
		{"cross-parameter", posture.Rule{CheckID: "owner_count", Params: posture.Params{"min_owners": posture.IntValue(5), "max_owners": posture.IntValue(2)}}, path.Root("parameters").AtMapKey("min_owners")},
		{"missing required parameter", posture.Rule{CheckID: "gpt_external_share"}, path.Root("parameters")},
		{"enforcement", posture.Rule{CheckID: "admin_key_rotation", Enforcement: "block"}, path.Root("enforcement")},
		{"waiver attribute", posture.Rule{CheckID: "admin_key_rotation", Waivers: []posture.Waiver{ok, {Subject: "key_2", Justification: "known", Expires: "someday"}}}, path.Root("waivers").AtListIndex(1)},
		{"unknown check", posture.Rule{CheckID: "admin_key_rotaton"}, path.Empty()},
	}
	for _, tc := range cases {
		_, errs := posture.ValidateRule(tc.rule)
		if len(errs) != 1 {
			t.Fatalf("%s: want one error, got %v", tc.name, errs)
		}
		if got := resourceRulePaths().ruleErrorPath(errs[0]); !got.Equal(tc.want) {
			t.Errorf("%s: path %s, want %s (error %q)", tc.name, got, tc.want, errs[0])
		}
	}
}
