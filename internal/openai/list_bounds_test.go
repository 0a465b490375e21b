package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// endlessList answers every page with has_more and a fresh cursor, forever.
func endlessList(n *atomic.Int32, delay time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		if delay > 0 {
			time.Sleep(delay)
		}
		writeJSON(w, 200, fmt.Sprintf(`{"object":"list","data":[{"id":"user_%d"}],"last_id":"user_%d","has_more":true}`, i, i))
	}
}

func TestPageBudgetStopsEndlessList(t *testing.T) {
	var n atomic.Int32
	c, _ := newTestClient(t, endlessList(&n, 0), func(cfg *Config) { cfg.MaxListPages = 5 })
	users, err := c.ListUsers(testCtx(t))
	var lb *ListBoundError
	if !errors.As(err, &lb) || users != nil {
		t.Fatalf("err %v, %d users", err, len(users))
	}
	want := "listing /organization/users stopped after 5 pages (page budget of 5 pages)"
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "incomplete") {
		t.Fatalf("message %q lacks %q", err, want)
	}
	if n.Load() != 5 {
		t.Fatalf("%d requests", n.Load())
	}
}

func TestDefaultPageBudget(t *testing.T) {
	c, err := NewClient(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.MaxListPages != DefaultMaxListPages || c.cfg.ListTimeout != DefaultListTimeout {
		t.Fatalf("defaults %d %s", c.cfg.MaxListPages, c.cfg.ListTimeout)
	}
	c, _ = NewClient(Config{TotalTimeout: time.Hour})
	if c.cfg.ListTimeout != time.Hour {
		t.Fatalf("list timeout %s shorter than the total timeout", c.cfg.ListTimeout)
	}
}

// The caller's context has no deadline (as in Terraform): the list timeout
// still stops an endless list.
func TestListTimeoutStopsEndlessList(t *testing.T) {
	var n atomic.Int32
	c, _ := newTestClient(t, endlessList(&n, 5*time.Millisecond), func(cfg *Config) { cfg.ListTimeout = 300 * time.Millisecond })
	start := time.Now()
	_, err := c.ListUsers(context.Background())
	var lb *ListBoundError
	if !errors.As(err, &lb) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "listing /organization/users stopped after") || !strings.Contains(err.Error(), "list timeout of 300ms") {
		t.Fatalf("message %q", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s", d)
	}
}

// A caller that cancels is not reported as a list bound.
func TestCallerCancelIsNotListBound(t *testing.T) {
	var n atomic.Int32
	c, _ := newTestClient(t, endlessList(&n, 5*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.ListUsers(ctx)
	var lb *ListBoundError
	if err == nil || errors.As(err, &lb) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
}

// A cursor cycle longer than one page is caught too, with the cursor
// redacted if it is shaped like a key.
func TestRepeatedCursorCycle(t *testing.T) {
	cursor := fakeKey("sk-proj-TESTONLY-", 50, 9)
	cycle := []string{"user_a", cursor, "user_a"}
	var n atomic.Int32
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		cur := cycle[i%len(cycle)]
		writeJSON(w, 200, fmt.Sprintf(`{"object":"list","data":[{"id":"x%d"}],"last_id":%q,"has_more":true}`, i, cur))
	})
	_, err := c.ListUsers(testCtx(t))
	var pe *PaginationError
	if !errors.As(err, &pe) || pe.Page != 3 || !strings.Contains(err.Error(), "already used") || n.Load() != 3 {
		t.Fatalf("err %v after %d requests", err, n.Load())
	}
	if strings.Contains(err.Error(), cursor[:20]) {
		t.Fatalf("cursor shown: %v", err)
	}
}
