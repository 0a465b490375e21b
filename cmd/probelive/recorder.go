package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// maxRecordedBody bounds what the recorder keeps of one response: the probes
// read the first page of a list, never more.
const maxRecordedBody = 4 << 20

// exchange is one request and its answer as the probes see them. Headers are
// never recorded: the Authorization header must not reach a report.
type exchange struct {
	Method string
	Path   string
	Query  url.Values
	Status int
	Body   []byte
}

// recorder is the innermost transport of the client: it refuses anything but
// GET (the probe is read-only by construction, not by promise), records each
// exchange, and can stop a list walk after its first page.
type recorder struct {
	next http.RoundTripper

	mu        sync.Mutex
	exchanges []exchange
	stop      func() // called after a successful response, when set
}

func newRecorder(next http.RoundTripper) *recorder {
	if next == nil {
		next = http.DefaultTransport
	}
	return &recorder{next: next}
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		return nil, errNotReadOnly{req.Method}
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRecordedBody+1))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	kept := body
	if len(kept) > maxRecordedBody {
		kept = nil // too large to inspect; the client reports the oversize itself
	}
	r.mu.Lock()
	r.exchanges = append(r.exchanges, exchange{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Status: resp.StatusCode, Body: kept})
	stop := r.stop
	r.mu.Unlock()
	if stop != nil && resp.StatusCode/100 == 2 {
		stop()
	}
	return resp, nil
}

type errNotReadOnly struct{ method string }

func (e errNotReadOnly) Error() string {
	return "probelive sends GET requests only; refused " + e.method
}

// reset forgets the exchanges recorded so far.
func (r *recorder) reset() {
	r.mu.Lock()
	r.exchanges, r.stop = nil, nil
	r.mu.Unlock()
}

// setStop installs (or, with nil, removes) the after-response hook.
func (r *recorder) setStop(stop func()) {
	r.mu.Lock()
	r.stop = stop
	r.mu.Unlock()
}

// find returns the exchanges whose path ends with suffix, oldest first.
func (r *recorder) find(suffix string) []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []exchange
	for _, e := range r.exchanges {
		if strings.HasSuffix(e.Path, suffix) {
			out = append(out, e)
		}
	}
	return out
}

// items decodes the data array of a list body (nil when it has none).
func items(body []byte) []map[string]any {
	var page struct {
		Data []map[string]any `json:"data"`
	}
	if json.Unmarshal(body, &page) != nil {
		return nil
	}
	return page.Data
}

// object decodes a single-object body.
func object(body []byte) map[string]any {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	return m
}
