package openai

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// pagedUsers serves n users in pages of size, like Admin style A.
func pagedUsers(n, size int, seenQueries *[]string, mu *sync.Mutex) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*seenQueries = append(*seenQueries, r.URL.RawQuery)
		mu.Unlock()
		start := 0
		if a := r.URL.Query().Get("after"); a != "" {
			if _, err := fmt.Sscanf(a, "user_%d", &start); err != nil {
				http.Error(w, "bad cursor", http.StatusBadRequest)
				return
			}
			start++
		}
		end := min(start+size, n)
		var items []string
		for i := start; i < end; i++ {
			items = append(items, fmt.Sprintf(`{"object":"organization.user","id":"user_%d","role":"reader","added_at":1711471533}`, i))
		}
		writeJSON(w, 200, fmt.Sprintf(`{"object":"list","data":[%s],"first_id":"user_%d","last_id":"user_%d","has_more":%t}`,
			strings.Join(items, ","), start, end-1, end < n))
	}
}

func TestListUsersMultiPage(t *testing.T) {
	var qs []string
	var mu sync.Mutex
	c, _ := newTestClient(t, pagedUsers(7, 3, &qs, &mu))
	users, err := c.ListUsers(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 7 || users[6].ID != "user_6" {
		t.Fatalf("got %d users", len(users))
	}
	want := []string{"limit=100", "after=user_2&limit=100", "after=user_5&limit=100"}
	if fmt.Sprint(qs) != fmt.Sprint(want) {
		t.Fatalf("queries %v, want %v", qs, want)
	}
	if String(users[0].Role) != "reader" || users[0].Email != nil || !users[0].AddedAt.Valid {
		t.Fatalf("decoded %+v", users[0])
	}
}

func TestAdminAPIKeysPageByLastItemID(t *testing.T) {
	var afters []string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		afters = append(afters, r.URL.Query().Get("after"))
		if r.URL.Query().Get("limit") != "100" || r.URL.Path != "/v1/organization/admin_api_keys" {
			t.Errorf("unexpected request %s", r.URL)
		}
		if r.URL.Query().Get("after") == "" {
			// last_id deliberately differs from the last item: the SDK uses the item.
			writeJSON(w, 200, `{"object":"list","data":[{"id":"key_a","redacted_value":"x","created_at":1,"owner":{"type":"service_account"}}],"last_id":"bogus","has_more":true}`)
			return
		}
		writeJSON(w, 200, `{"object":"list","data":[{"id":"key_b","redacted_value":"y","created_at":2,"expires_at":null,"owner":{}}],"last_id":"key_b","has_more":false}`)
	})
	keys, err := c.ListAdminAPIKeys(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || afters[1] != "key_a" {
		t.Fatalf("keys %d afters %v", len(keys), afters)
	}
	if keys[0].ExpiresAt.Present || !keys[1].ExpiresAt.Present || keys[1].ExpiresAt.Valid {
		t.Fatalf("expires_at presence not kept: %+v %+v", keys[0].ExpiresAt, keys[1].ExpiresAt)
	}
	if keys[0].Owner.Type != "service_account" {
		t.Fatalf("owner type %q", keys[0].Owner.Type)
	}
}

func TestPaginationFaults(t *testing.T) {
	cases := map[string]struct {
		body string
		want string
	}{
		"repeated cursor":  {`{"object":"list","data":[{"id":"u1"}],"last_id":"u1","has_more":true}`, "already used"},
		"has_more no data": {`{"object":"list","data":[],"last_id":null,"has_more":true}`, "no data"},
		"item without id":  {`{"object":"list","data":[{"name":"x"}],"last_id":null,"has_more":false}`, "has no id"},
		"missing has_more": {`{"object":"list","data":[{"id":"u1"}]}`, "has_more"},
		"missing data":     {`{"object":"list","has_more":false}`, "no data array"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			calls := 0
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				calls++
				writeJSON(w, 200, tc.body)
			})
			_, err := c.ListUsers(testCtx(t))
			var pe *PaginationError
			var de *DecodeError
			if !(errors.As(err, &pe) || errors.As(err, &de)) || !strings.Contains(err.Error(), EndpointUsers) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v", err)
			}
			if calls > 2 {
				t.Fatalf("looped: %d calls", calls)
			}
		})
	}
}

func TestListProjectsIncludesArchivedAndProjectKeysAny(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch r.URL.Path {
		case "/v1/organization/projects":
			if q.Get("include_archived") != "true" {
				t.Errorf("include_archived not set: %s", r.URL.RawQuery)
			}
			writeJSON(w, 200, `{"object":"list","data":[{"id":"proj_1","object":"organization.project","created_at":1,"archived_at":2,"status":"archived"}],"has_more":false}`)
		case "/v1/organization/projects/proj%2F1/api_keys", "/v1/organization/projects/proj_1/api_keys":
			if q.Get("owner_project_access") != "any" {
				t.Errorf("owner_project_access not any: %s", r.URL.RawQuery)
			}
			writeJSON(w, 200, `{"object":"list","data":[{"id":"key_1","redacted_value":"sk-...x","created_at":1,"last_used_at":null,"owner_project_access":"inactive","owner":{"type":"user","user":{"id":"user_1"}}}],"has_more":false}`)
		default:
			t.Errorf("unexpected path %s", r.URL.EscapedPath())
			writeJSON(w, 404, `{"error":{"message":"nope","type":"invalid_request_error","param":null,"code":null}}`)
		}
	})
	ps, err := c.ListProjects(testCtx(t))
	if err != nil || len(ps) != 1 || !ps[0].IsArchived() {
		t.Fatalf("%v %+v", err, ps)
	}
	keys, err := c.ListProjectAPIKeys(testCtx(t), "proj_1")
	if err != nil || len(keys) != 1 || keys[0].ProjectID != "proj_1" || String(keys[0].OwnerProjectAccess) != "inactive" || keys[0].Owner.User.ID != "user_1" {
		t.Fatalf("%v %+v", err, keys)
	}
}

func TestPathIDsAreEscaped(t *testing.T) {
	var got string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		writeJSON(w, 200, `{"object":"list","data":[],"has_more":false}`)
	})
	if _, err := c.ListProjectUsers(testCtx(t), "../x?y"); err != nil {
		t.Fatal(err)
	}
	if got != "/v1/organization/projects/..%2Fx%3Fy/users" {
		t.Fatalf("path %q", got)
	}
}
