package openai

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const okUsers = `{"object":"list","data":[{"id":"user_1"}],"last_id":"user_1","has_more":false}`

// failThenOK fails the first `fails` requests with fail, then serves okUsers.
func failThenOK(fails int32, fail func(w http.ResponseWriter, r *http.Request)) (http.HandlerFunc, *atomic.Int32) {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= fails {
			fail(w, r)
			return
		}
		writeJSON(w, 200, okUsers)
	}, &n
}

func statusFail(status int, headers map[string]string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		writeJSON(w, status, `{"error":{"message":"try later","type":"server_error","param":null,"code":null}}`)
	}
}

func TestRetryRecovers(t *testing.T) {
	cases := []struct {
		name    string
		fail    func(http.ResponseWriter, *http.Request)
		wantMin time.Duration
		wantMax time.Duration
	}{
		{"429 retry-after seconds", statusFail(429, map[string]string{"Retry-After": "2"}), 2 * time.Second, 2 * time.Second},
		{"429 retry-after date", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", time.Now().Add(3*time.Second).UTC().Format(http.TimeFormat))
			statusFail(429, nil)(w, r)
		}, 1 * time.Second, 3 * time.Second},
		{"429 retry-after-ms wins", statusFail(429, map[string]string{"Retry-After-Ms": "150", "Retry-After": "9"}), 150 * time.Millisecond, 150 * time.Millisecond},
		{"429 no header", statusFail(429, nil), 0, time.Millisecond},
		{"500", statusFail(500, nil), 0, time.Millisecond},
		{"502", statusFail(502, nil), 0, time.Millisecond},
		{"503", statusFail(503, map[string]string{"Retry-After": "1"}), time.Second, time.Second},
		{"504", statusFail(504, nil), 0, time.Millisecond},
		{"408", statusFail(408, nil), 0, time.Millisecond},
		{"409", statusFail(409, nil), 0, time.Millisecond},
		{"400 with x-should-retry true", statusFail(400, map[string]string{"x-should-retry": "true"}), 0, time.Millisecond},
		{"connection reset", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				if tc, ok := conn.(*net.TCPConn); ok {
					_ = tc.SetLinger(0)
				}
				conn.Close()
			}
		}, 0, time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, n := failThenOK(1, tc.fail)
			c, rec := newTestClient(t, h)
			users, err := c.ListUsers(testCtx(t))
			if err != nil || len(users) != 1 {
				t.Fatalf("err %v users %d", err, len(users))
			}
			if n.Load() != 2 {
				t.Fatalf("requests %d, want 2", n.Load())
			}
			waits := rec.all()
			if len(waits) != 1 || waits[0] < tc.wantMin || waits[0] > tc.wantMax {
				t.Fatalf("waits %v, want in [%s, %s]", waits, tc.wantMin, tc.wantMax)
			}
		})
	}
}

func TestRetryAfterCappedByMaxRetryWait(t *testing.T) {
	h, _ := failThenOK(1, statusFail(429, map[string]string{"Retry-After": "3600"}))
	c, rec := newTestClient(t, h, func(cfg *Config) { cfg.MaxRetryWait = 5 * time.Second })
	if _, err := c.ListUsers(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if w := rec.all(); w[0] != 5*time.Second {
		t.Fatalf("wait %v", w)
	}
}

func TestShouldRetryFalseNotRetried(t *testing.T) {
	h, n := failThenOK(1, statusFail(500, map[string]string{"x-should-retry": "false"}))
	c, _ := newTestClient(t, h)
	_, err := c.ListUsers(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.Attempts != 1 || n.Load() != 1 {
		t.Fatalf("err %v requests %d", err, n.Load())
	}
}

func TestRetriesExhausted(t *testing.T) {
	h, n := failThenOK(1000, statusFail(503, nil))
	c, _ := newTestClient(t, h, func(cfg *Config) { cfg.MaxRetries = 3 })
	_, err := c.ListUsers(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 || ae.Attempts != 4 || n.Load() != 4 {
		t.Fatalf("err %v requests %d", err, n.Load())
	}
	if !strings.Contains(err.Error(), "gave up after 4 attempts") || !strings.Contains(err.Error(), EndpointUsers) {
		t.Fatalf("message %q", err)
	}
}

func TestNoRetriesWhenDisabled(t *testing.T) {
	h, n := failThenOK(1000, statusFail(503, nil))
	c, _ := newTestClient(t, h, func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.ListUsers(testCtx(t)); err == nil || n.Load() != 1 {
		t.Fatalf("err %v requests %d", err, n.Load())
	}
}

func TestNetworkErrorsExhausted(t *testing.T) {
	h, n := failThenOK(1000, func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	})
	c, _ := newTestClient(t, h, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.ListUsers(testCtx(t))
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 3 || n.Load() != 3 || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err %v requests %d", err, n.Load())
	}
}

func TestCancelDuringHang(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListUsers(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	h, n := failThenOK(1000, statusFail(429, map[string]string{"Retry-After": "30"}))
	c, _ := newTestClient(t, h, func(cfg *Config) { cfg.waitHook = nil })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListUsers(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
	if n.Load() != 1 {
		t.Fatalf("requests %d", n.Load())
	}
}

func TestPerAttemptTimeoutRetried(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	h, n := failThenOK(1, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c, _ := newTestClient(t, h, func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	if _, err := c.ListUsers(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 {
		t.Fatalf("requests %d", n.Load())
	}
}

func TestTotalTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}, func(cfg *Config) {
		cfg.RequestTimeout = 100 * time.Millisecond
		cfg.TotalTimeout = 400 * time.Millisecond
		cfg.MaxRetries = 1000
	})
	start := time.Now()
	_, err := c.ListUsers(testCtx(t))
	var te *TransportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "total timeout") {
		t.Fatalf("err %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestBackoffExponentialAndCapped(t *testing.T) {
	for attempt, want := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		d := backoff(DefaultRetryWaitMin, DefaultMaxBackoff, DefaultMaxRetryWait, attempt, nil, time.Now())
		if d > want || d < want*3/4 {
			t.Errorf("attempt %d: %s not in [%s, %s]", attempt, d, want*3/4, want)
		}
	}
	if d := backoff(DefaultRetryWaitMin, DefaultMaxBackoff, time.Second, 5, nil, time.Now()); d > time.Second {
		t.Errorf("not capped by max wait: %s", d)
	}
}

// A Retry-After of ten hours is capped at MaxRetryWait; when even the cap
// does not fit in what is left of the total timeout, the client stops at once
// with the 429 and says why, instead of sleeping into the deadline.
func TestRetryAfterBeyondDeadlineStops(t *testing.T) {
	for name, header := range map[string]map[string]string{
		"seconds":   {"Retry-After": "36000"},
		"http date": {"Retry-After": time.Now().Add(10 * time.Hour).UTC().Format(http.TimeFormat)},
		"ms":        {"Retry-After-Ms": "36000000"},
	} {
		t.Run(name, func(t *testing.T) {
			h, n := failThenOK(1000, statusFail(429, header))
			c, rec := newTestClient(t, h, func(cfg *Config) {
				cfg.TotalTimeout = 2 * time.Second
				cfg.MaxRetryWait = 10 * time.Second
			})
			start := time.Now()
			_, err := c.ListUsers(testCtx(t))
			var ae *APIError
			if !errors.As(err, &ae) || ae.StatusCode != 429 || n.Load() != 1 || ae.RetryAfterRefused < 9*time.Hour {
				t.Fatalf("err %v after %d requests (waits %v)", err, n.Load(), rec.all())
			}
			if !strings.Contains(err.Error(), "does not fit in the time left") {
				t.Fatalf("message %q", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Fatalf("took %s", d)
			}
		})
	}
}

// A capped wait that fits in the deadline is honoured.
func TestRetryAfterWithinDeadlineHonoured(t *testing.T) {
	h, n := failThenOK(1, statusFail(429, map[string]string{"Retry-After": "36000"}))
	c, rec := newTestClient(t, h, func(cfg *Config) {
		cfg.TotalTimeout = time.Minute
		cfg.MaxRetryWait = 2 * time.Second
	})
	if _, err := c.ListUsers(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if w := rec.all(); n.Load() != 2 || len(w) != 1 || w[0] != 2*time.Second {
		t.Fatalf("requests %d waits %v", n.Load(), w)
	}
}

// A huge or non-finite server delay must not wrap to a negative Duration
// (which every cap lets through as "retry now"): it is capped (red-team find).
func TestServerDelayNeverWraps(t *testing.T) {
	for _, h := range []http.Header{
		{"Retry-After": {"1e10"}}, {"Retry-After": {"9300000000"}}, {"Retry-After": {"Inf"}},
		{"Retry-After-Ms": {"1e300"}},
	} {
		resp := &http.Response{StatusCode: 429, Header: h}
		if d := backoff(time.Second, 30*time.Second, 60*time.Second, 0, resp, time.Now()); d != 60*time.Second {
			t.Errorf("%v: waited %s, want the 60s cap", h, d)
		}
	}
	// NaN is no delay at all: the usual backoff applies, never a negative wait.
	if d := backoff(time.Second, 30*time.Second, 60*time.Second, 0, &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"NaN"}}}, time.Now()); d <= 0 {
		t.Errorf("Retry-After NaN gave %s", d)
	}
	for _, v := range []string{"1e300", "NaN", "1e15"} {
		if d, ok := parseReset(v, time.Now()); ok && d < 0 {
			t.Errorf("reset %s gave a negative wait %s", v, d)
		}
	}
}
