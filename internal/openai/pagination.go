package openai

import (
	"context"
	"errors"
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
	// cursorNext uses the envelope's `next` (Admin style B: roles, groups,
	// group users, role assignments); has_more without a next is a
	// PaginationError, since no other cursor is documented for these lists.
	cursorNext
)

// listPage is the part of the list envelope pagination needs. Admin style-A
// lists send {object, data, first_id, last_id, has_more} and Compliance
// GenericLists {object, data, last_id, has_more}; object and first_id play
// no part in paging forward, so they are not decoded.
type listPage[T any] struct {
	Data    []T     `json:"data"`
	LastID  *string `json:"last_id"`
	Next    *string `json:"next"`
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
	// limitFallback, when set, is the page size to use if the server refuses
	// the requested `limit` (see pageSizes).
	limitFallback string
}

// listAll fetches every page. It refuses to loop or to return a partial list:
// a repeated cursor, has_more with an empty page or without a cursor, or a
// page missing data/has_more is a PaginationError naming the endpoint. Every
// list is bounded by Config.MaxListPages pages and Config.ListTimeout (the
// contexts Terraform passes carry no deadline); hitting either is a
// ListBoundError.
func listAll[T any](ctx context.Context, c *Client, s listSpec[T]) ([]T, error) {
	var out []T
	err := eachPage(ctx, c, s, func(page []T) error {
		out = append(out, page...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachPage fetches every page like listAll, handing each page's items to fn
// as it arrives (fn must not keep the slice), so a caller can keep a compact
// form of a large collection without holding every decoded page at once. An
// error from fn stops the walk and is returned. Items already handed to fn
// do not make a partial list: the caller must drop them when eachPage fails.
func eachPage[T any](ctx context.Context, c *Client, s listSpec[T], fn func([]T) error) error {
	listCtx, cancel := context.WithTimeout(ctx, c.cfg.ListTimeout)
	defer cancel()

	q := url.Values{}
	for k, v := range s.query {
		q[k] = append([]string(nil), v...)
	}
	if s.limitFallback != "" {
		if limit, ok := c.pageSizes.get(s.key); ok {
			q.Set("limit", limit)
		}
	}
	seen := map[string]bool{}
	for page := 1; ; page++ {
		p, err := fetchPage(listCtx, c, s, q)
		if err != nil {
			if ctx.Err() == nil && errors.Is(listCtx.Err(), context.DeadlineExceeded) {
				return &ListBoundError{Endpoint: s.key, Pages: page - 1, Bound: fmt.Sprintf("list timeout of %s", c.cfg.ListTimeout), Err: listCtx.Err()}
			}
			return err
		}
		if err := checkPage(s, p, page); err != nil {
			return err
		}
		if err := fn(p.Data); err != nil {
			return err
		}
		if !*p.HasMore {
			return nil
		}
		cursor := nextCursor(s, p)
		if seen[cursor] {
			return &PaginationError{Endpoint: s.key, Page: page, Reason: fmt.Sprintf("cursor %q was already used; the server is repeating pages", truncateUTF8(c.redact(cursor), 100))}
		}
		if page >= c.cfg.MaxListPages {
			return &ListBoundError{Endpoint: s.key, Pages: page, Bound: fmt.Sprintf("page budget of %d pages", c.cfg.MaxListPages)}
		}
		seen[cursor] = true
		q.Set("after", cursor)
		for _, k := range s.firstPageOnly {
			q.Del(k)
		}
	}
}

// fetchPage reads one page. When the server refuses the page size and the
// endpoint has a fallback, the page is asked again at the fallback size, and
// the client keeps that size for the endpoint from then on.
func fetchPage[T any](ctx context.Context, c *Client, s listSpec[T], q url.Values) (*listPage[T], error) {
	var p listPage[T]
	err := c.get(ctx, s.api, s.key, s.path, q, &p)
	if err != nil && s.limitFallback != "" && q.Get("limit") != s.limitFallback && refusesLimit(err) {
		c.pageSizes.set(s.key, s.limitFallback)
		q.Set("limit", s.limitFallback)
		p = listPage[T]{}
		err = c.get(ctx, s.api, s.key, s.path, q, &p)
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// checkPage refuses a page whose envelope cannot prove completeness or whose
// items cannot be keyed.
func checkPage[T any](s listSpec[T], p *listPage[T], page int) error {
	if p.Data == nil {
		return &PaginationError{Endpoint: s.key, Page: page, Reason: "response has no data array"}
	}
	if p.HasMore == nil {
		return &PaginationError{Endpoint: s.key, Page: page, Reason: "response has no has_more field, so completeness is unknown"}
	}
	for i := range p.Data {
		// Every collection is keyed by id; an item without one cannot be
		// reported, deduplicated or paged past, so the page is unusable.
		if s.id(&p.Data[i]) == "" {
			return &DecodeError{Endpoint: s.key, Err: fmt.Errorf("item %d on page %d has no id", i, page)}
		}
	}
	if s.mode == cursorNext && *p.HasMore && String(p.Next) == "" {
		return &PaginationError{Endpoint: s.key, Page: page, Reason: "has_more is true but the page has no next cursor"}
	}
	if *p.HasMore && len(p.Data) == 0 {
		return &PaginationError{Endpoint: s.key, Page: page, Reason: "has_more is true but the page has no data"}
	}
	return nil
}

// nextCursor picks the `after` for the page following a has_more page.
// checkPage has ensured the page has items, each with an id, so the cursor is
// never empty (for cursorNext, checkPage has required a next).
func nextCursor[T any](s listSpec[T], p *listPage[T]) string {
	if s.mode == cursorNext {
		return String(p.Next)
	}
	cursor := String(p.LastID)
	if s.mode == cursorLastItem || cursor == "" {
		cursor = s.id(&p.Data[len(p.Data)-1])
	}
	return cursor
}
