package conformance

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
)

// paging is how the server splits lists into pages.
type paging int

const (
	// pagingNormal honours limit (default 20, as both specs say).
	pagingNormal paging = iota
	// pagingShort returns one item per page whatever limit asks: "this may
	// return fewer than the provided limit" (Compliance spec).
	pagingShort
	// pagingEmptyLast returns two items per page and says has_more on the
	// page holding the last item, so the last page is empty.
	pagingEmptyLast
)

const (
	adminPrefix      = "/admin/v1"
	compliancePrefix = "/chatgpt/v1"
)

// newServer serves w with Admin pagination (after / first_id, last_id,
// has_more) under adminPrefix and Compliance pagination (after / last_id,
// has_more) under compliancePrefix. Unknown paths are 404 with the API's
// error body.
func newServer(w world, mode paging) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var path string
		compliance := false
		switch {
		case strings.HasPrefix(r.URL.Path, adminPrefix):
			path = strings.TrimPrefix(r.URL.Path, adminPrefix)
		case strings.HasPrefix(r.URL.Path, compliancePrefix):
			path, compliance = strings.TrimPrefix(r.URL.Path, compliancePrefix), true
		}
		if serveFileContent(rw, r, path) {
			return
		}
		rw.Header().Set("Content-Type", "application/json")
		if obj, ok := w.objects[path]; ok {
			_ = json.NewEncoder(rw).Encode(obj)
			return
		}
		items, ok := w.lists[path]
		if !ok {
			rw.WriteHeader(http.StatusNotFound)
			_, _ = rw.Write([]byte(`{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}`))
			return
		}
		_ = json.NewEncoder(rw).Encode(page(items, r, mode, compliance))
	}))
}

func page(items []map[string]any, r *http.Request, mode paging, compliance bool) map[string]any {
	size := 20
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && n > 0 {
		size = n
	}
	switch mode {
	case pagingNormal: // the size asked for
	case pagingShort:
		size = 1
	case pagingEmptyLast:
		size = 2
	}
	start := 0
	if after := r.URL.Query().Get("after"); after != "" {
		start = len(items)
		for i, it := range items {
			if it["id"] == after {
				start = i + 1
				break
			}
		}
	}
	end := min(start+size, len(items))
	data := items[start:end]
	hasMore := end < len(items)
	if mode == pagingEmptyLast && len(data) > 0 && end == len(items) {
		hasMore = true
	}
	out := map[string]any{"object": "list", "data": data, "has_more": hasMore}
	if data == nil {
		out["data"] = []map[string]any{}
	}
	if !compliance { // style B (RBAC lists) pages with next; style A ignores it
		out["next"] = nil
		if hasMore && len(data) > 0 {
			out["next"] = data[len(data)-1]["id"]
		}
	}
	if len(data) > 0 {
		out["last_id"] = data[len(data)-1]["id"]
		if !compliance {
			out["first_id"] = data[0]["id"]
		}
	} else if !compliance {
		out["first_id"], out["last_id"] = nil, nil
	}
	return out
}
