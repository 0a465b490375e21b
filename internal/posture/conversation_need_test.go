package posture

import (
	"testing"
)

func TestConversationWindowDays(t *testing.T) {
	dlp := func(p Params) Rule {
		if p == nil {
			p = Params{}
		}
		p["patterns"] = ListValue("*.pem")
		return Rule{CheckID: "dlp_conversation_file", Params: p}
	}
	inactive := func(p Params) Rule { return Rule{CheckID: "user_inactive", Params: p} }
	shared := 90 + 1 // user_inactive's default max_inactive_days, plus the partial day
	cases := []struct {
		name  string
		rules []Rule
		want  int
	}{
		{"no conversation reader", []Rule{{CheckID: "admin_key_rotation"}}, 0},
		{"org-scoped user_inactive reads no conversations", []Rule{inactive(Params{"scope": StringValue("org")})}, 0},
		{"default baseline shares one window", []Rule{inactive(nil), dlp(nil)}, shared},
		// No floor: a plan whose only conversation check looks back 30 days
		// reads 30 days (checks evaluated one by one share reads in the
		// loader, where a wider read covers a narrower window).
		{"dlp alone reads its own 30 days", []Rule{dlp(nil)}, 30},
		{"dlp with a shorter lookback", []Rule{dlp(Params{"lookback_days": IntValue(7)})}, 7},
		{"user_inactive alone", []Rule{inactive(nil)}, shared},
		{"a wider lookback widens the read", []Rule{inactive(nil), dlp(Params{"lookback_days": IntValue(400)})}, 400},
		{"a wider inactivity window widens the read", []Rule{inactive(Params{"max_inactive_days": IntValue(180)}), dlp(nil)}, 181},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ConversationWindowDays(tc.rules); got != tc.want {
				t.Errorf("ConversationWindowDays = %d, want %d", got, tc.want)
			}
			sel := Selection{Rules: tc.rules, Now: testNow}
			if got := sel.Request().ConversationDays; got != tc.want {
				t.Errorf("Request().ConversationDays = %d, want %d", got, tc.want)
			}
		})
	}
}

// dlp_conversation_file judges conversations active within its own
// lookback_days, whatever wider window the read covered; a conversation
// without last_active_at is judged.
func TestDlpConversationFileLookback(t *testing.T) {
	snap := emptySnapshot()
	snap.Conversations = Loaded(
		Conversation{ID: "c-recent", LastActiveAt: ago(10), Files: []string{"recent.pem"}},
		Conversation{ID: "c-old", LastActiveAt: ago(45), Files: []string{"old.pem"}},
		Conversation{ID: "c-undated", Files: []string{"undated.pem"}},
	)
	flagged := func(p Params) map[string]bool {
		p["patterns"] = ListValue("*.pem")
		rr := EvaluateRule(snap, Rule{CheckID: "dlp_conversation_file", Params: p})
		if len(rr.Errors) > 0 {
			t.Fatal(rr.Errors)
		}
		out := map[string]bool{}
		for _, f := range rr.Findings {
			out[f.SubjectID] = true
		}
		return out
	}
	if got := flagged(Params{}); !got["c-recent"] || got["c-old"] || !got["c-undated"] {
		t.Errorf("default lookback (30 days): flagged %v, want c-recent and c-undated", got)
	}
	if got := flagged(Params{"lookback_days": IntValue(60)}); !got["c-recent"] || !got["c-old"] || !got["c-undated"] {
		t.Errorf("lookback 60 days: flagged %v, want all three", got)
	}
}
