package posture

import (
	"strings"
	"testing"
	"time"
)

// Red-team round 2 (outside review of the finding-waiver and untrusted-text
// fixes). Each test asserts the safe behaviour; an attack that works on the
// current code is skipped with "REDTEAM2 FAIL: ..." unless REDTEAM_RUN=1.

// rt2Fail is declared in redteam2_helpers_test.go.

// rt2Accept waives every current finding by fingerprint (what the adoption
// baseline renders) and returns the rule.
func rt2Accept(t *testing.T, snap Snapshot, rule Rule) Rule {
	t.Helper()
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) > 0 || len(rr.Findings) == 0 {
		t.Fatalf("setup: findings %+v errors %v", rr.Findings, rr.Errors)
	}
	for _, f := range rr.Findings {
		rule.Waivers = append(rule.Waivers, Waiver{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "SEC-1 accepted test value", Expires: "2026-12-31"})
	}
	if _, errs := ValidateRule(rule); len(errs) > 0 {
		t.Fatalf("setup: waivers invalid: %v", errs)
	}
	if rr := EvaluateRule(snap, rule); !rr.Passed() {
		t.Fatalf("setup: accepted rule does not pass: %+v", rr.Findings)
	}
	return rule
}

// Attack: a memory (which its user edits at will) is accepted with one
// card number (a test card, say). The user then writes more card numbers,
// real ones, into the same memory. dlp_memory keys a finding by memory id
// and rule alone and aggregates every match of a rule, so the new values
// keep the accepted fingerprint: the gate stays green.
func TestRedTeam2MemoryNewValuesSameRuleStayWaived(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	snap := Snapshot{Now: now}
	snap.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "u@example.com", Content: "test card 4111111111111111"})
	rule := rt2Accept(t, snap, contentRule("dlp_memory", Params{"detectors": ListValue(DetectorCardNumber)}))

	snap.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "u@example.com",
		Content: "test card 4111111111111111\ncorporate card 5555555555554444\nCEO card 4012888888881881"})
	rr := EvaluateRule(snap, rule)
	if rr.Passed() {
		t.Fatalf("new values in an accepted memory are waived: %+v", rr.Findings)
	}
}

// Attack: GPT instructions (editable by the builder) are accepted with one
// AWS key id (a revoked test key). The builder replaces it in place with a
// different key. dlp_gpt_instructions keys by rule, place and ordinal, so the
// new key has the accepted fingerprint.
func TestRedTeam2InstructionsSecretReplacedInPlaceStaysWaived(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	// The Compliance API reports each configuration with its own id: an
	// edit of the instructions is a new configuration.
	g.Config.Version = "gzm_cnf_1"
	g.Config.Instructions = "Lookup key: " + fakeSecrets.awsKeyID
	withGPT(&snap, g)
	rule := rt2Accept(t, snap, Rule{CheckID: "dlp_gpt_instructions"})

	other := "AKIA" + "TESTONLYFAKEKEY7"
	g.Config.Version = "gzm_cnf_2"
	g.Config.Instructions = "Lookup key: " + other
	withGPT(&snap, g)
	rr := EvaluateRule(snap, rule)
	if len(rr.Findings) == 0 {
		t.Fatalf("setup: the replacement key %s is not detected", other)
	}
	if rr.Passed() {
		t.Fatalf("a replaced secret is waived: %+v", rr.Findings)
	}

	// Without a reported version, a second key of the same rule (or one
	// moved to another line) is a new finding; the accepted one is not.
	g.Config.Version = ""
	g.Config.Instructions = "Lookup key: " + fakeSecrets.awsKeyID
	withGPT(&snap, g)
	rule = rt2Accept(t, snap, Rule{CheckID: "dlp_gpt_instructions"})
	g.Config.Instructions = "Lookup key: " + fakeSecrets.awsKeyID + "\nBackup key: " + other
	withGPT(&snap, g)
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("a second key of an accepted rule is waived without a version: %+v", rr.Findings)
	}
	g.Config.Instructions = "\nLookup key: " + other
	withGPT(&snap, g)
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("a key on another line is waived without a version: %+v", rr.Findings)
	}
}

// Attack: the duplicate-identity suffix ("#2") that Evaluate appends is not
// checked against the sub-keys already taken. A knowledge file literally
// named "key.pem#2" has the sub-key "file:key.pem#2", the same as the
// second of two files named "key.pem". Accepted today: files "key.pem" and
// "key.pem#2". The builder uploads another "key.pem" (new content): it gets
// "file:key.pem#2", the accepted fingerprint, and two findings share one
// fingerprint (which is also the state's identity of a finding).
func TestRedTeam2DuplicateSuffixCollidesWithOwnerName(t *testing.T) {
	rule := Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("*.pem*")}}
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Files = []string{"key.pem", "key.pem#2"}
	withGPT(&snap, g)
	rule = rt2Accept(t, snap, rule)

	g.Config.Files = []string{"key.pem", "key.pem#2", "key.pem"}
	withGPT(&snap, g)
	rr := EvaluateRule(snap, rule)
	seen := map[string]bool{}
	dup := false
	for _, f := range rr.Findings {
		dup = dup || seen[f.Fingerprint]
		seen[f.Fingerprint] = true
	}
	if len(rr.Findings) != 3 {
		t.Fatalf("want three findings, got %+v", rr.Findings)
	}
	if rr.Passed() || dup {
		t.Fatalf("passed %v, duplicate fingerprint %v: %+v", rr.Passed(), dup, rr.Findings)
	}
}

// Attack: the "[" before "waive" is escaped only when the next letters are
// ASCII "waive". A look-alike (Cyrillic а U+0430, е U+0435) or a combining
// mark after the bracket keeps a raw "[" and reads "[waived]" on screen. A
// file name ends the accepted_findings label (kind name (id) file:<name>),
// exactly where the provider writes " [waived]".
func TestRedTeam2WaiverMarkerLookalikes(t *testing.T) {
	for _, name := range []string{
		"key.pem [w\u0430iv\u0435d]",                // Cyrillic a and e
		"key.pem [\u0301waived]",                    // combining acute after the bracket
		"key.pem [\uff57\uff41\uff49\uff56\uff45d]", // fullwidth letters
	} {
		f := Finding{SubjectKind: "gpt", SubjectID: "g-1", SubjectName: "HR", SubKey: "file:" + name}
		label := f.SubjectLabel() + " " + f.SubKeyText()
		msg := f.Message()
		for _, out := range []string{label, msg, f.Escaped().SubKey} {
			if strings.Contains(out, "[") {
				t.Logf("%q renders %q", name, out)
				t.Fatalf("%q renders a raw bracket: %q", name, out)
			}
		}
	}
}

// Attack: gpt_external_share keys a recipient by strings.ToLower of the
// email, which folds Unicode: "\u212aate@outsider.test" (Kelvin sign K) lowers
// to "kate@outsider.test". A second, different account (its own id) shared
// after the accepted one gets the same sub-key, is dropped as a duplicate
// recipient, and the accepted fingerprint covers the share.
func TestRedTeam2RecipientUnicodeCaseFoldCollides(t *testing.T) {
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Recipients = []GPTRecipient{{ID: "user-kate", Email: "kate@outsider.test", Permissions: &GPTPermissions{CanRead: true}}}
	withGPT(&snap, g)
	rule = rt2Accept(t, snap, rule)

	g.Recipients = append(g.Recipients, GPTRecipient{ID: "user-other", Email: "\u212aate@outsider.test", Permissions: &GPTPermissions{CanRead: true}})
	withGPT(&snap, g)
	rr := EvaluateRule(snap, rule)
	if rr.Passed() {
		t.Fatalf("a second outsider account is hidden: %+v", rr.Findings)
	}
}

// Attack: a DLP "not judged" finding has a constant sub-key however much it
// leaves unjudged. dlp_gpt_file reports "files_not_reported" and judges no
// file of that GPT; the adoption baseline accepts that finding by fingerprint
// like any other. While the API keeps truncating the GPT's files list, every
// file its builder adds later ("id_rsa") stays unjudged under the accepted
// fingerprint. The same holds for dlp_conversation_file's
// "files_not_reported" (1 message without files accepted, 40 later) and
// dlp_gpt_instructions' "instructions_not_reported"/"tools_not_reported".
func TestRedTeam2AcceptedNotJudgedHidesLaterUploads(t *testing.T) {
	t.Run("dlp_gpt_file", func(t *testing.T) {
		rule := Rule{CheckID: "dlp_gpt_file", Params: Params{"patterns": ListValue("*id_rsa*", "*.pem")}}
		snap := emptySnapshot()
		g := gpt("g-1")
		g.Config.Files = []string{"handbook.pdf"}
		g.Config.FilesNotReported = true
		withGPT(&snap, g)
		rule = rt2Accept(t, snap, rule)
		g.Config.Files = []string{"handbook.pdf", "id_rsa"}
		withGPT(&snap, g)
		if rr := EvaluateRule(snap, rule); rr.Passed() {
			t.Fatalf("later upload hidden: %+v", rr.Findings)
		}
	})
	t.Run("dlp_gpt_instructions", func(t *testing.T) {
		for _, version := range []string{"gzm_cnf_1", ""} {
			snap := emptySnapshot()
			g := gpt("g-1")
			g.Config.Version = version
			g.Config.ToolsNotReported = true
			g.Config.InstructionsNotReported = version != ""
			withGPT(&snap, g)
			rule := rt2Accept(t, snap, Rule{CheckID: "dlp_gpt_instructions"})
			if version != "" {
				g.Config.Version = "gzm_cnf_2"
			} else {
				g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.test", ActionOpenAPIRaw: "openapi: 3.1.0"}}
			}
			withGPT(&snap, g)
			if rr := EvaluateRule(snap, rule); rr.Passed() {
				t.Fatalf("version %q: an accepted gap covers an edited configuration: %+v", version, rr.Findings)
			}
		}
	})
	t.Run("dlp_conversation_file", func(t *testing.T) {
		rule := Rule{CheckID: "dlp_conversation_file", Params: Params{"patterns": ListValue("*.pem")}}
		snap := emptySnapshot()
		active := testNow.Add(-time.Hour)
		snap.Conversations = Loaded(Conversation{ID: "conv-1", UserID: "u-1", LastActiveAt: &active, MessagesWithoutFiles: 1})
		rule = rt2Accept(t, snap, rule)
		snap.Conversations = Loaded(Conversation{ID: "conv-1", UserID: "u-1", LastActiveAt: &active, MessagesWithoutFiles: 40})
		if rr := EvaluateRule(snap, rule); rr.Passed() {
			t.Fatalf("growth hidden: %+v", rr.Findings)
		}
	})
}

// Attack: owner_count reports a user with a role it does not know under the
// constant sub-key "unknown_role" (gpt visibility and action auth_type key
// the unknown value itself). Accepting a user's odd role ("reader-beta")
// then also accepts any later unknown role of that user, for instance a new
// owner-level role, which owner_count neither counts nor reports.
func TestRedTeam2UnknownRoleChangeKeepsFingerprint(t *testing.T) {
	snap := emptySnapshot()
	rule := Rule{CheckID: "owner_count"}
	role := func(s string) *string { return &s }
	base := EvaluateRule(snap, rule)
	if len(base.Errors) > 0 {
		t.Skipf("setup: owner_count does not evaluate on the empty fixture: %v", base.Errors)
	}
	users := append([]OrgUser(nil), snap.OrgUsers.Items...)
	snap.OrgUsers = Loaded(append(users, OrgUser{ID: "user-x", Email: "x@example.com", Role: role("reader-beta")})...)
	rr := EvaluateRule(snap, rule)
	var accepted []Finding
	for _, f := range rr.Findings {
		if f.SubjectID == "user-x" {
			accepted = append(accepted, f)
		}
	}
	if len(accepted) != 1 {
		t.Skipf("setup: want one finding for user-x, got %+v (errors %v)", rr.Findings, rr.Errors)
	}
	for _, f := range rr.Findings {
		rule.Waivers = append(rule.Waivers, Waiver{Subject: f.SubjectID, Finding: f.Fingerprint, Justification: "SEC-2", Expires: "2026-12-31"})
	}
	snap.OrgUsers = Loaded(append(users, OrgUser{ID: "user-x", Email: "x@example.com", Role: role("super-owner")})...)
	rr = EvaluateRule(snap, rule)
	if rr.Passed() {
		t.Fatalf("role change hidden: %+v", rr.Findings)
	}
}

// Attack (adoption flow): BaselineHCL renders a gate block only for checks
// with unwaived findings today. The adoption gate is accepted.tf alone
// (examples/guides/adoption/baseline), and the render example says "The
// checks your baseline will gate: every default check". A check that passes
// on day one gets no block, so its first violation never fails a plan; and
// re-rendering later ("Render again at any time", same command writing
// accepted.tf) drops the block of every check whose findings were fixed,
// removing that gate exactly when the clean-up succeeds.
func TestRedTeam2BaselineDropsPassingChecks(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Visibility = "anyone-with-link"
	withGPT(&snap, g)
	rules := []Rule{{CheckID: "gpt_public_link"}, {CheckID: "gpt_public_store"}}
	res := Evaluate(snap, rules)
	hcl := BaselineHCL(rules, res, testNow, 30)
	if !strings.Contains(hcl, `"gpt_public_link"`) {
		t.Fatalf("setup: no block for the failing check:\n%s", hcl)
	}
	if !strings.Contains(hcl, `"gpt_public_store"`) {
		t.Fatalf("the passing check gpt_public_store has no gate block:\n%s", hcl)
	}
}
