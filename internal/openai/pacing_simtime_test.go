package openai

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// bucketServer is a token-bucket rate limit in simulated time, like the
// simulator's (full at start, perMinute tokens, refilled continuously).
type bucketServer struct {
	perMinute float64
	tokens    map[string]float64
	last      map[string]time.Time
	// retryAfter: "s" sends whole seconds (rounded up, as the Admin spec
	// documents), "" sends nothing.
	retryAfter string
}

func newBucketServer(perMinute float64, retryAfter string) *bucketServer {
	return &bucketServer{perMinute: perMinute, tokens: map[string]float64{}, last: map[string]time.Time{}, retryAfter: retryAfter}
}

func (b *bucketServer) answer(scope string, now time.Time) *http.Response {
	rate := b.perMinute / 60
	tok, seen := b.tokens[scope]
	if !seen {
		tok = b.perMinute
	} else {
		tok = math.Min(b.perMinute, tok+now.Sub(b.last[scope]).Seconds()*rate)
	}
	b.last[scope] = now
	if tok >= 1 {
		b.tokens[scope] = tok - 1
		return resp200
	}
	b.tokens[scope] = tok
	if b.retryAfter == "" {
		return resp429("")
	}
	return resp429(strconv.Itoa(max(1, int(math.Ceil((1-tok)/rate)))))
}

type simRun struct {
	wall             time.Duration
	requests, leaked int
}

// runSimulated sends n logical requests one after another through a default
// adaptive pacer on a fake clock, each retried like the client does (up to
// DefaultMaxRetries, waiting the server's Retry-After or the SDK backoff and
// holding the scope for it), against srv scoped by scope(i).
func runSimulated(t *testing.T, srv *bucketServer, n int, key string, path, scope func(i int) string) simRun {
	t.Helper()
	const latency = 300 * time.Millisecond
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	ctx := context.Background()
	var r simRun
	for i := 0; i < n; i++ {
		for attempt := 0; ; attempt++ {
			if err := p.wait(ctx, key, path(i), 0); err != nil {
				t.Fatal(err)
			}
			sent := fc.t
			r.requests++
			resp := srv.answer(scope(i), sent)
			fc.advance(latency)
			p.observe(key, path(i), sent, resp)
			if resp.StatusCode == http.StatusOK {
				break
			}
			if attempt == DefaultMaxRetries {
				r.leaked++
				break
			}
			d, ok := serverRetryDelay(resp, fc.t)
			if !ok {
				d = min(DefaultRetryWaitMin<<attempt, DefaultMaxBackoff)
			}
			p.block(key, path(i), d)
			fc.advance(d)
		}
	}
	r.wall = fc.elapsed()
	return r
}

// floorOf is the least time n requests to one scope take under srv's bucket.
func floorOf(srv *bucketServer, n int) time.Duration {
	return time.Duration(math.Max(0, float64(n)-srv.perMinute) / (srv.perMinute / 60) * float64(time.Second))
}

// The adaptive pacer on simulated time, at the real limits: 2,000 requests
// (a 2,000-project org's reads of one per-project endpoint) under a limit per
// endpoint template, and the same under a limit per concrete path. No 429
// reaches the caller, and the wall time stays near the rate floor.
func TestAdaptivePacingSimulatedTime(t *testing.T) {
	const key = EndpointProjectAPIKeys
	projectPath := func(i int) string { return fmt.Sprintf("/organization/projects/proj_%d/api_keys", i) }
	onePath := func(int) string { return "/organization/users" }
	template := func(int) string { return "template" }
	cases := []struct {
		name      string
		srv       *bucketServer
		n         int
		key       string
		path      func(int) string
		scope     func(int) string
		maxRatio  float64
		wantFloor time.Duration // when the rate floor is 0: a bound on the wall
	}{
		{"10/min per template, Retry-After", newBucketServer(10, "s"), 2000, key, projectPath, template, 1.15, 0},
		{"7/min per template, Retry-After", newBucketServer(7, "s"), 500, key, projectPath, template, 1.15, 0},
		{"10/min per template, no Retry-After", newBucketServer(10, ""), 2000, key, projectPath, template, 1.15, 0},
		{"60/min per path, one path", newBucketServer(60, "s"), 2000, EndpointUsers, onePath, onePath, 1.15, 0},
		{"60/min per path, no Retry-After", newBucketServer(60, ""), 2000, EndpointUsers, onePath, onePath, 1.15, 0},
		// 2,000 projects, one page each: no path is ever limited, so
		// nothing may slow them below the latency of one request each.
		{"60/min per path, 2,000 paths", newBucketServer(60, "s"), 2000, key, projectPath, projectPath, 0, 2000 * 300 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runSimulated(t, c.srv, c.n, c.key, c.path, c.scope)
			if r.leaked != 0 {
				t.Errorf("%d 429s reached the caller", r.leaked)
			}
			if c.maxRatio == 0 {
				t.Logf("wall %s for %d requests (%d sent)", r.wall, c.n, r.requests)
				if r.wall > c.wantFloor {
					t.Errorf("wall %s, want at most %s", r.wall, c.wantFloor)
				}
				return
			}
			floor := floorOf(c.srv, c.n)
			ratio := r.wall.Seconds() / floor.Seconds()
			t.Logf("wall %s, floor %s, ratio %.3f, %d requests for %d (%d 429s)", r.wall.Round(time.Second), floor.Round(time.Second), ratio, r.requests, c.n, r.requests-c.n)
			if ratio > c.maxRatio {
				t.Errorf("wall %s is %.3fx the floor %s, want at most %.2fx", r.wall, ratio, floor, c.maxRatio)
			}
		})
	}
}
