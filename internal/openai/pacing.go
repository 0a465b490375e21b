package openai

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is the part of *rate.Limiter the pacer needs; tests substitute a
// recording fake.
type limiter interface {
	Wait(ctx context.Context) error
}

// pacer spaces requests per endpoint key. Both APIs limit per endpoint per
// key (the Compliance API documents 50/min for lists), so one limiter per
// endpoint key lets independent collections load in parallel while each
// endpoint stays under its limit. When a 429 names a wait, the whole endpoint
// key is held back, so concurrent callers do not each burn a retry on it.
type pacer struct {
	mu           sync.Mutex
	limiters     map[string]limiter
	blockedUntil map[string]time.Time
	newLimiter   func(key string, perMinute float64) limiter
}

func newPacer(newLimiter func(key string, perMinute float64) limiter) *pacer {
	if newLimiter == nil {
		newLimiter = defaultLimiter
	}
	return &pacer{
		limiters:     map[string]limiter{},
		blockedUntil: map[string]time.Time{},
		newLimiter:   newLimiter,
	}
}

// defaultLimiter allows a burst of a fifth of the per-minute rate (at least
// one), then one request every 60/perMinute seconds.
func defaultLimiter(_ string, perMinute float64) limiter {
	if perMinute < 0 || math.IsInf(perMinute, 1) {
		return rate.NewLimiter(rate.Inf, 1)
	}
	burst := int(perMinute / 5)
	if burst < 1 {
		burst = 1
	}
	return rate.NewLimiter(rate.Limit(perMinute/60), burst)
}

// wait blocks until a request to key may start, or ctx ends.
func (p *pacer) wait(ctx context.Context, key string, perMinute float64) error {
	p.mu.Lock()
	l, ok := p.limiters[key]
	if !ok {
		l = p.newLimiter(key, perMinute)
		p.limiters[key] = l
	}
	until := p.blockedUntil[key]
	p.mu.Unlock()

	if d := time.Until(until); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	return l.Wait(ctx)
}

// block holds back every request to key for d (a server-requested wait).
func (p *pacer) block(key string, d time.Duration) {
	if d <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	until := time.Now().Add(d)
	if until.After(p.blockedUntil[key]) {
		p.blockedUntil[key] = until
	}
}
