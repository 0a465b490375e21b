package openaisim

import (
	"net/url"
	"strconv"
)

// adminList is the Admin API "style A" envelope (digest §1.4): last_id is always the id
// of the last item (null when empty) and has_more is false on the last page, which
// satisfies both openai-go pagers and the official provider's cursor rule.
type adminList struct {
	Object  string  `json:"object"`
	Data    []any   `json:"data"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
	HasMore bool    `json:"has_more"`
}

// complianceList is the Compliance API GenericList envelope (digest §2.4): no first_id.
// GUESS (digest §2.4): on an empty page last_id is omitted (the spec types it as a
// non-nullable string and clients stop when it is missing).
type complianceList struct {
	Object  string `json:"object"`
	Data    []any  `json:"data"`
	LastID  string `json:"last_id,omitempty"`
	HasMore bool   `json:"has_more"`
}

// page is one page of a list plus the ids that frame it.
type page struct {
	data    []any
	ids     []string
	hasMore bool
}

func (p page) admin() adminList {
	out := adminList{Object: "list", Data: p.data, HasMore: p.hasMore}
	if out.Data == nil {
		out.Data = []any{}
	}
	if n := len(p.ids); n > 0 {
		out.FirstID, out.LastID = strp(p.ids[0]), strp(p.ids[n-1])
	}
	return out
}

func (p page) compliance() complianceList {
	out := complianceList{Object: "list", Data: p.data, HasMore: p.hasMore}
	if out.Data == nil {
		out.Data = []any{}
	}
	if n := len(p.ids); n > 0 {
		out.LastID = p.ids[n-1]
	}
	return out
}

// paginate cuts one page out of items (already in list order). after = id of the item
// before the page; before = id of the item after the page (audit logs only).
// GUESS (digest §1.4): an unknown cursor yields an empty last page rather than an error;
// the spec does not say.
func paginate[T any](items []T, id func(T) string, render func(T) any, after, before string, limit int) page {
	start, end := 0, len(items)
	if after != "" {
		start = len(items)
		for i, it := range items {
			if id(it) == after {
				start = i + 1
				break
			}
		}
	}
	if before != "" {
		end = 0
		for i, it := range items {
			if id(it) == before {
				end = i
				break
			}
		}
		if end < start {
			end = start
		}
		var p page
		s := end - limit
		if s < start {
			s = start
		}
		for _, it := range items[s:end] {
			p.data = append(p.data, render(it))
			p.ids = append(p.ids, id(it))
		}
		p.hasMore = s > start
		return p
	}
	var p page
	stop := start + limit
	if stop > end {
		stop = end
	}
	for _, it := range items[start:stop] {
		p.data = append(p.data, render(it))
		p.ids = append(p.ids, id(it))
	}
	p.hasMore = stop < end
	return p
}

// parseLimit reads `limit` with a default and an inclusive maximum (the minimum is 1);
// out of range or not an integer is a 400 naming `limit`, like the real API's
// validation errors.
func parseLimit(q url.Values, def, hi int) (int, *apiError) {
	v := q.Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errInvalidParam("limit", "Invalid 'limit': expected an integer, got %q.", v)
	}
	if n < 1 || n > hi {
		return 0, errInvalidParam("limit", "Invalid 'limit': integer %d out of range; limit must be between 1 and %d.", n, hi)
	}
	return n, nil
}

// qArray returns the values of an array query parameter given as `name=` or `name[]=`
// (openai-go sends brackets, others do not; digest §1.4).
func qArray(q url.Values, name string) []string {
	out := append([]string(nil), q[name]...)
	return append(out, q[name+"[]"]...)
}

// qNested returns a nested parameter given as `name[key]=` or `name.key=`.
func qNested(q url.Values, name, key string) string {
	if v := q.Get(name + "[" + key + "]"); v != "" {
		return v
	}
	return q.Get(name + "." + key)
}

func parseBool(q url.Values, name string) (bool, *apiError) {
	v := q.Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errInvalidParam(name, "Invalid '%s': expected a boolean, got %q.", name, v)
	}
	return b, nil
}
