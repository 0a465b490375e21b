package posture

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func errorsText(errs []error) string {
	return fmt.Sprint(errs)
}

func TestParameterValidationErrors(t *testing.T) {
	cases := []struct {
		name string
		rule Rule
		want string
	}{
		{"out of range", Rule{CheckID: "admin_key_rotation", Params: Params{"max_age_days": IntValue(0)}}, "max_age_days of check admin_key_rotation must be between 1 and 3650, got 0"},
		{"unknown parameter", Rule{CheckID: "admin_key_rotation", Params: Params{"maxage": IntValue(5)}}, `unknown parameter "maxage" for check admin_key_rotation; valid: max_age_days`},
		{"wrong kind", Rule{CheckID: "admin_key_rotation", Params: Params{"max_age_days": StringValue("90")}}, "must be int, got string"},
		{"required missing", Rule{CheckID: "dlp_gpt_file"}, "check dlp_gpt_file requires parameter patterns"},
		{"bad choice", Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("everyone")}}, `"everyone" is not valid; valid: all, org, workspace`},
		{"bad list choice", Rule{CheckID: "project_hosted_tools", Params: Params{"allowed_tools": ListValue("web_search", "telepathy")}}, `"telepathy" is not valid; valid: code_interpreter, file_search`},
		{"bad regex", Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("re:(unclosed")}}, `pattern "re:(unclosed" is not a valid regular expression`},
		{"empty patterns", Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue()}}, "declare at least one pattern"},
		{"url as domain", Rule{CheckID: "gpt_action_domain", Params: Params{"allowed_domains": ListValue("https://api.example.com/v1")}}, `must be a domain, not a URL (write "api.example.com")`},
		{"bare wildcard domain", Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("*")}}, `"*" is not a domain`},
		{"unqualified domain", Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("localhost")}}, "is not a fully qualified domain"},
		{"bad retention mode", Rule{CheckID: "data_retention", Params: Params{"mode": StringValue("forever")}}, "valid: zero_data_retention"},
		{"bad enforcement", Rule{CheckID: "spend_limit", Enforcement: "block"}, `enforcement "block" is not valid; valid: error, warn`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := ValidateRule(tc.rule)
			if !strings.Contains(errorsText(errs), tc.want) {
				t.Errorf("errors %v do not contain %q", errs, tc.want)
			}
			rr := EvaluateRule(emptySnapshot(), tc.rule)
			if rr.Passed() || len(rr.Errors) == 0 || !strings.Contains(rr.Errors[0].Error(), "invalid rule") {
				t.Errorf("invalid rule evaluated: %+v", rr)
			}
		})
	}
}

func TestFloorWarnings(t *testing.T) {
	cases := []struct {
		check, param string
		value        int64
		warns        bool
	}{
		{"admin_key_rotation", "max_age_days", 400, true},
		{"admin_key_rotation", "max_age_days", 365, false},
		{"project_key_rotation", "max_age_days", 366, true},
		{"admin_key_unused", "max_unused_days", 181, true},
		{"project_key_unused", "max_unused_days", 180, false},
		{"user_inactive", "max_inactive_days", 400, true},
		{"invite_stale", "max_pending_days", 91, true},
		{"owner_count", "max_owners", 11, true},
		{"owner_count", "max_owners", 10, false},
		{"certificate_expiry", "days_ahead", 3, true},
		{"certificate_expiry", "days_ahead", 7, false},
	}
	for _, tc := range cases {
		warnings, errs := ValidateRule(Rule{CheckID: tc.check, Params: Params{tc.param: IntValue(tc.value)}})
		if len(errs) > 0 {
			t.Errorf("%s %s=%d: unexpected errors %v", tc.check, tc.param, tc.value, errs)
		}
		got := len(warnings) > 0 && strings.Contains(warnings[0], tc.param)
		if got != tc.warns {
			t.Errorf("%s %s=%d: warnings %v, want warning %v", tc.check, tc.param, tc.value, warnings, tc.warns)
		}
	}
	// The warning reaches the evaluation result too.
	rr := EvaluateRule(emptySnapshot(), Rule{CheckID: "admin_key_rotation", Params: Params{"max_age_days": IntValue(1000)}})
	if len(rr.Warnings) != 1 || !strings.Contains(rr.Warnings[0], "loosens the baseline past the recommended maximum of 365") {
		t.Errorf("warnings = %v", rr.Warnings)
	}
}

func TestOwnerCountMinAboveMaxIsAnError(t *testing.T) {
	rr := EvaluateRule(emptySnapshot(), Rule{CheckID: "owner_count", Params: Params{"min_owners": IntValue(5), "max_owners": IntValue(2)}})
	if rr.Passed() || len(rr.Errors) == 0 || !strings.Contains(rr.Errors[0].Error(), "min_owners (5) is greater than max_owners (2)") {
		t.Errorf("got %+v", rr)
	}
}

func TestUnknownCheckID(t *testing.T) {
	_, errs := ValidateRule(Rule{CheckID: "admin_key_rotaton"})
	if len(errs) != 1 {
		t.Fatalf("errs = %v", errs)
	}
	var u UnknownCheckError
	if !errors.As(errs[0], &u) || u.Suggestion != "admin_key_rotation" {
		t.Errorf("no suggestion: %v", errs[0])
	}
	msg := errs[0].Error()
	for _, want := range []string{`unknown check id "admin_key_rotaton"`, `did you mean "admin_key_rotation"`, "valid: admin_key_rotation, admin_key_unused"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q missing %q", msg, want)
		}
	}
	_, errs = ValidateRule(Rule{CheckID: "completely_different_thing_xyz"})
	if strings.Contains(errs[0].Error(), "did you mean") {
		t.Errorf("far-fetched suggestion: %v", errs[0])
	}
	res := Evaluate(emptySnapshot(), []Rule{{CheckID: "nope"}})
	if !res.Failed() || len(res.Errors()) != 1 {
		t.Errorf("unknown check evaluated: %+v", res)
	}
}

func TestParseWaiverExpiry(t *testing.T) {
	d, err := ParseWaiverExpiry("2026-06-30")
	if err != nil || !d.Equal(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date: %v %v", d, err)
	}
	ts, err := ParseWaiverExpiry("2026-06-30T10:00:00+02:00")
	// Ends at the start of its UTC day: judged as of the day's start, a
	// waiver must not outlive its expiry.
	if err != nil || !ts.Equal(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("rfc3339: %v %v", ts, err)
	}
	for _, bad := range []string{"", "30/06/2026", "2026-13-01", "tomorrow"} {
		if _, err := ParseWaiverExpiry(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestWaiverValidation(t *testing.T) {
	_, errs := ValidateRule(Rule{CheckID: "spend_limit", Waivers: []Waiver{
		{Subject: "", Justification: "x", Expires: "2026-12-31"},
		{Subject: "organization", Justification: "  ", Expires: "2026-12-31"},
		{Subject: "organization", Justification: "ok", Expires: "next week"},
	}})
	text := errorsText(errs)
	for _, want := range []string{
		"check spend_limit waiver 0: subject is required",
		`waiver 1 (subject "organization"): justification is required`,
		`waiver 2 (subject "organization"): expires "next week" is not a date (YYYY-MM-DD)`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s missing %q", text, want)
		}
	}
	if len(errs) != 3 {
		t.Errorf("want 3 errors, got %v", errs)
	}
}

func TestPastExpiryIsAWarningNotAnError(t *testing.T) {
	rule := Rule{CheckID: "spend_limit", Waivers: []Waiver{{Subject: "organization", Justification: "budget approved", Expires: "2026-01-31"}}}
	warnings, errs := ValidateRuleAt(rule, testNow)
	if len(errs) > 0 {
		t.Fatalf("past expiry is an error: %v", errs)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "expired on 2026-01-31 and no longer suppresses") {
		t.Errorf("warnings = %v", warnings)
	}
}

func TestWaiverMatching(t *testing.T) {
	snap := emptySnapshot()
	snap.Invites = Loaded(
		Invite{ID: "invite-a", Email: "Alice@Contractor.test", Role: "owner", Status: "pending", CreatedAt: ago(1)},
		Invite{ID: "invite-b", Email: "bob@example.com", Role: "owner", Status: "pending", CreatedAt: ago(1)},
	)
	rule := Rule{CheckID: "invite_high_privilege", Waivers: []Waiver{
		{Subject: "*@contractor.TEST", Match: WaiverMatchEmail, Justification: "contractor onboarding", Expires: "2026-07-01T00:00:00Z"},
		{Subject: "nobody@example.com", Match: "EMAIL", Justification: "old", Expires: "2026-12-31"},
	}}
	rr := EvaluateRule(snap, rule)
	a, _ := findingFor(rr, "invite-a")
	b, _ := findingFor(rr, "invite-b")
	if !a.Waived || b.Waived {
		t.Errorf("glob/email matching wrong: a=%+v b=%+v", a, b)
	}
	if len(rr.Warnings) != 1 || !strings.Contains(rr.Warnings[0], `waiver for "nobody@example.com" matches no finding (stale waiver`) {
		t.Errorf("stale waiver warning missing: %v", rr.Warnings)
	}
	// An unexpired waiver wins over an expired one for the same subject.
	rule.Waivers = []Waiver{
		{Subject: "invite-b", Justification: "old", Expires: "2026-01-01"},
		{Subject: "INVITE-B", Justification: "renewed", Expires: "2026-09-01"},
	}
	b, _ = findingFor(EvaluateRule(snap, rule), "invite-b")
	if !b.Waived || b.WaiverJustification != "renewed" {
		t.Errorf("renewed waiver ignored: %+v", b)
	}
}

func TestDeterministicOrderAndFingerprints(t *testing.T) {
	snap := emptySnapshot()
	snap.AdminAPIKeys = Loaded(
		AdminAPIKey{ID: "key_c", CreatedAt: ago(400)},
		AdminAPIKey{ID: "key_a", CreatedAt: ago(400)},
		AdminAPIKey{ID: "key_b", CreatedAt: ago(400)},
	)
	g := gpt("g-1")
	g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "b.test", AuthType: "none"}, {Type: "custom_action", ActionDomain: "a.test", AuthType: "none"}}
	snap.GPTs = Loaded(g)
	rules := []Rule{{CheckID: "gpt_action_no_auth"}, {CheckID: "admin_key_rotation"}}

	first := Evaluate(snap, rules)
	var got []string
	for _, f := range first.Findings() {
		got = append(got, f.CheckID+"/"+f.SubjectID+"/"+f.SubKey)
	}
	want := []string{
		"admin_key_rotation/key_a/", "admin_key_rotation/key_b/", "admin_key_rotation/key_c/",
		"gpt_action_no_auth/g-1/custom_action:a.test", "gpt_action_no_auth/g-1/custom_action:b.test",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v\nwant %v", got, want)
	}
	if first.Rules[0].CheckID != "admin_key_rotation" {
		t.Errorf("rules not sorted: %s first", first.Rules[0].CheckID)
	}

	// Same input, same output; fingerprints ignore observed values.
	snap.AdminAPIKeys.Items[0].CreatedAt = ago(500)
	second := Evaluate(snap, rules)
	fp := map[string]bool{}
	for i, f := range second.Findings() {
		if f.Fingerprint != first.Findings()[i].Fingerprint {
			t.Errorf("fingerprint of %s changed", f.SubjectID)
		}
		if fp[f.Fingerprint] {
			t.Errorf("duplicate fingerprint %s", f.Fingerprint)
		}
		fp[f.Fingerprint] = true
	}
	if fp := Fingerprint("admin_key_rotation", "key_a", ""); len(fp) != 32 || fp != Fingerprint("admin_key_rotation", "key_a", "") {
		t.Errorf("fingerprint %q is not a stable 32-hex-digit hash", fp)
	}
	if Fingerprint("x", "a", "") == Fingerprint("x", "a", "k") || Fingerprint("x", "ab", "") == Fingerprint("xa", "b", "") {
		t.Error("fingerprint collisions across fields")
	}
}

func TestDuplicateSubjectsGetDistinctFingerprints(t *testing.T) {
	snap := emptySnapshot()
	snap.AdminAPIKeys = Loaded(AdminAPIKey{ID: "key_dup", CreatedAt: ago(400)}, AdminAPIKey{ID: "key_dup", CreatedAt: ago(400)})
	rr := EvaluateRule(snap, Rule{CheckID: "admin_key_rotation"})
	if len(rr.Findings) != 2 || rr.Findings[0].Fingerprint == rr.Findings[1].Fingerprint {
		t.Errorf("findings = %+v", rr.Findings)
	}
}

func TestZeroNowIsAnError(t *testing.T) {
	snap := emptySnapshot()
	snap.Now = time.Time{}
	rr := EvaluateRule(snap, Rule{CheckID: "spend_limit"})
	if rr.Passed() || !strings.Contains(rr.Errors[0].Error(), "no evaluation time") {
		t.Errorf("got %+v", rr)
	}
}

func TestNeeds(t *testing.T) {
	got := Needs([]Rule{{CheckID: "project_key_rotation"}, {CheckID: "user_inactive", Params: Params{"scope": StringValue("org")}}, {CheckID: "gpt_external_share"}})
	want := []CollectionID{CollectionAuditLogs, CollectionGPTSharedUsers, CollectionGPTs, CollectionOrgUsers, CollectionProjectAPIKeys, CollectionProjects}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Needs = %v, want %v", got, want)
	}
	c, _ := LookupCheck("data_retention")
	if n := c.Needs(Params{"mode": StringValue("zero_data_retention"), "include_projects": BoolValue(false)}); !reflect.DeepEqual(n, []CollectionID{CollectionOrgDataRetention}) {
		t.Errorf("data_retention without projects needs %v", n)
	}
}

// publishedCheckIDs are the check ids released so far. An id is public
// interface (state, SARIF rule ids, waivers, HCL), so it is never removed or
// renamed; a new check needs no entry here (TestCatalogIsComplete holds every
// registered check to the same standard), though adding its id once it ships
// protects it too.
var publishedCheckIDs = []string{
	"gpt_custom_actions", "gpt_code_interpreter", "gpt_web_browsing", "gpt_public_store", "gpt_public_link",
	"admin_key_rotation", "project_key_rotation", "admin_key_unused", "project_key_unused", "invite_high_privilege",
	"user_inactive", "invite_stale", "dlp_conversation_file", "dlp_gpt_file", "dlp_project_file",
	"gpt_action_domain", "gpt_action_no_auth", "gpt_workspace_shared", "gpt_external_share", "gpt_shared_editable",
	"gpt_orphaned", "dlp_gpt_instructions", "key_no_expiry", "key_owner_lost_access", "key_user_owned",
	"archived_project_keys", "owner_count", "user_not_scim", "project_hosted_tools", "project_model_permissions",
	"spend_limit", "data_retention", "certificate_expiry", "audit_logging", "risky_admin_events",
}

var checkIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

func TestPublishedCheckIDsStay(t *testing.T) {
	for _, id := range publishedCheckIDs {
		if _, ok := LookupCheck(id); !ok {
			t.Errorf("published check id %s is gone: ids are public interface (state, SARIF, waivers); keep the id, or deprecate the check instead of renaming it", id)
		}
	}
}

func TestCatalogIsComplete(t *testing.T) {
	for _, c := range Catalog() {
		id := c.ID
		if !checkIDPattern.MatchString(id) {
			t.Errorf("check id %q is not lower_snake_case", id)
		}
		if c.Title == "" || c.Description == "" || c.Data == "" || c.Remediation == "" || c.SubjectKind == "" || c.Severity == "" {
			t.Errorf("check %s is incomplete", id)
		}
		if c.run == nil || c.needs == nil {
			t.Errorf("check %s has no run function or no needed collections", id)
		}
		hasRequired := false
		for _, p := range c.Params {
			hasRequired = hasRequired || p.Required
			if p.Description == "" {
				t.Errorf("%s.%s has no description", id, p.Name)
			}
		}
		if hasRequired && !c.OptIn {
			t.Errorf("%s has a required parameter but is not opt-in", id)
		}
	}
	for _, r := range DefaultRules() {
		if _, errs := ValidateRule(r); len(errs) > 0 {
			t.Errorf("default rule %s invalid: %v", r.CheckID, errs)
		}
	}
	md := CatalogMarkdown()
	for _, id := range CheckIDs() {
		if !strings.Contains(md, "| `"+id+"` |") {
			t.Errorf("markdown lacks %s", id)
		}
	}
	if !strings.Contains(md, "`max_age_days` = `90`") || !strings.Contains(md, "`patterns` (required)") {
		t.Errorf("markdown lacks parameter defaults:\n%s", md)
	}
	c, _ := LookupCheck("admin_key_rotation")
	if doc := CheckMarkdown(c); !strings.Contains(doc, "Warns above 365") {
		t.Errorf("check doc lacks floor: %s", doc)
	}
}
