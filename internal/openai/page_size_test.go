package openai

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// limitRefuser serves two pages of GPTs (and of any other compliance list) at
// limit=20 and refuses larger limits with the 400 given.
type limitRefuser struct {
	mu      sync.Mutex
	queries []string
	refusal string
}

func (l *limitRefuser) handler(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.queries = append(l.queries, r.URL.Path+"?"+r.URL.RawQuery)
	l.mu.Unlock()
	if r.URL.Query().Get("limit") != "20" {
		writeJSON(w, 400, l.refusal)
		return
	}
	if r.URL.Query().Get("after") == "" {
		writeJSON(w, 200, `{"object":"list","data":[{"id":"g-1"}],"last_id":"g-1","has_more":true}`)
		return
	}
	writeJSON(w, 200, `{"object":"list","data":[{"id":"g-2"}],"last_id":"g-2","has_more":false}`)
}

func (l *limitRefuser) limits() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, q := range l.queries {
		_, rest, _ := strings.Cut(q, "limit=")
		limit, _, _ := strings.Cut(rest, "&")
		out = append(out, limit)
	}
	return out
}

func TestCompliancePageSizeFallsBackTo20(t *testing.T) {
	for name, refusal := range map[string]string{
		"param limit":   `{"error":{"message":"Invalid value","type":"invalid_request_error","param":"limit","code":null}}`,
		"message limit": `{"error":{"message":"limit must be between 1 and 50","type":"invalid_request_error","param":null,"code":null}}`,
	} {
		t.Run(name, func(t *testing.T) {
			l := &limitRefuser{refusal: refusal}
			c, _ := newTestClient(t, l.handler)
			gpts, err := c.ListGPTs(testCtx(t))
			if err != nil || len(gpts) != 2 {
				t.Fatalf("err %v, %d gpts", err, len(gpts))
			}
			// The refused first page is asked again at 20; the second page
			// and a later list of the same endpoint start at 20.
			if _, err := c.ListGPTs(testCtx(t)); err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprint(l.limits()), "[100 20 20 20 20]"; got != want {
				t.Fatalf("limits %s, want %s (queries %v)", got, want, l.queries)
			}
			// Another endpoint keeps asking 100 until it is refused itself.
			l.queries = nil
			if _, err := c.ListComplianceProjects(testCtx(t)); err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(l.limits()); got != "[100 20 20]" {
				t.Fatalf("projects limits %s", got)
			}
		})
	}
}

func TestCompliancePageSizeOtherBadRequestNotRetried(t *testing.T) {
	l := &limitRefuser{refusal: `{"error":{"message":"bad file_format","type":"invalid_request_error","param":"file_format","code":null}}`}
	c, _ := newTestClient(t, l.handler)
	_, err := c.ListGPTs(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 400 || len(l.limits()) != 1 {
		t.Fatalf("err %v, queries %v", err, l.queries)
	}
}

// Refused at 20 too: the error is returned, not retried again.
func TestCompliancePageSizeFallbackRefusedToo(t *testing.T) {
	var n int
	var mu sync.Mutex
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
		writeJSON(w, 400, `{"error":{"message":"bad","type":"invalid_request_error","param":"limit","code":null}}`)
	})
	_, err := c.ListGPTs(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || n != 2 {
		t.Fatalf("err %v after %d requests", err, n)
	}
}

// Concurrent lists of one endpoint (GPT configs of many GPTs) share the
// remembered size safely.
func TestCompliancePageSizeConcurrent(t *testing.T) {
	l := &limitRefuser{refusal: `{"error":{"message":"x","type":"invalid_request_error","param":"limit","code":null}}`}
	c, _ := newTestClient(t, l.handler)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListGPTConfigs(testCtx(t), fmt.Sprintf("g-%d", i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := c.ListGPTConfigs(testCtx(t), "g-last"); err != nil {
		t.Fatal(err)
	}
	if limits := l.limits(); limits[len(limits)-2] != "20" {
		t.Fatalf("limits %v", limits)
	}
}
