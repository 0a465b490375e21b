package snapshot

import (
	"context"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// Conversation reads are shared by coverage, not by exact window: a read of
// the conversations updated since S returns every conversation a read since
// any later S' would, so it serves that narrower window too (each check
// judges only its own window). Terraform evaluates each openai_posture_check
// on its own, so the loader cannot know a plan's widest window up front;
// instead:
//
//   - a request is served by a finished or running read whose window covers
//     its own (the whole history covers every window);
//   - a request for a wider window than every running read starts its own,
//     and the narrower reads still running are abandoned (cancelled): their
//     callers wait for the wider read instead, so checks planned at the same
//     time share one read of the widest window;
//   - a wider request arriving after a narrower read finished reads again
//     (the API has no upper bound on the update time, so the wider read
//     repeats the narrower window's pages).
//
// A plan whose only conversation check looks back 30 days therefore reads 30
// days, not the widest window of the catalog.

// conversationRead is one read of the conversations updated since since (the
// whole history when since is zero).
type conversationRead struct {
	since  time.Time
	cancel context.CancelFunc
	done   chan struct{} // closed when the read ended or was superseded

	// Guarded by Loader.mu.
	finished   bool
	superseded bool // abandoned for a wider read: callers look again
	items      []openai.Conversation
	err        error
}

// covers reports whether r returns every conversation a read since since
// would.
func (r *conversationRead) covers(since time.Time) bool {
	return r.since.IsZero() || (!since.IsZero() && !r.since.After(since))
}

// conversationList reads the conversations last updated at or after since
// (the whole history when since is zero), sharing any read of this process
// whose window covers it.
func (l *Loader) conversationList(ctx context.Context, since time.Time) ([]openai.Conversation, error) {
	fetch := func(ctx context.Context) ([]openai.Conversation, error) {
		filter := openai.ConversationFilter{}
		if !since.IsZero() {
			filter.Since = &since
		}
		return l.client.ListConversations(ctx, filter)
	}
	if l.opts.DisableCache {
		return fetch(ctx)
	}
	// Bounded: each pass either returns or follows a supersession to a
	// strictly wider read, and there are finitely many windows.
	for {
		r := l.conversationReadFor(ctx, since, fetch)
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		l.mu.Lock()
		superseded, items, err := r.superseded, r.items, r.err
		l.mu.Unlock()
		if !superseded {
			return items, err
		}
	}
}

// conversationReadFor returns a read covering since: a finished one first
// (no wait), else a running one, else a new one, which supersedes the
// narrower reads still running.
func (l *Loader) conversationReadFor(ctx context.Context, since time.Time, fetch func(context.Context) ([]openai.Conversation, error)) *conversationRead {
	l.mu.Lock()
	defer l.mu.Unlock()
	var running *conversationRead
	for _, r := range l.convReads {
		if r.superseded || !r.covers(since) {
			continue
		}
		if r.finished {
			return r
		}
		running = r
	}
	if running != nil {
		return running
	}
	// Detached from the first caller's cancellation, as load does: one
	// check giving up does not fail the others waiting on the read.
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	r := &conversationRead{since: since, cancel: cancel, done: make(chan struct{})}
	for _, o := range l.convReads {
		if !o.finished && !o.superseded && r.covers(o.since) {
			o.superseded = true
			o.cancel()
			close(o.done)
		}
	}
	l.convReads = append(l.convReads, r)
	go func() {
		items, err := fetch(rctx)
		l.mu.Lock()
		defer l.mu.Unlock()
		cancel()
		if r.superseded {
			return // done already closed; callers moved to the wider read
		}
		r.finished, r.items, r.err = true, items, err
		close(r.done)
	}()
	return r
}
