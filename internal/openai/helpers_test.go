package openai

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Obviously fake keys; they only need to be distinctive so tests can assert
// they never appear in logs or errors.
const (
	testAdminKey      = "test-admin-key-not-a-secret-AAAA"
	testComplianceKey = "test-compliance-key-not-a-secret-BBBB"
	testWorkspace     = "8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"
)

// waitRecorder records computed retry waits and replaces them with 1ms so
// tests never sleep for real.
type waitRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (w *waitRecorder) hook(_ string, d time.Duration) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waits = append(w.waits, d)
	return time.Millisecond
}

func (w *waitRecorder) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.waits...)
}

// testConfig returns a config pointed at url with fast retries and no pacing.
func testConfig(url string) Config {
	return Config{
		AdminAPIKey:                 testAdminKey,
		ComplianceAPIKey:            testComplianceKey,
		WorkspaceID:                 testWorkspace,
		AdminBaseURL:                url + "/v1",
		ComplianceBaseURL:           url + "/v1",
		RetryWaitMin:                time.Millisecond,
		MaxRetryWait:                time.Minute,
		AdminRequestsPerMinute:      -1,
		ComplianceRequestsPerMinute: -1,
		UserAgent:                   "terraform-provider-openai/test",
	}
}

// newTestClient starts an httptest server with h and returns a client for it
// plus the wait recorder.
func newTestClient(t *testing.T, h http.HandlerFunc, mutate ...func(*Config)) (*Client, *waitRecorder) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := testConfig(srv.URL)
	rec := &waitRecorder{}
	cfg.waitHook = rec.hook
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
