package posture

import (
	"errors"
	"testing"
)

// A GPT whose embedded sharing.recipients is complete lists every direct
// recipient: gpt_external_share judges them without GET …/shared_users, which
// the snapshot then does not read (an unread collection is not an error for
// that GPT), and still flags an external recipient among them.
func TestGptExternalShareCompleteRecipientsNeedNoSharedUsers(t *testing.T) {
	rule := Rule{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com")}}

	snap := emptySnapshot()
	g := gpt("g-1")
	g.SharedUsers = Collection[GPTRecipient]{} // not read
	g.Recipients = append(g.Recipients, GPTRecipient{ID: "user-ext", Email: "x@partner.test"})
	withGPT(&snap, g)
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) != 0 {
		t.Fatalf("complete recipients: errors %v", rr.Errors)
	}
	if len(rr.Findings) != 1 || rr.Findings[0].Observed != `shared with "x@partner.test"` {
		t.Fatalf("complete recipients: findings %+v, want the external recipient", rr.Findings)
	}

	// Incomplete recipients and shared_users unreadable: an error and a
	// finding on the GPT, never a pass.
	g.RecipientsIncomplete = true
	g.Recipients = nil
	g.SharedUsers = Unreadable[GPTRecipient]("GET shared_users", errors.New("HTTP 500"))
	withGPT(&snap, g)
	rr = EvaluateRule(snap, rule)
	if len(rr.Errors) == 0 || rr.Passed() {
		t.Fatalf("incomplete recipients, shared_users unreadable: %+v", rr)
	}
}

// The same holds for ChatGPT projects (one sharing model): complete embedded
// recipients are judged without GET …/shared_users.
func TestProjectExternalShareCompleteRecipientsNeedNoSharedUsers(t *testing.T) {
	rule := Rule{CheckID: "chatgpt_project_external_share", Params: projectRuleParams["chatgpt_project_external_share"]}

	snap := Snapshot{Now: testNow}
	projectCase(func(p *ChatGPTProject) {
		p.SharedUsers = Collection[GPTRecipient]{} // not read
		p.Recipients = append(p.Recipients, GPTRecipient{ID: "user-ext", Email: "x@partner.test"})
	})(&snap)
	rr := EvaluateRule(snap, rule)
	if len(rr.Errors) != 0 {
		t.Fatalf("complete recipients: errors %v", rr.Errors)
	}
	if len(rr.Findings) != 1 || rr.Findings[0].Observed != `shared with "x@partner.test"` {
		t.Fatalf("complete recipients: findings %+v, want the external recipient", rr.Findings)
	}
}
