package snapshot

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// conversationsPerPage is the page size the client asks for
// (complianceConversationsLimit, the API's maximum).
const conversationsPerPage = 500

// conversationOrg is an org with n conversations whose last activity is
// spread over two years, served by the simulator.
func conversationOrg(tb testing.TB, n int) (*openaisim.Server, *openai.Client) {
	tb.Helper()
	fx := openaisim.Generate(openaisim.GenParams{Seed: 1, WorkspaceUsers: 50, Conversations: n, MessagesPerConv: 1, ConversationDays: 730})
	sim, err := openaisim.New(fx)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1, MaxRetries: -1,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return sim, client
}

// windowPages is the number of pages a reader of the conversations active
// within the last days days (from the start of now's UTC day) must fetch.
func windowPages(sim *openaisim.Server, now time.Time, days int) (conversations, pages int) {
	since := windowStart(now, days)
	for _, c := range sim.Fixture().Workspace.Conversations {
		last := c.LastActiveAt
		if last.IsZero() && len(c.Messages) > 0 {
			last = c.Messages[len(c.Messages)-1].CreatedAt
		}
		if !last.Resolve(sim.Now()).Before(since) {
			conversations++
		}
	}
	return conversations, max(1, (conversations+conversationsPerPage-1)/conversationsPerPage)
}

// A plan reads conversations from the start of the widest window its checks
// declare, not the whole history: on an org with two years of conversations,
// the requests are the pages of that window (issue 14 item 4: at most 1.05x),
// and every conversation of the window is read.
func TestConversationsReadOnlyTheWindow(t *testing.T) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("OPENAI_TEST_CONVERSATIONS")); err == nil && v > 0 {
		n = v
	}
	sim, client := conversationOrg(t, n)
	now := posture.AsOf(sim.Now())
	baseline := []posture.Rule{
		{CheckID: "user_inactive", Params: posture.Params{"scope": posture.StringValue("workspace")}},
		{CheckID: "dlp_conversation_file", Params: posture.Params{"patterns": posture.ListValue("*.pem")}},
	}
	for _, tc := range []struct {
		name string
		days int
	}{
		{"30-day window", 30},
		{"default baseline window", posture.ConversationWindowDays(baseline)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim.ResetCounts()
			req := posture.DataRequest{Collections: []posture.CollectionID{posture.CollectionConversations}, ConversationDays: tc.days, AsOf: now}
			snap := New(client).Snapshot(context.Background(), req)
			if !snap.Conversations.Loaded {
				t.Fatalf("conversations not loaded: %v", snap.Conversations.Err)
			}
			want, pages := windowPages(sim, now, tc.days)
			got := sim.RequestCount(openai.EndpointComplianceConversations)
			t.Logf("%d of %d conversations in the last %d days: %d requests, %d pages", want, n, tc.days, got, pages)
			if len(snap.Conversations.Items) != want {
				t.Errorf("read %d conversations, want the %d of the window", len(snap.Conversations.Items), want)
			}
			if float64(got) > 1.05*float64(pages) {
				t.Errorf("%d requests for a %d-page window (> 1.05x)", got, pages)
			}
		})
	}
}

// checkRequest is the request one openai_posture_check makes for its own
// rule (the provider evaluates each check on its own through one loader).
func checkRequest(now time.Time, r posture.Rule) posture.DataRequest {
	rules := []posture.Rule{r}
	return posture.DataRequest{Collections: posture.Needs(rules), ConversationDays: posture.ConversationWindowDays(rules), AsOf: now}
}

// inWindow reports which conversations of the fixture a days-day window
// holds, by id.
func inWindow(sim *openaisim.Server, now time.Time, days int) map[string]bool {
	since := windowStart(now, days)
	out := map[string]bool{}
	for _, c := range sim.Fixture().Workspace.Conversations {
		last := c.LastActiveAt
		if last.IsZero() && len(c.Messages) > 0 {
			last = c.Messages[len(c.Messages)-1].CreatedAt
		}
		if !last.Resolve(sim.Now()).Before(since) {
			out[c.ID] = true
		}
	}
	return out
}

func assertHolds(t *testing.T, name string, got posture.Collection[posture.Conversation], want map[string]bool) {
	t.Helper()
	if !got.Loaded {
		t.Fatalf("%s: conversations not loaded: %v", name, got.Err)
	}
	seen := map[string]bool{}
	for _, c := range got.Items {
		seen[c.ID] = true
	}
	for id := range want {
		if !seen[id] {
			t.Fatalf("%s: conversation %s of its window was not read", name, id)
		}
	}
}

// Checks evaluated one by one share conversation reads by coverage: a plan
// whose only conversation check is dlp_conversation_file reads its own 30
// days (not the 91 days user_inactive needs), and a plan with both makes
// one read of the wider window when the wider check asks first or while the
// narrower read runs.
func TestConversationReadsShareByCoverage(t *testing.T) {
	sim, client := conversationOrg(t, 20_000)
	now := posture.AsOf(sim.Now())
	dlp := func(days int64) posture.Rule {
		return posture.Rule{CheckID: "dlp_conversation_file", Params: posture.Params{
			"patterns": posture.ListValue("*.pem"), "lookback_days": posture.IntValue(days)}}
	}
	inactive := posture.Rule{CheckID: "user_inactive", Params: posture.Params{"scope": posture.StringValue("workspace")}}
	wide := posture.ConversationWindowDays([]posture.Rule{inactive})
	_, widePages := windowPages(sim, now, wide)
	_, pages30 := windowPages(sim, now, 30)
	count := func() int { return sim.RequestCount(openai.EndpointComplianceConversations) }

	t.Run("dlp alone reads its own window", func(t *testing.T) {
		sim.ResetCounts()
		snap := New(client).Snapshot(context.Background(), checkRequest(now, dlp(30)))
		assertHolds(t, "dlp", snap.Conversations, inWindow(sim, now, 30))
		if got := count(); got != pages30 {
			t.Errorf("%d requests, want the %d pages of 30 days (the %d-day window has %d)", got, pages30, wide, widePages)
		}
	})

	t.Run("wider check first: one read", func(t *testing.T) {
		sim.ResetCounts()
		l := New(client)
		a := l.Snapshot(context.Background(), checkRequest(now, inactive))
		b := l.Snapshot(context.Background(), checkRequest(now, dlp(30)))
		assertHolds(t, "user_inactive", a.Conversations, inWindow(sim, now, wide))
		assertHolds(t, "dlp", b.Conversations, inWindow(sim, now, 30))
		if got := count(); got != widePages {
			t.Errorf("%d requests, want one read of %d pages", got, widePages)
		}
	})

	t.Run("wider check while the narrower read runs: the narrower joins it", func(t *testing.T) {
		sim.SetLatency(300 * time.Millisecond) // the narrower read runs 1.5 s: time for the wider request to arrive
		t.Cleanup(func() { sim.SetLatency(0) })
		sim.ResetCounts()
		l := New(client)
		narrow := 80 // 5 of the wide window's 6 pages at the default size
		_, narrowPages := windowPages(sim, now, narrow)
		done := make(chan posture.Snapshot)
		go func() { done <- l.Snapshot(context.Background(), checkRequest(now, dlp(int64(narrow)))) }()
		for count() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		a := l.Snapshot(context.Background(), checkRequest(now, inactive))
		b := <-done
		assertHolds(t, "user_inactive", a.Conversations, inWindow(sim, now, wide))
		assertHolds(t, "dlp", b.Conversations, inWindow(sim, now, narrow))
		// The narrower read is abandoned after its first page or two.
		if got := count(); got > widePages+2 {
			t.Errorf("%d requests, want at most one read of %d pages plus the abandoned read's first pages (%d pages if it had run to the end)",
				got, widePages, narrowPages)
		}
	})
}
