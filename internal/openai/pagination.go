package openai

import (
	"context"
	"fmt"
	"net/url"
)

// cursorMode says where the next page's `after` comes from.
type cursorMode int

const (
	// cursorLastID uses the envelope's last_id (Admin style A and Compliance
	// GenericList), falling back to the id of the last item when last_id is
	// absent, as the official Terraform provider does.
	cursorLastID cursorMode = iota
	// cursorLastItem uses the id of the last item in data; the official Go SDK
	// pages /organization/admin_api_keys this way.
	cursorLastItem
)

// listPage is the envelope shared by Admin style-A lists
// ({object, data, first_id, last_id, has_more}) and Compliance GenericLists
// ({object, data, last_id, has_more}).
type listPage[T any] struct {
	Object  string  `json:"object"`
	Data    []T     `json:"data"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
	HasMore *bool   `json:"has_more"`
}

// listSpec describes one paginated endpoint.
type listSpec[T any] struct {
	api   apiKind
	key   string // endpoint key, e.g. "GET /organization/users"
	path  string // escaped path relative to the base URL
	query url.Values
	mode  cursorMode
	id    func(*T) string
	// firstPageOnly names query parameters sent on the first request only
	// (conversations: since_timestamp is ignored together with after).
	firstPageOnly []string
}

// listAll fetches every page. It refuses to loop or to return a partial list:
// a repeated cursor, has_more with an empty page or without a cursor, or a
// page missing data/has_more is a PaginationError naming the endpoint.
func listAll[T any](ctx context.Context, c *Client, s listSpec[T]) ([]T, error) {
	q := url.Values{}
	for k, v := range s.query {
		q[k] = append([]string(nil), v...)
	}
	seen := map[string]bool{}
	var out []T
	for page := 1; ; page++ {
		var p listPage[T]
		if err := c.get(ctx, s.api, s.key, s.path, q, &p); err != nil {
			return nil, err
		}
		if p.Data == nil {
			return nil, &PaginationError{Endpoint: s.key, Page: page, Reason: "response has no data array"}
		}
		if p.HasMore == nil {
			return nil, &PaginationError{Endpoint: s.key, Page: page, Reason: "response has no has_more field, so completeness is unknown"}
		}
		for i := range p.Data {
			// Every collection is keyed by id; an item without one cannot be
			// reported, deduplicated or paged past, so the page is unusable.
			if s.id(&p.Data[i]) == "" {
				return nil, &DecodeError{Endpoint: s.key, Err: fmt.Errorf("item %d on page %d has no id", i, page)}
			}
		}
		out = append(out, p.Data...)
		if !*p.HasMore {
			return out, nil
		}
		if len(p.Data) == 0 {
			return nil, &PaginationError{Endpoint: s.key, Page: page, Reason: "has_more is true but the page has no data"}
		}
		lastItem := s.id(&p.Data[len(p.Data)-1])
		cursor := String(p.LastID)
		if s.mode == cursorLastItem || cursor == "" {
			cursor = lastItem
			if cursor == "" {
				cursor = String(p.LastID)
			}
		}
		if cursor == "" {
			return nil, &PaginationError{Endpoint: s.key, Page: page, Reason: "has_more is true but the page gives no cursor (last_id and the last item's id are empty)"}
		}
		if seen[cursor] {
			return nil, &PaginationError{Endpoint: s.key, Page: page, Reason: fmt.Sprintf("cursor %q was already used; the server is repeating pages", cursor)}
		}
		seen[cursor] = true
		q.Set("after", cursor)
		for _, k := range s.firstPageOnly {
			q.Del(k)
		}
	}
}
