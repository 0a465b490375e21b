package posture

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Red-team round 3 (issue 11): personal data in names reaching findings.
// File names are redacted (redactUntrustedName); a conversation's title is
// the finding's subject name as sent. ChatGPT titles a conversation from
// its first message ("Refund for card 4111 1111 1111 1111"), so the card
// number the content check redacts in the file reaches the DLP finding's
// subject name (and state and every report) whole.
func TestRedTeam3PIIInConversationTitle(t *testing.T) {
	const card = "4111 1111 1111 1111"
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	active := now.Add(-24 * time.Hour)
	snap := Snapshot{Now: now}
	snap.Conversations = Loaded(Conversation{ID: "conv-1", Title: "Refund for card " + card, UserID: "user-a", UserEmail: "a@example.com", LastActiveAt: &active, Files: []string{"Prod.PEM"}})
	res := EvaluateRule(snap, Rule{CheckID: "dlp_conversation_file", Params: Params{"patterns": ListValue("*.pem")}})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if len(res.Findings) == 0 {
		t.Fatal("control: no finding for the .pem file")
	}
	var b strings.Builder
	for _, x := range res.Findings {
		fmt.Fprintf(&b, "%s|%s|%s|%s\n", x.SubjectID, x.SubjectName, x.SubKey, x.Observed)
	}
	if strings.Contains(b.String(), card) {
		t.Fatalf("a card number in a conversation title reaches the DLP finding's subject name whole: %q", b.String())
	}
}
