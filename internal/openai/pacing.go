package openai

import (
	"context"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is the part of *rate.Limiter a fixed-rate pacer needs; tests
// substitute a recording fake.
type limiter interface {
	Wait(ctx context.Context) error
}

// clock is the pacer's time source; tests inject a fake one so the adaptive
// behaviour can be checked without sleeping.
type clock struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

var realClock = clock{now: time.Now, sleep: sleepCtx}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pacer spaces requests per endpoint key (method + path template). Both APIs
// limit per endpoint per key, so one pace per endpoint key lets independent
// collections load in parallel while each endpoint stays under its limit.
//
// A positive per-minute rate is a fixed pace (a rate.Limiter). Zero selects
// the adaptive pace (aimd.go): no pacing until the server first answers 429,
// then a rate learned from that answer, cut on each further 429 and raised
// after each success. The Admin API documents 429 but neither its limits nor
// whether they apply to an endpoint template or to each concrete path, so a
// 429 on a path that has already been served is charged to that path alone,
// and one on a path never served yet to the whole template (pacing_scope.go).
// A negative rate disables pacing; server-requested waits still apply.
//
// When a 429 names a wait, or rate-limit headers say nothing is left, the
// paced scope is held back until then, so concurrent callers do not each burn
// a retry on it.
type pacer struct {
	mu         sync.Mutex
	clock      clock
	templates  map[string]*pace
	paths      map[string]*pathPace
	newLimiter func(key string, perMinute float64) limiter
}

// pace is the state of one paced scope: a template, or one concrete path.
type pace struct {
	fixed        limiter // fixed rate; nil when adaptive or unpaced
	adaptive     *aimd   // adaptive rate; nil when fixed or unpaced
	blockedUntil time.Time
}

func newPacer(newLimiter func(key string, perMinute float64) limiter, clk clock) *pacer {
	if newLimiter == nil {
		newLimiter = defaultLimiter
	}
	if clk.now == nil {
		clk = realClock
	}
	return &pacer{
		clock:      clk,
		templates:  map[string]*pace{},
		paths:      map[string]*pathPace{},
		newLimiter: newLimiter,
	}
}

// defaultLimiter is the fixed pace: a burst of a fifth of the per-minute rate
// (at least one), then one request every 60/perMinute seconds.
func defaultLimiter(key string, perMinute float64) limiter {
	if perMinute < 0 || math.IsInf(perMinute, 1) {
		return rate.NewLimiter(rate.Inf, 1)
	}
	burst := int(perMinute / 5)
	if _, capped := endpointCeilings[key]; capped || burst < 1 {
		// An endpoint with a documented limit gets no burst: at most its
		// rate in any minute, whatever the server's bucket looks like.
		burst = 1
	}
	return rate.NewLimiter(rate.Limit(perMinute/60), burst)
}

// template returns the pace of endpoint key, creating it for perMinute.
// Callers hold p.mu.
func (p *pacer) template(key string, perMinute float64) *pace {
	t, ok := p.templates[key]
	if !ok {
		t = &pace{}
		// An endpoint with a documented limit (endpointCeilings) is paced at
		// most at it: a fixed rate above it is lowered to it, and the
		// adaptive pace starts at it (rather than unpaced) and never probes
		// past it. A negative rate (pacing off) stays off.
		ceiling, capped := endpointCeilings[key]
		switch {
		case perMinute > 0:
			if capped {
				perMinute = min(perMinute, ceiling)
			}
			t.fixed = p.newLimiter(key, perMinute)
		case perMinute == 0 && capped:
			t.adaptive = newCappedAIMD(ceiling / 60)
		case perMinute == 0:
			t.adaptive = newAIMD()
		}
		p.templates[key] = t
	}
	return t
}

// wait blocks until a request to path (of endpoint key) may start, or ctx
// ends. A hold placed while waiting sends the caller round again, a bounded
// number of times.
func (p *pacer) wait(ctx context.Context, key, path string, perMinute float64) error {
	for round := 0; ; round++ {
		p.mu.Lock()
		t := p.template(key, perMinute)
		pp := p.paths[pathScope(key, path)]
		until := t.blockedUntil
		if pp != nil && pp.blockedUntil.After(until) {
			until = pp.blockedUntil
		}
		p.mu.Unlock()

		if err := p.clock.sleep(ctx, until.Sub(p.clock.now())); err != nil {
			return err
		}
		if err := p.take(ctx, t); err != nil {
			return err
		}
		if pp != nil {
			if err := p.take(ctx, &pp.pace); err != nil {
				return err
			}
		}
		if round >= 3 || !p.heldBack(t, pp) {
			return ctx.Err()
		}
	}
}

// heldBack reports whether a hold on t or pp is still in force.
func (p *pacer) heldBack(t *pace, pp *pathPace) bool {
	now := p.clock.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	return t.blockedUntil.After(now) || (pp != nil && pp.blockedUntil.After(now))
}

// take waits for one slot of pc's rate.
func (p *pacer) take(ctx context.Context, pc *pace) error {
	switch {
	case pc.fixed != nil:
		return pc.fixed.Wait(ctx)
	case pc.adaptive != nil:
		p.mu.Lock()
		now := p.clock.now()
		r := pc.adaptive.lim.ReserveN(now, 1)
		p.mu.Unlock()
		if !r.OK() {
			return nil // burst 0 cannot happen; never block forever
		}
		if err := p.clock.sleep(ctx, r.DelayFrom(now)); err != nil {
			p.mu.Lock()
			r.CancelAt(p.clock.now())
			p.mu.Unlock()
			return err
		}
	}
	return ctx.Err()
}

// block holds back the scope a 429 on path (of endpoint key) is charged to
// for d, the wait between attempts computed from the server's answer.
func (p *pacer) block(key, path string, d time.Duration) {
	if d <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.templates[key]; t != nil {
		p.chargeTo(t, pathScope(key, path)).hold(p.clock.now().Add(d))
	}
}

// chargeTo is the scope a 429 on scope (a concrete path of template t) is
// charged to: the path when the template is adaptive and the path has been
// served before (so its limit is not the template's), else the template.
// Callers hold p.mu.
func (p *pacer) chargeTo(t *pace, scope string) *pace {
	if t.adaptive == nil || scope == "" {
		return t
	}
	pp := p.paths[scope]
	if pp == nil || pp.served == 0 {
		return t
	}
	if pp.adaptive == nil {
		pp.adaptive = newAIMD()
	}
	return &pp.pace
}

func (pc *pace) hold(until time.Time) {
	if until.After(pc.blockedUntil) {
		pc.blockedUntil = until
	}
}

// observe feeds one response to the pacer: a 429 slows the scope it is
// charged to (the hold for the server's wait is placed by block, once the
// retry policy has capped it); a success lets an adaptive
// rate recover; rate-limit headers saying nothing is left hold the scope
// until their reset. sent is when the request left, so a 429 answering a
// request sent before the last cut does not cut again.
func (p *pacer) observe(key, path string, sent time.Time, resp *http.Response) {
	if resp == nil {
		return
	}
	now := p.clock.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.templates[key]
	if t == nil {
		return
	}
	scope := pathScope(key, path)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if target := p.chargeTo(t, scope); target.adaptive != nil {
			wait, told := serverRetryDelay(resp, now)
			target.adaptive.limited(now, sent, wait, told)
		}
	case resp.StatusCode >= 200 && resp.StatusCode < 400:
		// A 3xx was served too: the file endpoints answer 307 with the
		// download URL, and that is their success.
		if t.adaptive != nil {
			t.adaptive.served(now)
			if scope != "" {
				pp := p.paths[scope]
				if pp == nil {
					pp = &pathPace{}
					p.paths[scope] = pp
				}
				pp.served++
				if pp.adaptive != nil {
					pp.adaptive.served(now)
				}
			}
		}
	}
	if until, ok := exhaustedUntil(resp.Header, now); ok {
		t.hold(until)
	}
}

// pathScope is the key of a concrete path's own pace, or "" when the endpoint
// has no path parameters (then the template is the path).
func pathScope(key, path string) string {
	if path == "" || !strings.Contains(key, "{") {
		return ""
	}
	method, _, _ := strings.Cut(key, " ")
	return method + " " + path
}

// pathPace is a concrete path's pace: how many of its requests were served,
// and, once a 429 was charged to the path, its own adaptive rate.
type pathPace struct {
	pace
	served int
}
