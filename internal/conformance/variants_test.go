package conformance

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// variant is one column of the matrix: a world derived from the schemas.
type variant struct {
	name  string
	class string // base, a, b, c, d or e
	// set overrides baseline values: endpoint -> path -> value (absent, null
	// or a JSON value).
	set map[string]map[string]any
	// requiredOnly names an endpoint generated with required fields only.
	requiredOnly string
	// items per list (default 1); lastRequiredOnly makes the last item of
	// every list required-only.
	items            int
	lastRequiredOnly bool
	mutate           func(world)
	paging           paging
	// varied are the field keys this variant makes absent, unknown or
	// truncated; a check reading one of them must not pass on it.
	varied []string
	// field/value: the enum field and value of a b or c variant.
	field, value string
	// emptyList: the varied list is sent empty and complete; truncated: it
	// is sent with has_more true.
	emptyList, truncated bool
	// reference names the variant whose outcomes a paging variant must
	// reproduce.
	reference string
}

const undocumented = "conformance_undocumented_value"

func set(field string, value any) map[string]map[string]any {
	ep, path, _ := strings.Cut(field, ":")
	return map[string]map[string]any{ep: {path: value}}
}

// withContext adds what makes a field meaningful: action fields exist on custom
// actions only.
func withContext(field string, s map[string]map[string]any) map[string]map[string]any {
	for _, t := range []string{tool, projectTool} {
		if strings.HasPrefix(field, t) && field != t+"type" {
			ep, path, _ := strings.Cut(t, ":")
			s[ep][path+"type"] = "custom_action"
		}
	}
	return s
}

// readFields is every field some check reads, sorted.
func readFields() []string {
	seen := map[string]bool{}
	for _, fs := range checkReads {
		for _, f := range fs {
			seen[f] = true
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// fieldInfo says whether a read field is optional at its level and which
// values the spec documents for it.
func fieldInfo(t *testing.T, field string) (optional, boolean bool, enum []string) {
	t.Helper()
	ep, path, _ := strings.Cut(field, ":")
	schema := itemSchema(t, endpointByName(ep))
	s := schemaAt(schema, path)
	if s == nil {
		t.Fatalf("read field %s is not in the schema of %s", field, ep)
	}
	parentPath, last := "", path
	if i := strings.LastIndex(path, "."); i >= 0 {
		parentPath, last = path[:i], path[i+1:]
	}
	parent := schemaAt(schema, parentPath)
	optional = !view(parent).required[strings.TrimSuffix(last, "[]")]
	for _, v := range view(s).enum {
		if s, ok := v.(string); ok {
			enum = append(enum, s)
		}
	}
	return optional, view(s).is("boolean"), enum
}

// nestedLists are the nested lists checks read, for variant d.
var nestedLists = []string{
	"gpts:latest_config", "gpts:latest_config.data[].tools", "gpts:latest_config.data[].files", "gpts:sharing.recipients",
	"chatgpt_projects:latest_config", "chatgpt_projects:latest_config.data[].files",
	"chatgpt_projects:latest_config.data[].tools", "chatgpt_projects:sharing.recipients",
	"conversations:messages", "conversations:messages.data[].files",
	"invites:projects",
}

func variants(t *testing.T, now time.Time) []variant {
	t.Helper()
	vs := []variant{{name: "base", class: "base"}}

	// (a) required fields only, per endpoint; varied = every optional field.
	for _, e := range endpoints {
		schema := itemSchema(t, e)
		full := generator{full: true, now: now, overrides: baseline(now)[e.name]}.instance(schema)
		req := generator{now: now}.instance(schema)
		fp, rp := map[string]bool{}, map[string]bool{}
		paths(full, "", fp)
		paths(req, "", rp)
		var varied []string
		for p := range fp {
			if !rp[p] && p != "id" {
				varied = append(varied, e.name+":"+p)
			}
		}
		sort.Strings(varied)
		vs = append(vs, variant{name: "a:required-only:" + e.name, class: "a", requiredOnly: e.name, varied: varied})
	}
	// (a) each optional field a check reads, absent on its own.
	enums := map[string][]string{}
	booleans := map[string]bool{}
	for _, f := range readFields() {
		optional, boolean, enum := fieldInfo(t, f)
		enums[f], booleans[f] = enum, boolean
		if optional {
			vs = append(vs, variant{name: "a:absent:" + f, class: "a", set: withContext(f, set(f, absent)), varied: []string{f}})
		}
	}
	// (b) each documented value of each enum a check reads (long enums:
	// the values a check flags plus the first three), and both values of
	// each boolean a check reads.
	for _, f := range readFields() {
		if booleans[f] {
			for _, v := range []bool{true, false} {
				vs = append(vs, variant{name: fmt.Sprintf("b:%s=%t", f, v), class: "b", set: withContext(f, set(f, v)), field: f, value: fmt.Sprint(v)})
			}
			continue
		}
		values := enums[f]
		if len(values) > 8 {
			keep := map[string]bool{}
			for _, m := range mustFlag {
				for _, v := range m[f] {
					keep[v] = true
				}
			}
			var short []string
			for i, v := range values {
				if i < 3 || keep[v] {
					short = append(short, v)
				}
			}
			values = short
		}
		for _, v := range values {
			vs = append(vs, variant{name: fmt.Sprintf("b:%s=%s", f, v), class: "b", set: withContext(f, set(f, v)), field: f, value: v})
		}
	}
	// (c) an undocumented value of each enum (or enum-like field) a check
	// reads, and unknown extra fields on every object of each endpoint.
	for _, f := range readFields() {
		if len(enums[f]) > 0 || contains(enumLike, f) {
			vs = append(vs, variant{name: "c:undocumented:" + f, class: "c", set: withContext(f, set(f, undocumented)), varied: []string{f}, field: f})
		}
	}
	// A timestamp in the future is as unknown as an absent one (clock skew
	// or a bad record): a check must not pass because a key looks "used
	// tomorrow" or a user "added next year". Expiry dates are meant to be in
	// the future and are left out.
	for _, f := range readFields() {
		if name := f[strings.LastIndexAny(f, ".:")+1:]; strings.HasSuffix(name, "_at") && name != "expires_at" {
			vs = append(vs, variant{name: "c:future:" + f, class: "c", set: withContext(f, set(f, now.AddDate(1, 0, 0).Unix())), varied: []string{f}})
		}
	}
	for _, e := range endpoints {
		name := e.name
		vs = append(vs, variant{name: "c:extra-fields:" + name, class: "c", mutate: func(w world) {
			for _, it := range w.itemsOf(name) {
				addExtra(it, 0)
			}
		}})
	}
	// (d) nested lists missing, empty (and complete), truncated.
	for _, f := range nestedLists {
		ep, path, _ := strings.Cut(f, ":")
		vs = append(vs,
			variant{name: "d:missing:" + f, class: "d", set: set(f, absent), varied: []string{f}},
			variant{name: "d:empty:" + f, class: "d", varied: []string{f}, emptyList: true, mutate: func(w world) {
				for _, it := range w.itemsOf(ep) {
					visit(it, path, func(parent map[string]any, key string) {
						if m, ok := parent[key].(map[string]any); ok {
							m["data"], m["has_more"] = []any{}, false
							delete(m, "last_id")
						} else {
							parent[key] = []any{}
						}
					})
				}
			}},
			variant{name: "d:truncated:" + f, class: "d", varied: []string{f}, truncated: true, mutate: func(w world) {
				for _, it := range w.itemsOf(ep) {
					visit(it, path, func(parent map[string]any, key string) {
						switch x := parent[key].(type) {
						case map[string]any:
							x["has_more"] = true
						case []any: // a bare array cannot say has_more: send the list object
							parent[key] = map[string]any{"object": "list", "data": x, "has_more": true}
						}
					})
				}
			}},
		)
	}
	// (e) pagination: three items per list, the last one required-only, read
	// in one page (reference), one item per page, and with an empty last page.
	vs = append(vs,
		variant{name: "e:reference(3 items, last required-only)", class: "e", items: 3, lastRequiredOnly: true},
		variant{name: "e:short-pages", class: "e", items: 3, lastRequiredOnly: true, paging: pagingShort, reference: "e:reference(3 items, last required-only)"},
		variant{name: "e:empty-last-page", class: "e", items: 3, lastRequiredOnly: true, paging: pagingEmptyLast, reference: "e:reference(3 items, last required-only)"},
	)
	return vs
}

func addExtra(m map[string]any, depth int) {
	if depth > 6 {
		return
	}
	for _, v := range m {
		switch x := v.(type) {
		case map[string]any:
			addExtra(x, depth+1)
		case []any:
			for _, it := range x {
				if c, ok := it.(map[string]any); ok {
					addExtra(c, depth+1)
				}
			}
		}
	}
	m["x_conformance_extra"] = map[string]any{"object": "conformance.unknown", "data": []any{1, "two"}, "has_more": true}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
