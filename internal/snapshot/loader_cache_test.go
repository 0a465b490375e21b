package snapshot

import (
	"context"
	"strings"
	"testing"
)

// Two reads that share a cache key but expect different types get an error,
// not a panic, both from the cache and from a shared flight.
func TestLoadTypeMismatchIsAnError(t *testing.T) {
	l := New(nil)
	ctx := context.Background()
	if _, err := load(ctx, l, "k", func(context.Context) ([]string, error) { return []string{"a"}, nil }); err != nil {
		t.Fatal(err)
	}
	_, err := load(ctx, l, "k", func(context.Context) (int, error) { return 1, nil })
	if err == nil || !strings.Contains(err.Error(), "k holds a []string") {
		t.Errorf("cached mismatch: err = %v", err)
	}
	if v, err := cachedAs[int]("shared", "x", nil); err == nil || v != 0 {
		t.Errorf("shared mismatch: %v %v", v, err)
	}
	if v, err := cachedAs[[]string]("ok", []string{"a"}, nil); err != nil || len(v) != 1 {
		t.Errorf("match: %v %v", v, err)
	}
}
