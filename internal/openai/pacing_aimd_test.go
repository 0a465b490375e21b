package openai

import (
	"context"
	"math"
	"net/http"
	"testing"
	"time"
)

// fakeClock is a deterministic clock: sleeping advances it.
type fakeClock struct {
	t      time.Time
	slept  []time.Duration
	clock0 time.Time
}

func newFakeClock() *fakeClock {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return &fakeClock{t: t0, clock0: t0}
}

func (f *fakeClock) clock() clock {
	return clock{
		now: func() time.Time { return f.t },
		sleep: func(ctx context.Context, d time.Duration) error {
			if d > 0 {
				f.slept = append(f.slept, d)
				f.t = f.t.Add(d)
			}
			return ctx.Err()
		},
	}
}

func (f *fakeClock) advance(d time.Duration) { f.t = f.t.Add(d) }
func (f *fakeClock) elapsed() time.Duration  { return f.t.Sub(f.clock0) }

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestAIMDLearnsCutsAndRecovers(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAIMD()
	if !math.IsInf(a.perSecond(), 1) {
		t.Fatalf("starts at %v, want unlimited", a.perSecond())
	}
	a.served(now) // successes before any 429 change nothing
	if !math.IsInf(a.perSecond(), 1) {
		t.Fatal("a success set a rate")
	}
	// First 429: the limit is one request per Retry-After (a 10/min bucket
	// answers 6 s).
	a.limited(now, now, 6*time.Second, true)
	learned := 1.0 / 6
	if !near(a.perSecond(), learned) {
		t.Fatalf("learned %v, want %v", a.perSecond(), learned)
	}
	// A 429 for a request sent before that cut carries no news.
	a.limited(now.Add(time.Second), now.Add(-time.Millisecond), 6*time.Second, true)
	if !near(a.perSecond(), learned) {
		t.Fatalf("stale 429 cut to %v", a.perSecond())
	}
	// A fresh 429 cuts multiplicatively.
	t1 := now.Add(10 * time.Second)
	a.limited(t1, t1, 6*time.Second, true)
	before := a.perSecond()
	want := learned * aimdDecrease
	// (the learned rate had not grown: no successes since)
	if !near(before, want) {
		t.Fatalf("cut to %v, want %v", before, want)
	}
	// aimdRecover successes climb back additively to the rate before the cut.
	for i := 1; i <= aimdRecover; i++ {
		a.served(t1)
		step := (learned - want) / aimdRecover
		if got := a.perSecond(); !near(got, want+float64(i)*step) {
			t.Fatalf("after %d successes %v, want %v", i, got, want+float64(i)*step)
		}
	}
	if !near(a.perSecond(), learned) {
		t.Fatalf("recovered to %v, want %v", a.perSecond(), learned)
	}
	// Past the ceiling it probes more slowly.
	a.served(t1)
	if got, slow := a.perSecond()-learned, (learned-want)/aimdRecover/10; !near(got, slow) {
		t.Fatalf("probe step %v, want %v", got, slow)
	}
}

func TestAIMDUntoldAndFloor(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAIMD()
	a.limited(now, now, 0, false)
	if !near(a.perSecond(), aimdUntoldPerSecond) {
		t.Fatalf("untold first 429 set %v", a.perSecond())
	}
	for i := 1; i <= 200; i++ {
		ts := now.Add(time.Duration(i) * time.Second)
		a.limited(ts, ts, 0, false)
	}
	if !near(a.perSecond(), aimdMinPerSecond) {
		t.Fatalf("200 cuts reached %v, want the floor %v", a.perSecond(), aimdMinPerSecond)
	}
	b := newAIMD()
	b.limited(now, now, time.Microsecond, true)
	if !near(b.perSecond(), aimdMaxPerSecond) {
		t.Fatalf("tiny Retry-After learned %v, want the cap", b.perSecond())
	}
}

func resp429(retryAfter string) *http.Response {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &http.Response{StatusCode: http.StatusTooManyRequests, Header: h}
}

var resp200 = &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}

// The adaptive pacer on a fake clock against a server allowing a burst of 10
// and then one request every 6 s: unpaced until the 429, then spaced at the
// server's interval, with no further 429 while the rate stays under it.
func TestPacerAdaptiveFollowsServer(t *testing.T) {
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	ctx := context.Background()
	const key = EndpointUsers
	for i := 0; i < 10; i++ {
		if err := p.wait(ctx, key, "/organization/users", 0); err != nil {
			t.Fatal(err)
		}
		p.observe(key, "/organization/users", fc.t, resp200)
	}
	if fc.elapsed() != 0 {
		t.Fatalf("burst waited %v", fc.elapsed())
	}
	// The 11th is refused with Retry-After 6: the pacer learns 1/6 s and
	// holds the endpoint for 6 s.
	if err := p.wait(ctx, key, "/organization/users", 0); err != nil {
		t.Fatal(err)
	}
	p.observe(key, "/organization/users", fc.t, resp429("6"))
	p.block(key, "/organization/users", 6*time.Second)
	start := fc.t
	for i := 0; i < 5; i++ {
		if err := p.wait(ctx, key, "/organization/users", 0); err != nil {
			t.Fatal(err)
		}
		p.observe(key, "/organization/users", fc.t, resp200)
	}
	// Hold of 6 s, then one immediately (the limiter's single token), then
	// about 6 s apart (a little less as the rate recovers).
	got := fc.t.Sub(start)
	if got < 6*time.Second+4*5800*time.Millisecond || got > 6*time.Second+4*6*time.Second {
		t.Fatalf("5 requests after the 429 took %v (slept %v)", got, fc.slept)
	}
}

func TestPacerChargesPathOrTemplate(t *testing.T) {
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	ctx := context.Background()
	const key = EndpointProjectAPIKeys
	pathA := "/organization/projects/proj_a/api_keys"
	pathB := "/organization/projects/proj_b/api_keys"
	if err := p.wait(ctx, key, pathA, 0); err != nil {
		t.Fatal(err)
	}
	p.observe(key, pathA, fc.t, resp200)
	// A 429 on a path already served is that path's limit: the template
	// stays unpaced, the path learns a rate and is held.
	p.observe(key, pathA, fc.t, resp429("1"))
	p.block(key, pathA, time.Second)
	tmpl := p.templates[key]
	pa := p.paths[pathScope(key, pathA)]
	if !math.IsInf(tmpl.adaptive.perSecond(), 1) || pa.adaptive == nil || !near(pa.adaptive.perSecond(), 1) {
		t.Fatalf("template %v, path %+v", tmpl.adaptive.perSecond(), pa)
	}
	if err := p.wait(ctx, key, pathB, 0); err != nil {
		t.Fatal(err)
	}
	if fc.elapsed() != 0 {
		t.Fatalf("another path waited %v for path A's limit", fc.elapsed())
	}
	// A 429 on a path never served is the template's limit.
	p.observe(key, pathB, fc.t, resp429("6"))
	p.block(key, pathB, 6*time.Second)
	if !near(tmpl.adaptive.perSecond(), 1.0/6) {
		t.Fatalf("template learned %v", tmpl.adaptive.perSecond())
	}
	if err := p.wait(ctx, key, "/organization/projects/proj_c/api_keys", 0); err != nil {
		t.Fatal(err)
	}
	if fc.elapsed() != 6*time.Second {
		t.Fatalf("a third path waited %v, want the template's 6s hold", fc.elapsed())
	}
}

// A fixed pace is a rate.Limiter at that rate whatever the server says; a
// negative one is unpaced.
func TestPacerFixedAndOff(t *testing.T) {
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	p.mu.Lock()
	fixed := p.template(EndpointUsers, 10)
	off := p.template(EndpointInvites, -1)
	adaptive := p.template(EndpointProjects, 0)
	p.mu.Unlock()
	if fixed.fixed == nil || fixed.adaptive != nil || off.fixed != nil || off.adaptive != nil || adaptive.adaptive == nil {
		t.Fatalf("fixed %+v off %+v adaptive %+v", fixed, off, adaptive)
	}
	p.observe(EndpointUsers, "/organization/users", fc.t, resp429("6"))
	if fixed.adaptive != nil {
		t.Fatal("a 429 made a fixed pace adaptive")
	}
}

func TestExhaustedUntil(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	cases := []struct {
		name string
		h    http.Header
		want time.Duration // -1: no hold
	}{
		{"none", h(), -1},
		{"remaining left", h("x-ratelimit-remaining-requests", "3", "x-ratelimit-reset-requests", "6s"), -1},
		{"go duration", h("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s"), maxHeaderHold},
		{"ms duration", h("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20ms"), 20 * time.Millisecond},
		{"seconds", h("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1.5"), 1500 * time.Millisecond},
		{"unix time", h("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1800000004"), 4 * time.Second},
		{"no reset", h("x-ratelimit-remaining", "0"), -1},
		{"garbage", h("x-ratelimit-remaining", "0", "x-ratelimit-reset", "soon"), -1},
	}
	for _, c := range cases {
		until, ok := exhaustedUntil(c.h, now)
		switch {
		case c.want < 0 && ok:
			t.Errorf("%s: hold until %v", c.name, until)
		case c.want >= 0 && (!ok || until.Sub(now) != c.want):
			t.Errorf("%s: %v %v, want %v", c.name, until.Sub(now), ok, c.want)
		}
	}
	// The pacer holds the endpoint on such a response.
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	if err := p.wait(context.Background(), EndpointUsers, "/organization/users", 0); err != nil {
		t.Fatal(err)
	}
	p.observe(EndpointUsers, "/organization/users", fc.t, &http.Response{StatusCode: 200,
		Header: h("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s")})
	if err := p.wait(context.Background(), EndpointUsers, "/organization/users", 0); err != nil {
		t.Fatal(err)
	}
	if fc.elapsed() != 2*time.Second {
		t.Fatalf("waited %v after remaining=0 reset=2s", fc.elapsed())
	}
}

// A first Retry-After shorter than the server's interval (a bucket with part
// of a token left) overshoots; once successes show the served rate, a 429
// goes down towards it by halves instead of by 10%.
func TestAIMDCutsToServedRate(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAIMD()
	a.limited(now, now, 10*time.Millisecond, true) // learns 100/s
	if !near(a.perSecond(), 100) {
		t.Fatalf("learned %v", a.perSecond())
	}
	// The server serves 10/s.
	for i := 1; i <= aimdWindow; i++ {
		a.served(now.Add(time.Duration(i) * 100 * time.Millisecond))
	}
	cur := a.perSecond()
	t1 := now.Add(2 * time.Second)
	a.limited(t1, t1, 50*time.Millisecond, true)
	if !near(a.perSecond(), cur/2) {
		t.Fatalf("cut %v to %v, want half", cur, a.perSecond())
	}
	for i := 0; i < 3; i++ {
		ti := t1.Add(time.Duration(i+1) * time.Second)
		a.limited(ti, ti, 50*time.Millisecond, true)
	}
	if got := a.perSecond(); !near(got, 10) {
		t.Fatalf("after four cuts %v, want the served 10/s", got)
	}
}
