package openaisim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock of every test server.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func newSim(t *testing.T, f *Fixture, opts ...Option) *Server {
	t.Helper()
	s, err := New(f, append([]Option{WithNow(testNow)}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

type resp struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

var testClient = &http.Client{Timeout: 10 * time.Second}

func doGet(t *testing.T, rawURL, key string) resp {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	r, err := testClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", rawURL, err)
	}
	out := resp{status: r.StatusCode, header: r.Header, raw: b}
	_ = json.Unmarshal(b, &out.body)
	return out
}

// admin GETs an Admin API path (relative to the base URL) with the admin key, expecting 200.
func (s *Server) testAdmin(t *testing.T, path string) map[string]any {
	t.Helper()
	r := doGet(t, s.AdminBaseURL()+path, AdminKey)
	if r.status != 200 {
		t.Fatalf("GET %s: status %d: %s", path, r.status, r.raw)
	}
	return r.body
}

// compl GETs a Compliance path below /compliance/workspaces/{ws}, expecting 200.
func (s *Server) testCompl(t *testing.T, path string) map[string]any {
	t.Helper()
	r := doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+path, ComplianceKey)
	if r.status != 200 {
		t.Fatalf("GET %s: status %d: %s", path, r.status, r.raw)
	}
	return r.body
}

func dataIDs(t *testing.T, body map[string]any) []string {
	t.Helper()
	data, ok := body["data"].([]any)
	if !ok {
		t.Fatalf("no data array in %v", body)
	}
	var ids []string
	for _, d := range data {
		ids = append(ids, fmt.Sprint(d.(map[string]any)["id"]))
	}
	return ids
}

// walk pages through a list (absolute URL with query) and checks the envelope rules:
// ids never repeat, last_id = id of the last item, has_more false only on the last page,
// first_id present for admin lists. It returns all ids and the page count.
func walk(t *testing.T, rawURL, key string, admin bool) ([]string, int) {
	t.Helper()
	seen := map[string]bool{}
	var all []string
	after := ""
	for pages := 1; pages < 1000; pages++ {
		u := rawURL
		if after != "" {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + "after=" + url.QueryEscape(after)
		}
		r := doGet(t, u, key)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %s", u, r.status, r.raw)
		}
		if r.body["object"] != "list" {
			t.Fatalf("object = %v", r.body["object"])
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Fatalf("content type %q", ct)
		}
		ids := dataIDs(t, r.body)
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("id %s repeated across pages", id)
			}
			seen[id] = true
		}
		all = append(all, ids...)
		hasMore := r.body["has_more"].(bool)
		if len(ids) > 0 {
			if r.body["last_id"] != ids[len(ids)-1] {
				t.Fatalf("last_id %v != last item %s", r.body["last_id"], ids[len(ids)-1])
			}
			if admin && r.body["first_id"] != ids[0] {
				t.Fatalf("first_id %v != first item %s", r.body["first_id"], ids[0])
			}
		} else if admin && (r.body["last_id"] != nil || r.body["first_id"] != nil) {
			t.Fatalf("empty page with ids: %s", r.raw)
		}
		if admin {
			for _, k := range []string{"first_id", "last_id"} {
				if _, ok := r.body[k]; !ok {
					t.Fatalf("admin envelope misses %s", k)
				}
			}
		} else if _, ok := r.body["first_id"]; ok {
			t.Fatalf("compliance envelope has first_id")
		}
		if !hasMore {
			return all, pages
		}
		if len(ids) == 0 {
			t.Fatalf("has_more with empty page")
		}
		after = ids[len(ids)-1]
	}
	t.Fatal("too many pages")
	return nil, 0
}
