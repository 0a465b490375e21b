package openai

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fileAndListAPI answers the GPT list with an empty page and every file
// endpoint with a 307 to dl.
func fileAndListAPI(dl string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/compliance/workspaces/"+testWorkspace+"/gpts" {
			writeJSON(w, 200, `{"object":"list","data":[],"has_more":false,"last_id":null}`)
			return
		}
		w.Header().Set("Location", dl+"/file-a")
		w.WriteHeader(http.StatusTemporaryRedirect)
	}
}

// The file content endpoints are their own pacing class, at their documented
// 100 requests a minute: a fixed compliance pace above it is lowered to it for
// them (and kept for the list endpoints), a lower one is kept.
func TestFileDownloadsFixedPaceCappedAtDocumentedLimit(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{"/file-a": []byte("ok")})
	for _, tc := range []struct {
		configured, wantFiles float64
	}{{500, 100}, {100, 100}, {40, 40}} {
		var mu sync.Mutex
		rates := map[string]float64{}
		c, _ := newTestClient(t, fileAndListAPI(dl.URL), func(cfg *Config) {
			cfg.ComplianceRequestsPerMinute = tc.configured
			cfg.newLimiter = func(key string, perMinute float64) limiter {
				mu.Lock()
				defer mu.Unlock()
				rates[key] = perMinute
				return rate.NewLimiter(rate.Inf, 1)
			}
		})
		ctx := testCtx(t)
		if _, err := c.DownloadGPTFile(ctx, "file-a", FileLimits{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DownloadProjectFile(ctx, "file-a", FileLimits{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DownloadUserFile(ctx, "user-1", "file-a", "", FileLimits{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListGPTs(ctx); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{EndpointComplianceGPTFile, EndpointComplianceProjectFile, EndpointComplianceUserFile} {
			if rates[key] != tc.wantFiles {
				t.Errorf("compliance_requests_per_minute %v: %s paced at %v a minute, want %v", tc.configured, key, rates[key], tc.wantFiles)
			}
		}
		if rates[EndpointComplianceGPTs] != tc.configured {
			t.Errorf("compliance_requests_per_minute %v: the GPT list paced at %v, want the configured rate", tc.configured, rates[EndpointComplianceGPTs])
		}
	}
	// The fixed pace of a documented limit has no burst: never more than
	// the limit in any minute.
	if l, ok := defaultLimiter(EndpointComplianceGPTFile, 100).(*rate.Limiter); !ok || l.Burst() != 1 || l.Limit() != rate.Limit(100.0/60) {
		t.Errorf("the file endpoints' fixed limiter is %+v", l)
	}
}

// Under the default adaptive pace the file endpoints start at their
// documented limit (one request every 0.6 s) instead of unpaced, while a
// list endpoint stays unpaced until a 429.
func TestFileDownloadsAdaptivePaceStartsAtDocumentedLimit(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{"/file-a": []byte("ok")})
	fc := newFakeClock()
	c, _ := newTestClient(t, fileAndListAPI(dl.URL), func(cfg *Config) {
		cfg.ComplianceRequestsPerMinute = 0
		cfg.clock = fc.clock()
	})
	ctx := testCtx(t)
	for i := 0; i < 3; i++ {
		if _, err := c.ListGPTs(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(fc.slept) != 0 {
		t.Fatalf("the GPT list was paced before any 429: slept %v", fc.slept)
	}
	for i := 0; i < 5; i++ {
		if _, err := c.DownloadGPTFile(ctx, "file-a", FileLimits{}); err != nil {
			t.Fatal(err)
		}
	}
	var total time.Duration
	for _, d := range fc.slept {
		total += d
	}
	if want := 4 * 600 * time.Millisecond; total < want-time.Millisecond || total > want+time.Millisecond {
		t.Fatalf("5 downloads waited %v in all (%v), want %v: one every 0.6 s", total, fc.slept, want)
	}
}

// The capped adaptive rate cuts on 429s like any scope and recovers, but
// never probes past the documented limit.
func TestCappedAIMDNeverPassesItsLimit(t *testing.T) {
	fc := newFakeClock()
	p := newPacer(nil, fc.clock())
	const key = EndpointComplianceProjectFile
	path := "/compliance/workspaces/ws/project_files/file-a"
	p.mu.Lock()
	tmpl := p.template(key, 0)
	p.mu.Unlock()
	limit := 100.0 / 60
	if tmpl.adaptive == nil || !near(tmpl.adaptive.perSecond(), limit) {
		t.Fatalf("the file endpoint's adaptive pace starts at %v/s, want %v/s", tmpl.adaptive.perSecond(), limit)
	}
	p.observe(key, path, fc.t, resp429("1"))
	if got := tmpl.adaptive.perSecond(); !(got < limit) {
		t.Fatalf("a 429 left the rate at %v/s", got)
	}
	redirect := &http.Response{StatusCode: http.StatusTemporaryRedirect, Header: http.Header{}}
	for i := 0; i < 5000; i++ {
		fc.advance(time.Second)
		p.observe(key, path, fc.t, redirect)
		if got := tmpl.adaptive.perSecond(); got > limit*(1+1e-9) {
			t.Fatalf("after %d successes the rate is %v/s, past the documented %v/s", i+1, got, limit)
		}
	}
	if got := tmpl.adaptive.perSecond(); !near(got, limit) {
		t.Fatalf("5,000 successes (307s) did not bring the rate back to the limit: %v/s", got)
	}
}
