// Package snapshot is the one place the provider reads OpenAI through: a
// per-provider-process cache in front of internal/openai that fetches each
// collection at most once, however many data sources and checks in a plan ask
// for it, and makes concurrent callers wait for the same fetch.
//
// Failures are cached too. A plan is a short-lived process and the client has
// already retried; asking again for every block would multiply the wait and
// the load on a struggling API while giving the same answer.
package snapshot

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// Loader caches whole collections read through one client.
type Loader struct {
	client *openai.Client
	opts   Options // zero unless NewWithOptions (loader_options.go)

	flight singleflight.Group
	mu     sync.Mutex
	done   map[string]result

	convReads []*conversationRead // conversation_reads.go; guarded by mu
}

type result struct {
	value any
	err   error
}

// New returns a Loader reading through client.
func New(client *openai.Client) *Loader {
	return &Loader{client: client, done: map[string]result{}}
}

// load returns the cached value for key, or runs fetch once for all callers.
// The fetch runs on a context detached from the first caller's cancellation,
// so one data source giving up does not fail the others waiting on it; each
// caller still stops waiting when its own context ends.
func load[T any](ctx context.Context, l *Loader, key string, fetch func(context.Context) (T, error)) (T, error) {
	if l.opts.DisableCache {
		return fetch(ctx)
	}
	l.mu.Lock()
	if r, ok := l.done[key]; ok {
		l.mu.Unlock()
		return cachedAs[T](key, r.value, r.err)
	}
	l.mu.Unlock()

	ch := l.flight.DoChan(key, func() (any, error) {
		// A fetch for key may have finished between the cache check above
		// and joining the flight; it must not run twice.
		l.mu.Lock()
		if r, ok := l.done[key]; ok {
			l.mu.Unlock()
			return r.value, r.err
		}
		l.mu.Unlock()
		v, err := fetch(context.WithoutCancel(ctx))
		l.mu.Lock()
		l.done[key] = result{value: v, err: err}
		l.mu.Unlock()
		return v, err
	})
	select {
	case r := <-ch:
		return cachedAs[T](key, r.Val, r.Err)
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// cachedAs returns a cached or shared value as the type its caller reads.
// Two reads sharing one key with different types is a programming error;
// it becomes that read's error (failing closed), never a panic.
func cachedAs[T any](key string, v any, err error) (T, error) {
	t, ok := v.(T)
	if !ok {
		var zero T
		return zero, fmt.Errorf("snapshot cache: %s holds a %T, not the %T this read expects", key, v, zero)
	}
	return t, err
}
