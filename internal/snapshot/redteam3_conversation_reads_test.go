package snapshot

import (
	"context"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// Red-team round 3: a narrower conversation read cancelled by a wider one
// must not leak its partial list or its cancellation error to a check, and a
// later narrow request is served by the wider read. (Held on the reviewed
// code.)
func TestRedTeam3SupersededNarrowReadLeaksNothing(t *testing.T) {
	l := New(nil)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	narrow, wide := now.AddDate(0, 0, -10), now.AddDate(0, 0, -90)
	narrowStarted, narrowReturned := make(chan struct{}), make(chan struct{})
	narrowFetch := func(ctx context.Context) ([]openai.Conversation, error) {
		close(narrowStarted)
		<-ctx.Done()
		defer close(narrowReturned)
		// A client giving back what it had read when cancelled.
		return []openai.Conversation{{ID: "partial"}}, ctx.Err()
	}
	release := make(chan struct{})
	wideFetch := func(ctx context.Context) ([]openai.Conversation, error) {
		<-release
		return []openai.Conversation{{ID: "partial"}, {ID: "c-2"}, {ID: "c-old"}}, nil
	}
	ctx := context.Background()
	r1 := l.conversationReadFor(ctx, narrow, narrowFetch)
	<-narrowStarted
	r2 := l.conversationReadFor(ctx, wide, wideFetch)
	if r1 == r2 {
		t.Fatal("a wider request was served by a narrower read")
	}
	<-r1.done
	<-narrowReturned
	// Give the narrow read's goroutine the lock after its fetch returned.
	time.Sleep(20 * time.Millisecond)
	l.mu.Lock()
	sup, items, err := r1.superseded, r1.items, r1.err
	l.mu.Unlock()
	if !sup || items != nil || err != nil {
		t.Fatalf("superseded read leaks: superseded %v items %v err %v", sup, items, err)
	}
	// A narrow request now joins the wide read, never the abandoned one.
	if r3 := l.conversationReadFor(ctx, narrow, narrowFetch); r3 != r2 {
		t.Fatal("a narrow request after supersession is not served by the wider read")
	}
	close(release)
	<-r2.done
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(r2.items) != 3 || r2.err != nil {
		t.Fatalf("wide read: items %v err %v", r2.items, r2.err)
	}
}
