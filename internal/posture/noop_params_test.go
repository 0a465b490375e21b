package posture

import (
	"strings"
	"testing"
)

// A parameter combination that turns a check into a no-op would make it pass
// silently: it is a validate-time error naming the check and the parameter.
func TestNoOpSettingsAreErrors(t *testing.T) {
	allRisky := ListValue(namedRiskyEventTypes()...)
	allRiskyUpper := ListValue()
	for _, x := range namedRiskyEventTypes() {
		allRiskyUpper.List = append(allRiskyUpper.List, strings.ToUpper(x))
	}
	cases := []struct {
		name string
		rule Rule
		want string
	}{
		{"key_user_owned no projects", Rule{CheckID: "key_user_owned", Params: Params{"projects": ListValue()}},
			"check key_user_owned: projects is empty, so the check would judge no project"},
		{"every detector off", Rule{CheckID: "dlp_gpt_instructions", Params: Params{"disabled_detectors": ListValue(SecretDetectorNames()...)}},
			"check dlp_gpt_instructions: disabled_detectors turns off every detector"},
		{"every risky event ignored", Rule{CheckID: "risky_admin_events", Params: Params{"ignore_event_types": allRisky}},
			"check risky_admin_events: ignore_event_types covers every event type the check flags (api_key.created, ip_allowlist.config.deactivated"},
		{"every risky event ignored, other case", Rule{CheckID: "risky_admin_events", Params: Params{"ignore_event_types": allRiskyUpper}},
			"ignore_event_types covers every event type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := ValidateRule(tc.rule)
			if !strings.Contains(errorsText(errs), tc.want) {
				t.Errorf("errors %v do not contain %q", errs, tc.want)
			}
			if rr := EvaluateRule(emptySnapshot(), tc.rule); rr.Passed() {
				t.Error("a no-op rule passed")
			}
		})
	}
	// One detector left on, or one risky type not ignored, is a real check.
	for _, ok := range []Rule{
		{CheckID: "dlp_gpt_instructions", Params: Params{"disabled_detectors": ListValue(SecretDetectorNames()[1:]...)}},
		{CheckID: "risky_admin_events", Params: Params{"ignore_event_types": ListValue(namedRiskyEventTypes()[1:]...)}},
		{CheckID: "key_user_owned", Params: Params{"projects": ListValue("*")}},
	} {
		if _, errs := ValidateRule(ok); len(errs) > 0 {
			t.Errorf("%s rejected: %v", ok.CheckID, errs)
		}
	}
}

func TestNoEffectSettingsAreWarnings(t *testing.T) {
	w, errs := ValidateRule(Rule{CheckID: "risky_admin_events", Params: Params{"ignore_event_types": ListValue("scim.disabled", "scim.disabld")}})
	if len(errs) > 0 || len(w) != 1 || !strings.Contains(w[0], `check risky_admin_events: ignore_event_types "scim.disabld" is not an event type this check flags`) {
		t.Errorf("warnings %v errors %v", w, errs)
	}
	w, errs = ValidateRule(Rule{CheckID: "project_hosted_tools", Params: Params{"allowed_tools": ListValue(hostedTools...)}})
	if len(errs) > 0 || len(w) != 1 || !strings.Contains(w[0], "check project_hosted_tools: allowed_tools allows every hosted tool") {
		t.Errorf("warnings %v errors %v", w, errs)
	}
	// The warnings reach the evaluated rule.
	rr := EvaluateRule(emptySnapshot(), Rule{CheckID: "project_hosted_tools", Params: Params{"allowed_tools": ListValue(hostedTools...)}})
	if len(rr.Warnings) != 1 {
		t.Errorf("rule warnings = %v", rr.Warnings)
	}
}
