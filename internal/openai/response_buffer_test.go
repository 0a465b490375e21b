package openai

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// A body the retry loop already buffered is handed back as is, not copied,
// and still obeys the size limit.
func TestReadLimitedReusesTheBufferedBody(t *testing.T) {
	data := []byte(`{"data":[]}`)
	resp := &http.Response{Body: newBufferedBody(data), ContentLength: -1}
	got, err := readLimited(resp, 100)
	if err != nil || !bytes.Equal(got, data) || &got[0] != &data[0] {
		t.Fatalf("got %q, %v; want the buffered slice itself", got, err)
	}
	if rest, _ := io.ReadAll(resp.Body); len(rest) != 0 {
		t.Fatalf("the body reads %q after readLimited, want nothing left", rest)
	}
	var tooLarge *ResponseTooLargeError
	if _, err := readLimited(&http.Response{Body: newBufferedBody(data), ContentLength: -1}, 5); !errors.As(err, &tooLarge) {
		t.Fatalf("over the limit: %v, want ResponseTooLargeError", err)
	}
}

// A body with an announced length is read whole into one buffer of that
// size; a body longer or shorter than announced is read as it is, within
// the limit.
func TestReadLimitedWithContentLength(t *testing.T) {
	for _, tc := range []struct {
		body     string
		length   int64
		limit    int64
		tooLarge bool
	}{
		{"0123456789", 10, 100, false},
		{"0123456789", 4, 100, false},
		{"0123", 10, 100, false},
		{"0123456789", 8, 9, true},
		{"0123456789", 10, 9, true},
	} {
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(tc.body)), ContentLength: tc.length}
		got, err := readLimited(resp, tc.limit)
		var tooLarge *ResponseTooLargeError
		if tc.tooLarge {
			if !errors.As(err, &tooLarge) {
				t.Errorf("%q (length %d, limit %d): %v, want ResponseTooLargeError", tc.body, tc.length, tc.limit, err)
			}
			continue
		}
		if err != nil || string(got) != tc.body {
			t.Errorf("%q (length %d): got %q, %v", tc.body, tc.length, got, err)
		}
		if tc.length == int64(len(tc.body)) && cap(got) != len(tc.body)+1 {
			t.Errorf("%q: buffer capacity %d, want %d (no growth)", tc.body, cap(got), len(tc.body)+1)
		}
	}
}
