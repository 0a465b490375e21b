package conformance

import (
	"maps"
	"strings"
	"testing"
	"time"
)

// build generates the world a variant serves: every endpoint's objects from
// its schema with the baseline values, the variant's overrides on top, the
// variant's endpoint (if any) with required fields only, then the variant's
// mutation.
func (v variant) build(t *testing.T, now time.Time) world {
	t.Helper()
	n := max(v.items, 1)
	base := baseline(now)
	w := world{lists: map[string][]map[string]any{}, objects: map[string]map[string]any{}}
	projectIDs := idsFor(endpointByName("projects"), n)
	gptIDs := idsFor(endpointByName("gpts"), n)
	for _, e := range endpoints {
		schema := itemSchema(t, e)
		ov := maps.Clone(base[e.name])
		maps.Copy(ov, v.set[e.name])
		g := generator{full: v.requiredOnly != e.name, now: now, overrides: ov}
		reqOnly := generator{now: now, overrides: v.set[e.name]}
		for _, path := range concretePaths(e, projectIDs, gptIDs) {
			if !e.list {
				w.objects[path] = g.instance(schema)
				continue
			}
			ids := idsFor(e, n)
			items := make([]map[string]any, n)
			for i := range items {
				gen := g
				if v.lastRequiredOnly && i == n-1 && n > 1 {
					gen = reqOnly
				}
				items[i] = gen.instance(schema)
				// Every list item keeps its id, even where the spec marks
				// none required (Compliance): without one the client rejects
				// the page, which the fault matrix already covers.
				items[i]["id"] = ids[i]
			}
			w.lists[path] = items
		}
	}
	if v.mutate != nil {
		v.mutate(w)
	}
	return w
}

// itemsOf returns every object served for an endpoint (all its concrete
// paths), for mutations.
func (w world) itemsOf(name string) []map[string]any {
	e := endpointByName(name)
	var out []map[string]any
	prefix := strings.SplitN(strings.ReplaceAll(e.spec, "{workspace_id}", workspaceID), "{", 2)[0]
	suffix := e.spec[strings.LastIndex(e.spec, "/"):]
	for p, items := range w.lists {
		if matches(e, p, prefix, suffix) {
			out = append(out, items...)
		}
	}
	for p, obj := range w.objects {
		if matches(e, p, prefix, suffix) {
			out = append(out, obj)
		}
	}
	return out
}

func matches(e endpoint, p, prefix, suffix string) bool {
	if !strings.Contains(strings.ReplaceAll(e.spec, "{workspace_id}", ""), "{") {
		return p == strings.ReplaceAll(e.spec, "{workspace_id}", workspaceID)
	}
	return strings.HasPrefix(p, prefix) && strings.HasSuffix(p, suffix) && strings.Count(p, "/") == strings.Count(e.spec, "/")
}

// visit calls fn with the parent object and key of every value at a dotted
// path ("latest_config.data[].tools") inside obj.
func visit(obj map[string]any, path string, fn func(parent map[string]any, key string)) {
	seg, rest, more := strings.Cut(path, ".")
	arr := strings.HasSuffix(seg, "[]")
	seg = strings.TrimSuffix(seg, "[]")
	if !more {
		if _, ok := obj[seg]; ok && !arr {
			fn(obj, seg)
		}
		return
	}
	child := obj[seg]
	if arr {
		list, _ := child.([]any)
		for _, it := range list {
			if m, ok := it.(map[string]any); ok {
				visit(m, rest, fn)
			}
		}
		return
	}
	if m, ok := child.(map[string]any); ok {
		visit(m, rest, fn)
	}
}
