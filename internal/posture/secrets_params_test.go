package posture

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// disabled_detectors takes secret rule ids as findings name them. A name
// that is not one, including a retired hand-written detector name, is an
// error listing the valid choices; it is never silently ignored.
func TestDisabledDetectorsValidation(t *testing.T) {
	rule := func(names ...string) Rule {
		return Rule{CheckID: "dlp_gpt_instructions", Params: Params{"disabled_detectors": ListValue(names...)}}
	}
	for _, tc := range []struct {
		name  string
		names []string
		want  []string // substrings of the error; none = valid
	}{
		{"gitleaks rule ids", []string{"aws-access-token", "generic-api-key", "jwt"}, nil},
		{"an extra rule id, any case", []string{"Authorization-Bearer-Token"}, nil},
		{"misspelt rule id", []string{"aws-acess-token"}, []string{`"aws-acess-token" is not a detector`, "valid: secrets, or one of the", "aws-access-token", "openai-prefixed-api-key", "zendesk-secret-key"}},
		{"retired name", []string{"aws_access_key_id"}, []string{`"aws_access_key_id" is a retired detector name`, "use aws-access-token instead", "valid: secrets"}},
		{"retired github name", []string{"github_token"}, []string{"use github-pat, github-fine-grained-pat, github-oauth"}},
		{"retired gitleaks name", []string{"gitleaks"}, []string{"use secrets instead"}},
		{"every rule by the family name", []string{"secrets"}, []string{`disabled_detectors names "secrets", which turns off every secret rule`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := ValidateRule(rule(tc.names...))
			text := errorsText(errs)
			if tc.want == nil {
				if len(errs) > 0 {
					t.Fatalf("rejected: %v", errs)
				}
				return
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("error %q lacks %q", text, w)
				}
			}
			if !strings.Contains(text, "disabled_detectors") {
				t.Errorf("error %q does not name the parameter", text)
			}
			if rr := EvaluateRule(emptySnapshot(), rule(tc.names...)); rr.Passed() {
				t.Error("an invalid rule passed")
			}
		})
	}
}

// Every retired name points only to rule ids that exist.
func TestRetiredDetectorNamesPointToRules(t *testing.T) {
	ids := SecretDetectorNames()
	if len(ids) < 200 {
		t.Fatalf("only %d secret rules loaded", len(ids))
	}
	for old, repl := range retiredDetectorNames {
		for _, id := range repl {
			if id != SecretsAll && !containsFold(ids, id) {
				t.Errorf("%s -> %s, which is not a rule id", old, id)
			}
		}
	}
}

// The engine version (and the texts naming the gitleaks release) follow the
// gitleaks module this repository requires: a gitleaks upgrade changes the
// rules, so it must change secretEngineVersion too.
func TestSecretEngineVersionNamesTheRequiredGitleaks(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/zricethezav/gitleaks/v8 (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require gitleaks v8")
	}
	if want := "gitleaks " + string(m[1]) + ";"; !strings.HasPrefix(secretEngineVersion, want) {
		t.Errorf("secretEngineVersion %q, but go.mod requires %s: update it and the texts naming the release", secretEngineVersion, m[1])
	}
}
