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
