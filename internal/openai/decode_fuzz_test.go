package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Fuzz targets for the response decoders, the error-body parser and the
// pager. Seeds run as normal tests; `go test -fuzz=FuzzX -fuzztime=5s
// ./internal/openai/` explores further.

// FuzzDecodeResponses feeds arbitrary 2xx bodies to the decoders of a list
// page of every model: errors are typed DecodeErrors naming the endpoint,
// never a panic, and no key is ever echoed.
func FuzzDecodeResponses(f *testing.F) {
	seeds := []string{
		`{"object":"list","data":[],"has_more":false}`,
		`{"object":"list","data":[{"id":"key_1","created_at":1700000000,"last_used_at":null}],"first_id":"key_1","last_id":"key_1","has_more":false}`,
		`{"object":"list","data":[{"id":"g-1","sharing":{"visibility":"public-everywhere","recipients":{"object":"list","data":[],"has_more":true}},"latest_config":{"object":"list","data":[{"id":"c","tools":{"object":"list","data":[{"type":"custom_action"}]}}]}}],"has_more":false}`,
		`{"object":"list","data":[{"id":"u","created_at":"2024-01-01T00:00:00Z","role":7}]}`,
		`{"object":"list","data":[{"id":"u","created_at":1e400}]}`,
		`{"object":"list","data":[{"id":"x","recipients":null}],"has_more":"yes"}`,
		`{"object":"list","data":{"id":"x"}}`,
		`{"object":"list","data":[{"id":"` + strings.Repeat("a", 5000) + `"}]}`,
		`{"object":"list","data":[{"id":"x"`,
		`<html><body>502 Bad Gateway</body></html>`,
		`{"threshold_amount":"100","enforcement":{"status":null}}`,
		`{"type":["zero_data_retention"]}`,
		`null`, ``, `[]`, `"` + testAdminKey + `"`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), "application/json")
	}
	f.Add([]byte(`{"object":"list","data":[],"has_more":false}`), "text/html; charset=utf-8")
	f.Add([]byte(`{}`), "application/vnd.api+json")
	f.Add([]byte(`{}`), ";;;")

	c, err := NewClient(Config{AdminAPIKey: testAdminKey, ComplianceAPIKey: testComplianceKey})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		targets := []any{
			&listPage[AdminAPIKey]{}, &listPage[User]{}, &listPage[Invite]{}, &listPage[Project]{},
			&listPage[ProjectAPIKey]{}, &listPage[ProjectServiceAccount]{}, &listPage[ProjectUser]{},
			&listPage[Certificate]{}, &listPage[AuditLog]{}, &listPage[WorkspaceUser]{}, &listPage[GPT]{},
			&listPage[GPTConfig]{}, &listPage[ComplianceProject]{}, &listPage[Conversation]{},
			&DataRetention{}, &SpendLimit{}, &HostedToolPermissions{}, &ModelPermissions{},
		}
		for _, out := range targets {
			err := c.decode("GET /fuzz", contentType, body, out)
			if err == nil {
				continue
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("decode error is %T, want *DecodeError: %v", err, err)
			}
			if !strings.Contains(err.Error(), "GET /fuzz") {
				t.Fatalf("decode error does not name the endpoint: %v", err)
			}
			if strings.Contains(err.Error(), testAdminKey) || strings.Contains(err.Error(), testComplianceKey) {
				t.Fatalf("decode error echoes a key: %v", err)
			}
		}
	})
}

// FuzzAPIErrorBody: any non-2xx body becomes an APIError that names the
// endpoint and the status and never contains a configured key, however the
// server wraps it.
func FuzzAPIErrorBody(f *testing.F) {
	f.Add(401, []byte(`{"error":{"message":"Incorrect API key provided: `+testAdminKey+`.","type":"invalid_request_error","code":"invalid_api_key","param":null}}`))
	f.Add(403, []byte(`{"error":{"message":"no scope for `+testComplianceKey+`","code":403}}`))
	f.Add(500, []byte(`<html>`+testAdminKey+`</html>`))
	f.Add(502, []byte(`{"error":"plain string"}`))
	f.Add(429, []byte(`{"error":{"message":null,"code":{"nested":"`+testAdminKey+`"}}}`))
	f.Add(404, []byte(``))
	f.Add(418, []byte("\x00\xff\xfe"+testAdminKey))
	c, err := NewClient(Config{AdminAPIKey: testAdminKey, ComplianceAPIKey: testComplianceKey})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			status = 500
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{}}
		for _, keyName := range []string{KeyNameAdmin, KeyNameCompliance} {
			err := c.apiError("GET /fuzz", keyName, resp, body, 1)
			msg := err.Error()
			if !strings.Contains(msg, "GET /fuzz") {
				t.Fatalf("API error does not name the endpoint: %s", msg)
			}
			if strings.Contains(msg, testAdminKey) || strings.Contains(msg, testComplianceKey) {
				t.Fatalf("API error contains a key: %s", msg)
			}
		}
	})
}

// memTransport serves a scripted sequence of page bodies, the last one
// repeated, without a network.
type memTransport struct {
	pages    [][]byte
	requests int
}

func (m *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	i := min(m.requests, len(m.pages)-1)
	m.requests++
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(m.pages[i])),
		Request:    req,
	}, nil
}

// FuzzPagination: a server scripted by the fuzzer (pages separated by a
// newline-dashes line; the last page repeats forever) never makes the pager
// loop, panic or return a list the pages did not complete: success means
// the last page read said has_more false, and every item has an id.
func FuzzPagination(f *testing.F) {
	sep := "\n---\n"
	f.Add(`{"object":"list","data":[{"id":"a"}],"last_id":"a","has_more":false}`, false)
	f.Add(`{"object":"list","data":[{"id":"a"}],"last_id":"a","has_more":true}`+sep+`{"object":"list","data":[{"id":"b"}],"last_id":"b","has_more":false}`, true)
	f.Add(`{"object":"list","data":[{"id":"a"}],"last_id":"a","has_more":true}`+sep+`{"object":"list","data":[{"id":"b"}],"last_id":"a","has_more":true}`, false)
	f.Add(`{"object":"list","data":[],"has_more":true}`, false)
	f.Add(`{"object":"list","data":[{"id":""}],"has_more":false}`, true)
	f.Add(`{"object":"list","data":[{"id":"a"}]}`, false)
	f.Add(`{"object":"list","has_more":false}`, false)
	f.Add(`{"object":"list","data":[{"id":"a"}],"last_id":null,"has_more":true}`, true)
	f.Fuzz(func(t *testing.T, script string, lastItem bool) {
		var pages [][]byte
		for _, p := range strings.Split(script, sep) {
			pages = append(pages, []byte(p))
		}
		if len(pages) > 50 {
			pages = pages[:50]
		}
		tr := &memTransport{pages: pages}
		c, err := NewClient(Config{
			AdminAPIKey: testAdminKey, AdminBaseURL: "https://api.example.test/v1",
			MaxRetries: -1, AdminRequestsPerMinute: -1, HTTPClient: &http.Client{Transport: tr},
		})
		if err != nil {
			t.Fatal(err)
		}
		mode := cursorLastID
		if lastItem {
			mode = cursorLastItem
		}
		items, err := listAll(context.Background(), c, listSpec[User]{
			api: apiAdmin, key: "GET /fuzz", path: "/fuzz", mode: mode,
			id: func(u *User) string { return u.ID },
		})
		if tr.requests > len(pages)+1 {
			t.Fatalf("the pager made %d requests for %d scripted pages: it loops", tr.requests, len(pages))
		}
		if err != nil {
			if !strings.Contains(err.Error(), "GET /fuzz") {
				t.Fatalf("pagination error does not name the endpoint: %v", err)
			}
			return
		}
		// Success: the last page the pager read must say has_more false.
		last := pages[min(tr.requests, len(pages))-1]
		var env struct {
			HasMore *bool `json:"has_more"`
		}
		if json.Unmarshal(last, &env) != nil || env.HasMore == nil || *env.HasMore {
			t.Fatalf("the pager returned %d items but its last page %q did not end the list", len(items), last)
		}
		for _, u := range items {
			if u.ID == "" {
				t.Fatalf("an item without an id was returned")
			}
		}
	})
}

// FuzzTimestamp: the tolerant timestamp decoder (seconds, fractional,
// RFC 3339, null) never panics and marks what it could not read as invalid.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{`1700000000`, `1700000000.5`, `"2024-01-01T00:00:00Z"`, `null`, `""`, `-1`, `1e400`, `"x"`, `{}`, `[]`, `true`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var ts Timestamp
		if err := json.Unmarshal(b, &ts); err == nil && ts.Valid && ts.Time.IsZero() && !bytes.Contains(b, []byte("0001-01-01")) {
			t.Logf("valid zero time from %q", b)
		}
	})
}
