package posture

import (
	"fmt"
	"sort"
	"testing"
	"time"
)

// Red-team attacks on the conversation windows (issue 14 item 4): can a check
// be judged on a narrower window than it needs, making a wrong pass? The
// loader reads conversations updated at or after windowStart(asOf,
// Request().ConversationDays) (0: the whole history); here the read is
// simulated by that same filter, and each rule's findings on the read must
// be exactly its findings on the whole history.

// conversationHistory is a workspace whose users were last active on a
// spread of days (0..400 days before the as-of day), each conversation with a
// sensitive file, plus one conversation without last_active_at.
func conversationHistory() Snapshot {
	s := emptySnapshot()
	var users []WorkspaceUser
	var convs []Conversation
	for i, d := range []int{0, 1, 29, 30, 31, 89, 90, 91, 92, 179, 180, 181, 364, 365, 366, 400} {
		uid := fmt.Sprintf("user-%02d", i)
		users = append(users, WorkspaceUser{ID: uid, Email: uid + "@example.com", Role: "standard-user", Status: "active", CreatedAt: ago(900)})
		last := asOfDay().AddDate(0, 0, -d)
		convs = append(convs, Conversation{ID: fmt.Sprintf("c-%03d", d), UserID: uid, LastActiveAt: &last, Files: []string{fmt.Sprintf("day%03d.pem", d)}})
		// And a second, later-in-the-day conversation of the same day.
		later := last.Add(23 * time.Hour)
		convs = append(convs, Conversation{ID: fmt.Sprintf("c-%03d-late", d), UserID: uid, LastActiveAt: &later, Files: []string{fmt.Sprintf("day%03d-late.pem", d)}})
	}
	convs = append(convs, Conversation{ID: "c-undated", UserID: "user-00", Files: []string{"undated.pem"}})
	s.WorkspaceUsers = Loaded(users...)
	s.Conversations = Loaded(convs...)
	return s
}

func asOfDay() time.Time { return AsOf(testNow) }

// readWindow is what the loader's read returns for a request: conversations
// updated at or after the window start (update time taken as last activity;
// an undated conversation is returned).
func readWindow(full Snapshot, days int) Snapshot {
	if days == 0 {
		return full
	}
	start := conversationWindowStart(AsOf(testNow), int64(days))
	var kept []Conversation
	for _, c := range full.Conversations.Items {
		if c.LastActiveAt == nil || !c.LastActiveAt.Before(start) {
			kept = append(kept, c)
		}
	}
	out := full
	out.Conversations = Loaded(kept...)
	return out
}

func fingerprints(rr RuleResult) []string {
	var out []string
	for _, f := range rr.Unwaived() {
		out = append(out, Fingerprint(rr.CheckID, f.SubjectID, f.SubKey))
	}
	sort.Strings(out)
	return out
}

func TestRedTeamConversationWindowNeverNarrowerThanNeeded(t *testing.T) {
	pem := func(lookback int64) Rule {
		p := Params{"patterns": ListValue("*.pem")}
		if lookback > 0 {
			p["lookback_days"] = IntValue(lookback)
		}
		return Rule{CheckID: "dlp_conversation_file", Params: p}
	}
	inactive := func(days int64, scope string) Rule {
		p := Params{}
		if days > 0 {
			p["max_inactive_days"] = IntValue(days)
		}
		if scope != "" {
			p["scope"] = StringValue(scope)
		}
		return Rule{CheckID: "user_inactive", Params: p}
	}
	plans := [][]Rule{
		{pem(0)}, {pem(1)}, {pem(365)}, {inactive(365, "workspace")}, {inactive(1, "workspace")},
		{inactive(365, "WORKSPACE")}, {inactive(180, "Workspace"), pem(30)},
		{inactive(30, "workspace"), pem(365)}, {inactive(365, "all"), pem(1)},
		{inactive(0, "org"), pem(200)}, {inactive(0, "ORG"), pem(364)},
	}
	full := conversationHistory()
	// The harness can fail: a read narrower than the rule's window loses
	// findings of both checks.
	for _, r := range []Rule{pem(365), inactive(365, "workspace")} {
		if fmt.Sprint(fingerprints(EvaluateRule(readWindow(full, 30), r))) == fmt.Sprint(fingerprints(EvaluateRule(full, r))) {
			t.Fatalf("%s: a 30-day read judges like the whole history; the harness cannot see a narrow window", r.CheckID)
		}
	}
	for _, plan := range plans {
		var valid []Rule
		for _, r := range plan {
			if _, errs := ValidateRule(r); len(errs) == 0 {
				valid = append(valid, r)
			}
		}
		if len(valid) == 0 {
			continue
		}
		// The plan's one read (a data source evaluates them together) and
		// each rule's own read (each openai_posture_check on its own).
		reads := map[string]int{"plan": ConversationWindowDays(valid)}
		for _, r := range valid {
			reads[r.CheckID] = ConversationWindowDays([]Rule{r})
		}
		for _, r := range valid {
			want := fingerprints(EvaluateRule(full, r))
			for which, days := range reads {
				if which != "plan" && which != r.CheckID {
					continue
				}
				got := fingerprints(EvaluateRule(readWindow(full, days), r))
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s %v judged on a %d-day read (%s): findings %v, on the whole history %v", r.CheckID, r.Params, days, which, got, want)
				}
			}
		}
	}
}

// The DLP content checks read conversation files over their lookback_days:
// the list window must cover it, whatever other rules share the read.
func TestRedTeamContentConversationWindowCoversLookback(t *testing.T) {
	for _, lookback := range []int64{1, 30, 90, 91, 92, 365} {
		r := Rule{CheckID: "dlp_conversation_file_content", Params: Params{"lookback_days": IntValue(lookback)}}
		if _, errs := ValidateRule(r); len(errs) > 0 {
			t.Fatalf("lookback %d: %v", lookback, errs)
		}
		for _, other := range [][]Rule{nil, {{CheckID: "user_inactive"}}, {{CheckID: "dlp_conversation_file", Params: Params{"patterns": ListValue("*.pem"), "lookback_days": IntValue(1)}}}} {
			rules := append([]Rule{r}, other...)
			need := ContentNeeds(rules)
			if need.ConversationDays < int(lookback) {
				t.Errorf("lookback %d with %d other rules: content needs %d days", lookback, len(other), need.ConversationDays)
			}
			if d := ConversationReadDays(need.ConversationDays); d != 0 && d < int(lookback) {
				t.Errorf("lookback %d: list read covers %d days", lookback, d)
			}
		}
	}
}
