package posture

import (
	"slices"
	"strings"
	"testing"
)

// The content checks run the same secret engine as dlp_gpt_instructions
// (extra rules included) and accept the same rule ids, to select single
// rules instead of every one.
func TestContentDetectorsSelectSecretRules(t *testing.T) {
	f := fakeSecrets
	text := "a " + f.awsKeyID + "\nb " + f.githubPAT + "\nc " + f.openAINoMarker + "\nd 4111 1111 1111 1111"
	rules := func(detectors ...string) []string {
		hits, err := scanContent(text, detectors, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.rule)
		}
		return out
	}
	for _, tc := range []struct {
		detectors, want []string
	}{
		{[]string{"secrets"}, []string{"aws-access-token", "github-pat", ruleOpenAIPrefixedKey}},
		{[]string{"AWS-Access-Token", "card_number"}, []string{"aws-access-token", "card_number"}},
		{[]string{ruleOpenAIPrefixedKey}, []string{ruleOpenAIPrefixedKey}},
		{[]string{"secrets", "github-pat"}, []string{"aws-access-token", "github-pat", ruleOpenAIPrefixedKey}},
		{[]string{"card_number"}, []string{"card_number"}},
	} {
		if got := rules(tc.detectors...); !slices.Equal(got, tc.want) {
			t.Errorf("detectors %v: rules %v, want %v", tc.detectors, got, tc.want)
		}
	}
}

func TestContentDetectorsValidation(t *testing.T) {
	rule := func(names ...string) Rule {
		return Rule{CheckID: "dlp_gpt_file_content", Params: Params{"detectors": ListValue(names...)}}
	}
	if _, errs := ValidateRule(rule("aws-access-token", "IBAN", "secrets")); len(errs) > 0 {
		t.Errorf("rule ids and families rejected: %v", errs)
	}
	for names, want := range map[string][]string{
		"aws-acess-token":   {`"aws-acess-token" is not a detector`, "valid: secrets, card_number, iban, us_ssn, or one of the", "github-pat"},
		"aws_access_key_id": {`"aws_access_key_id" is a retired detector name`, "use aws-access-token instead"},
		"ssn":               {`"ssn" is not a detector`, "us_ssn"},
	} {
		_, errs := ValidateRule(rule(names))
		text := errorsText(errs)
		for _, w := range append(want, "detectors") {
			if !strings.Contains(text, w) {
				t.Errorf("%s: error %q lacks %q", names, text, w)
			}
		}
	}
}
