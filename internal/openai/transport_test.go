package openai

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestCrossOriginRedirectRefused(t *testing.T) {
	var targetHits atomic.Int32
	var leaked atomic.Bool
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		targetHits.Add(1)
		if r.Header.Get("Authorization") != "" {
			leaked.Store(true)
		}
		writeJSON(w, 200, okUsers)
	}))
	defer target.Close()
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.RequestURI(), http.StatusFound)
	})
	_, err := c.ListUsers(testCtx(t))
	if !errors.Is(err, errRedirectRefused) {
		t.Fatalf("err %v", err)
	}
	if targetHits.Load() != 0 || leaked.Load() {
		t.Fatalf("redirect target reached (%d hits, auth leaked %v)", targetHits.Load(), leaked.Load())
	}
}

func TestSameOriginRedirectFollowed(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/organization/users" {
			http.Redirect(w, r, "/v1/moved/users", http.StatusTemporaryRedirect)
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+testAdminKey {
			writeJSON(w, 401, `{"error":{"message":"no auth","type":"invalid_request_error","param":null,"code":null}}`)
			return
		}
		writeJSON(w, 200, okUsers)
	})
	if _, err := c.ListUsers(testCtx(t)); err != nil {
		t.Fatal(err)
	}
}

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, 200, `{"object":"organization.data_retention","type":"zero_data_retention"}`)
	}, func(cfg *Config) { cfg.OrganizationID = "org-123" })
	dr, err := c.GetOrganizationDataRetention(testCtx(t))
	if err != nil || String(dr.Type) != "zero_data_retention" {
		t.Fatalf("%v %+v", err, dr)
	}
	if got.Get("User-Agent") != "terraform-provider-openai/test" || got.Get("Authorization") != "Bearer "+testAdminKey ||
		got.Get("Accept") != "application/json" || got.Get("OpenAI-Organization") != "org-123" {
		t.Fatalf("headers %v", got)
	}
	_, _ = c.GetGPT(testCtx(t), "g-1")
	if got.Get("Authorization") != "Bearer "+testComplianceKey || got.Get("OpenAI-Organization") != "" {
		t.Fatalf("compliance headers %v", got)
	}
}

// fakeLimiter records which endpoint keys were paced.
type fakeLimiter struct {
	key   string
	mu    *sync.Mutex
	calls *[]string
}

func (f fakeLimiter) Wait(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	*f.calls = append(*f.calls, f.key)
	return ctx.Err()
}

func TestPacingPerEndpointKey(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	rates := map[string]float64{}
	var n atomic.Int32
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			statusFail(429, map[string]string{"Retry-After-Ms": "1"})(w, r)
			return
		}
		writeJSON(w, 200, `{"object":"list","data":[],"has_more":false}`)
	}, func(cfg *Config) {
		cfg.AdminRequestsPerMinute = 7
		cfg.ComplianceRequestsPerMinute = DefaultComplianceRequestsPerMinute
		cfg.newLimiter = func(key string, perMinute float64) limiter {
			rates[key] = perMinute
			return fakeLimiter{key: key, mu: &mu, calls: &calls}
		}
	})
	ctx := testCtx(t)
	if _, err := c.ListUsers(ctx); err != nil { // 429 then OK: paced twice
		t.Fatal(err)
	}
	for _, p := range []string{"p1", "p2"} {
		if _, err := c.ListProjectUsers(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.ListGPTs(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{EndpointUsers, EndpointUsers, EndpointProjectUsers, EndpointProjectUsers, EndpointComplianceGPTs}
	if strings.Join(calls, "|") != strings.Join(want, "|") {
		t.Fatalf("paced %v, want %v", calls, want)
	}
	if rates[EndpointUsers] != 7 || rates[EndpointComplianceGPTs] != DefaultComplianceRequestsPerMinute || len(rates) != 3 {
		t.Fatalf("rates %v", rates)
	}
}

func TestDefaultLimiter(t *testing.T) {
	l := defaultLimiter("k", 50)
	// A burst of 10 is available at once; the 11th must wait.
	for i := 0; i < 10; i++ {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx); err == nil {
		t.Fatal("11th request was not paced")
	}
}

func TestLogsNeverContainKeys(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	t.Setenv(LogLevelEnvVar, "TRACE")
	var n atomic.Int32
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			statusFail(503, nil)(w, r)
		case 2:
			writeJSON(w, 200, okUsers)
		default:
			writeJSON(w, 401, `{"error":{"message":"invalid key `+testComplianceKey+`","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)
		}
	})
	if _, err := c.ListUsers(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := c.ListGPTs(ctx)
	if err == nil {
		t.Fatal("expected 401")
	}
	// A stray log line written with the request context must be masked too.
	ctx2 := c.withLogging(ctx)
	tflogSubsystemDebugForTest(ctx2, "stray "+testAdminKey, map[string]interface{}{"Authorization": "Bearer " + testAdminKey, "x": testComplianceKey})

	out := buf.String()
	for _, secret := range []string{testAdminKey, testComplianceKey} {
		if strings.Contains(out, secret) {
			t.Fatalf("log contains a key:\n%s", out)
		}
	}
	for _, want := range []string{"GET", "/v1/organization/users?limit=100", `"attempt":2`, `"status":503`, "openai_http", "stray"} {
		if !strings.Contains(out, want) {
			t.Fatalf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(err.Error(), testComplianceKey) {
		t.Fatalf("error contains key: %v", err)
	}
}

// blockingLimiter never grants a slot; only the context ends the wait.
type blockingLimiter struct{}

func (blockingLimiter) Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// A lone GET called with a context without deadline (as Terraform's are)
// still gives up waiting for the pacer after the list timeout.
func TestLoneGetPacingWaitBounded(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"object":"organization.spend_limit"}`)
	}, func(cfg *Config) {
		cfg.ListTimeout = 200 * time.Millisecond
		cfg.AdminRequestsPerMinute = 5 // fixed pace: the limiter below
		cfg.newLimiter = func(string, float64) limiter { return blockingLimiter{} }
	})
	done := make(chan error, 1)
	go func() {
		_, err := c.GetSpendLimit(context.Background())
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "list timeout") || !strings.Contains(err.Error(), EndpointSpendLimit) {
			t.Fatalf("err %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("pacing wait not bounded")
	}
}
