package posture

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestEveryValidationErrorIsLocated: each way a rule can be invalid yields
// only RuleErrors, each at the attribute it concerns, so the provider never
// has to read a message to place a diagnostic.
func TestEveryValidationErrorIsLocated(t *testing.T) {
	asOf := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	ok := Waiver{Subject: "key_1", Justification: "known", Expires: "2026-04-01"}
	waiver := func(edit func(*Waiver)) []Waiver {
		bad := ok
		edit(&bad)
		return []Waiver{ok, bad} // the bad one is index 1
	}
	cases := []struct {
		name string
		rule Rule
		want []any
	}{
		{"unknown check", Rule{CheckID: "admin_key_rotaton"}, nil},
		{"unknown parameter", Rule{CheckID: "admin_key_rotation", Params: Params{"max_age": IntValue(5)}}, []any{"parameters", "max_age"}},
		{"missing required parameter", Rule{CheckID: "gpt_external_share"}, []any{"parameters"}},
		{"wrong parameter kind", Rule{CheckID: "admin_key_rotation", Params: Params{"max_age_days": StringValue("90")}}, []any{"parameters", "max_age_days"}},
		{"parameter out of range", Rule{CheckID: "admin_key_rotation", Params: Params{"max_age_days": IntValue(0)}}, []any{"parameters", "max_age_days"}},
		{"parameter not a choice", Rule{CheckID: "data_retention", Params: Params{"mode": StringValue("forever")}}, []any{"parameters", "mode"}},
		{"empty list element", Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com", "")}}, []any{"parameters", "allowed_domains"}},
		{"parameter's own validation", Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("https://example.com")}}, []any{"parameters", "allowed_domains"}},
		{"empty project list", Rule{CheckID: "key_user_owned", Params: Params{"projects": ListValue()}}, []any{"parameters", "projects"}},
		{"min above max owners", Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(5), "max_owners": IntValue(2)}}, []any{"parameters", "min_owners"}},
		{"every detector off", Rule{CheckID: "dlp_gpt_instructions", Params: Params{"disabled_detectors": ListValue(SecretDetectorNames()...)}}, []any{"parameters", "disabled_detectors"}},
		{"every event type ignored", Rule{CheckID: "risky_admin_events", Params: Params{"ignore_event_types": ListValue(namedRiskyEventTypes()...)}}, []any{"parameters", "ignore_event_types"}},
		{"enforcement", Rule{CheckID: "admin_key_rotation", Enforcement: "block"}, []any{"enforcement"}},
		{"max waiver days", Rule{CheckID: "admin_key_rotation", MaxWaiverDays: -1}, []any{"max_waiver_days"}},
		{"waiver without subject", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Subject = " " })}, []any{"waivers", 1, "subject"}},
		{"waiver subject all wildcard", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Subject = "**" })}, []any{"waivers", 1, "subject"}},
		{"waiver subject not UTF-8", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Subject = "key\xff" })}, []any{"waivers", 1, "subject"}},
		{"waiver match", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Match = "title" })}, []any{"waivers", 1, "match"}},
		{"waiver justification", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Justification = "" })}, []any{"waivers", 1, "justification"}},
		{"waiver expiry missing", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Expires = "" })}, []any{"waivers", 1, "expires"}},
		{"waiver expiry not a date", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Expires = "soon" })}, []any{"waivers", 1, "expires"}},
		{"waiver too long", Rule{CheckID: "admin_key_rotation", Waivers: waiver(func(w *Waiver) { w.Expires = "2028-01-01" })}, []any{"waivers", 1, "expires"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := ValidateRuleAt(tc.rule, asOf)
			if len(errs) != 1 {
				t.Fatalf("want exactly one error, got %d: %v", len(errs), errs)
			}
			var re *RuleError
			if !errors.As(errs[0], &re) {
				t.Fatalf("error %q (%T) is not a *RuleError", errs[0], errs[0])
			}
			if got := re.RulePath(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("path %#v, want %#v (error %q)", got, tc.want, errs[0])
			}
			if re.Error() != errs[0].Error() {
				t.Errorf("message changed: %q vs %q", re.Error(), errs[0].Error())
			}
		})
	}
}

// TestRuleErrorKeepsTheCause: wrapping keeps errors.As for the typed cause.
func TestRuleErrorKeepsTheCause(t *testing.T) {
	_, errs := ValidateRule(Rule{CheckID: "admin_key_rotaton"})
	var u UnknownCheckError
	if len(errs) != 1 || !errors.As(errs[0], &u) || u.Suggestion != "admin_key_rotation" {
		t.Fatalf("unknown check error lost its type: %v", errs)
	}
}
