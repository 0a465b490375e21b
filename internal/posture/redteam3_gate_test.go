package posture

import (
	"strings"
	"testing"
)

// Red-team round 3 (outside review of the gate). Each test asserts the safe
// behaviour.

// Attack: the two recipient sources (sharing.recipients and shared_users)
// report one account id with two emails (an email changed between the
// reads, or inconsistent API data). judgeExternalShare drops every later
// entry of an id it has seen, so an external email reported second is never
// judged: the GPT is shared with bad@evil.test and the check passes.
func TestRedTeam3ExternalShareSameIDOtherEmailIsJudged(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Recipients = []GPTRecipient{{ID: "user-r1", Email: "r1@example.com"}}
	g.RecipientsIncomplete = true
	g.SharedUsers = Loaded(GPTRecipient{ID: "user-r1", Email: "r1@evil.test"})
	withGPT(&snap, g)
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 {
		t.Fatalf("errors: %v", rr.Errors)
	}
	if rr.Passed() {
		t.Fatalf("a recipient id reported with an external email passes: %+v", rr.Findings)
	}
}

// Attack: a GPT named with full-width brackets "［waived］" (U+FF3B, U+FF3D)
// and other bracket look-alikes. UntrustedFragment escapes only ASCII
// brackets, so the accepted_findings label and the diagnostic of an
// unwaived finding read "... ［waived］", like the waiver marker.
func TestRedTeam3LookalikeBracketsDoNotReadAsWaived(t *testing.T) {
	for _, name := range []string{"HR \uFF3Bwaived\uFF3D", "HR \u2045waived\u2046", "HR \u27E6waived\u27E7", "HR \uFE5Dwaived\uFE5E"} {
		f := Finding{SubjectKind: "gpt", SubjectID: "g-1", SubjectName: name, Observed: "shared with x@evil.test"}
		for what, s := range map[string]string{"label": f.SubjectLabel(), "message": f.Escaped().Message()} {
			low := strings.ToLower(s)
			for _, open := range []string{"\uFF3B", "\u2045", "\u27E6", "\uFE5D"} {
				if strings.Contains(low, open+"waived") {
					t.Errorf("%s of an unwaived finding reads as waived: %q", what, s)
				}
			}
		}
	}
}

// Control for the attack above (held): with distinct ids the external
// recipient from shared_users is judged, so the pass above comes from the
// id dedupe alone.
func TestRedTeam3ExternalShareSecondSourceJudged(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Recipients = []GPTRecipient{{ID: "user-r1", Email: "r1@example.com"}}
	g.RecipientsIncomplete = true
	g.SharedUsers = Loaded(GPTRecipient{ID: "user-r2", Email: "r1@evil.test"})
	withGPT(&snap, g)
	rr := EvaluateRule(snap, Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}})
	if len(rr.Errors) > 0 || rr.Passed() {
		t.Fatalf("an external recipient from shared_users passes: findings %+v errors %v", rr.Findings, rr.Errors)
	}
}

// Attack: a GPT has a tool of a type the catalog does not know, pointed at a
// harmless domain; gpt_action_domain reports it (it may call anything) and
// the reviewer accepts it by fingerprint, as the baseline does. The builder
// then points the same tool at another domain. reportUnknownTool keys the
// finding by the tool type alone (the domain is only in Observed), so the
// new domain keeps the accepted fingerprint: the gate stays green.
func TestRedTeam3UnknownToolNewDomainIsNotWaived(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Tools = []GPTTool{{Type: "connector", ActionDomain: "api.example.com"}}
	withGPT(&snap, g)
	rule := Rule{CheckID: "gpt_action_domain", Params: Params{"allowed_domains": ListValue("api.example.com")}}
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 || len(rr.Findings) != 1 {
		t.Fatalf("setup: findings %+v errors %v", rr.Findings, rr.Errors)
	}
	f := rr.Findings[0]
	rule.Waivers = []Waiver{{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "SEC-1 reviewed connector", Expires: "2026-12-31"}}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("setup: accepted rule does not pass: %+v", rr.Findings)
	}
	g.Config.Tools = []GPTTool{{Type: "connector", ActionDomain: "exfil.evil.test"}}
	withGPT(&snap, g)
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("an accepted unknown tool re-pointed at exfil.evil.test is waived: %+v", rr.Findings)
	}
}

// Attack: gpt_shared_editable reports a GPT shared with the whole workspace
// whose audience can view the configuration (instructions, files, action
// schemas); the reviewer accepts it by fingerprint. The owner then widens
// the audience to anyone with the link (outside the workspace). The finding
// is keyed "audience:can_view_config" whatever the audience is, so the new,
// public exposure of the configuration keeps the accepted fingerprint.
func TestRedTeam3SharedEditableWiderAudienceIsNotWaived(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Recipients = nil
	g.Visibility = visibilityWorkspace
	g.Permissions = &GPTPermissions{CanRead: true, CanViewConfig: true}
	withGPT(&snap, g)
	rule := Rule{CheckID: "gpt_shared_editable"}
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 || len(rr.Findings) != 1 {
		t.Fatalf("setup: findings %+v errors %v", rr.Findings, rr.Errors)
	}
	f := rr.Findings[0]
	rule.Waivers = []Waiver{{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "SEC-2 workspace may read the prompt", Expires: "2026-12-31"}}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("setup: accepted rule does not pass: %+v", rr.Findings)
	}
	g.Visibility = visibilityAnyoneWithLink
	withGPT(&snap, g)
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("an accepted workspace audience widened to anyone-with-link is waived: %+v", rr.Findings)
	}
}

// Attack: chatgpt_project_public_link flags two visibilities, anyone-with-link
// and gpt-store, with one finding keyed by the subject alone (no sub-key). A
// reviewer accepts a project shared by link (a FAQ project, say) by
// fingerprint; its owner then publishes it to the GPT Store. The wider,
// public exposure has the accepted fingerprint: the gate stays green.
func TestRedTeam3ProjectLinkToStoreIsNotWaived(t *testing.T) {
	snap := emptySnapshot()
	p := chatGPTProject("g-p-1")
	p.Visibility = visibilityAnyoneWithLink
	snap.ChatGPTProjects = Loaded(p)
	rule := Rule{CheckID: "chatgpt_project_public_link"}
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 || len(rr.Findings) != 1 {
		t.Fatalf("setup: findings %+v errors %v", rr.Findings, rr.Errors)
	}
	f := rr.Findings[0]
	rule.Waivers = []Waiver{{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "SEC-3 public FAQ project", Expires: "2026-12-31"}}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("setup: accepted rule does not pass: %+v", rr.Findings)
	}
	p.Visibility = visibilityGPTStore
	snap.ChatGPTProjects = Loaded(p)
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("an accepted link-shared project published to the GPT Store is waived: %+v", rr.Findings)
	}
}

// Attack: spend_limit with max_monthly_usd 10,000 reports a 20,000 USD limit;
// the reviewer accepts it by fingerprint (a busy quarter). The limit is then
// raised to 5,000,000 USD. The finding is keyed "threshold_above_max"
// whatever the amount, so any later raise keeps the accepted fingerprint.
func TestRedTeam3SpendLimitFurtherRaiseIsNotWaived(t *testing.T) {
	snap := emptySnapshot()
	snap.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(2_000_000), Currency: "usd", Interval: "month", EnforcementStatus: "enforcing"})
	rule := Rule{CheckID: "spend_limit", Params: Params{"max_monthly_usd": IntValue(10_000)}}
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 || len(rr.Findings) != 1 {
		t.Fatalf("setup: findings %+v errors %v", rr.Findings, rr.Errors)
	}
	f := rr.Findings[0]
	rule.Waivers = []Waiver{{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "FIN-1 launch quarter, 20k", Expires: "2026-12-31"}}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("setup: accepted rule does not pass: %+v", rr.Findings)
	}
	snap.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(500_000_000), Currency: "usd", Interval: "month", EnforcementStatus: "enforcing"})
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("an accepted 20,000 USD limit raised to 5,000,000 USD is waived: %+v", rr.Findings)
	}
}

// A waiver subject made of a well-known id prefix and "*" ("g-*", "user-*",
// "key_*") matches every subject of its kind: it is rejected like "*",
// naming the subject field; a pattern with more than the prefix, a name
// pattern, and an exact id are accepted.
func TestRedTeam3IDPrefixWildcardWaiverIsRejected(t *testing.T) {
	waiver := func(subject, match string) Waiver {
		return Waiver{Subject: subject, Match: match, Justification: "SEC-4", Expires: "2026-12-31"}
	}
	for _, subject := range []string{"g-*", " G-* ", "user-*", "key_*", "proj_*", "file-*", "*g-p-*", "g*", "key*", "**user-**"} {
		_, errs := ValidateRule(Rule{CheckID: "gpt_public_link", Waivers: []Waiver{waiver(subject, "")}})
		if len(errs) == 0 {
			t.Errorf("subject %q waiving every id of its kind is accepted", subject)
			continue
		}
		if msg := errs[0].Error(); !strings.Contains(msg, "subject") {
			t.Errorf("subject %q: error does not name the subject field: %s", subject, msg)
		}
	}
	for _, w := range []Waiver{waiver("g-team*", ""), waiver("g-1", ""), waiver("user-abc*", "id"), waiver("g-*", "name"), waiver("k*", "")} {
		if _, errs := ValidateRule(Rule{CheckID: "gpt_public_link", Waivers: []Waiver{w}}); len(errs) > 0 {
			t.Errorf("waiver %+v rejected: %v", w, errs)
		}
	}
}
