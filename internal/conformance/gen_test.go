package conformance

import (
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaView is a schema with allOf merged and anyOf/oneOf resolved to one
// non-null alternative: what an instance of it looks like.
type schemaView struct {
	types    []string
	props    map[string]*openapi3.SchemaRef
	required map[string]bool
	items    *openapi3.SchemaRef
	// enum collects the documented values of the schema and of every
	// alternative (SpendLimitEnforcementStatus is anyOf[string, enum]).
	enum    []any
	example any
}

func view(ref *openapi3.SchemaRef) schemaView {
	v := schemaView{props: map[string]*openapi3.SchemaRef{}, required: map[string]bool{}}
	v.merge(ref, 0)
	return v
}

func (v *schemaView) merge(ref *openapi3.SchemaRef, depth int) {
	if ref == nil || ref.Value == nil || depth > 8 {
		return
	}
	s := ref.Value
	if s.Type != nil && len(v.types) == 0 {
		v.types = s.Type.Slice()
	}
	for name, p := range s.Properties {
		v.props[name] = p
	}
	for _, r := range s.Required {
		v.required[r] = true
	}
	if s.Items != nil {
		v.items = s.Items
	}
	v.enum = append(v.enum, s.Enum...)
	if v.example == nil && s.Example != nil {
		v.example = s.Example
	}
	for _, part := range s.AllOf {
		v.merge(part, depth+1)
	}
	alts := append(append(openapi3.SchemaRefs{}, s.AnyOf...), s.OneOf...)
	picked := false
	for _, alt := range alts {
		if alt.Value == nil || (alt.Value.Type != nil && alt.Value.Type.Is("null")) {
			continue
		}
		v.enum = append(v.enum, alt.Value.Enum...)
		if !picked {
			v.merge(alt, depth+1)
			picked = true
		}
	}
}

func (v schemaView) is(t string) bool {
	for _, x := range v.types {
		if x == t {
			return true
		}
	}
	return false
}

// Sentinels for overrides: omit the field, or send JSON null.
type absentValue struct{}
type nullValue struct{}

var (
	absent = absentValue{}
	null   = nullValue{}
)

// generator builds JSON instances of schemas. full selects every property;
// otherwise only required ones. overrides maps a dotted path ("sharing.
// visibility", arrays as "[]") to the value to use there; anything without
// an override gets a type-appropriate value (the schema's enum or example
// first).
type generator struct {
	full      bool
	now       time.Time
	overrides map[string]any
}

// overridesUnder reports whether an override sets path or a field below it:
// an audit event's payload property (named after its type, with dots) is
// generated only when the world gives it values.
func (g generator) overridesUnder(path string) bool {
	for p := range g.overrides {
		if p == path || strings.HasPrefix(p, path+".") {
			return true
		}
	}
	return false
}

func (g generator) instance(ref *openapi3.SchemaRef) map[string]any {
	v, _ := g.gen(ref, "", 0)
	m, _ := v.(map[string]any)
	return m
}

func (g generator) gen(ref *openapi3.SchemaRef, path string, depth int) (any, bool) {
	if ov, ok := g.overrides[path]; ok && path != "" {
		switch ov.(type) {
		case absentValue:
			return nil, false
		case nullValue:
			return nil, true
		}
		return ov, true
	}
	v := view(ref)
	name := path[strings.LastIndex(path, ".")+1:]
	name = strings.TrimSuffix(name, "[]")
	switch {
	case len(v.props) > 0 || v.is("object"):
		out := map[string]any{}
		if depth > 8 {
			return out, true
		}
		names := make([]string, 0, len(v.props))
		for n := range v.props {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			// Audit log payloads are properties named after event types
			// ("api_key.created"); an event carries only its own.
			child := n
			if path != "" {
				child = path + "." + n
			}
			if (strings.Contains(n, ".") && !g.overridesUnder(child)) || (!g.full && !v.required[n]) {
				continue
			}
			if x, ok := g.gen(v.props[n], child, depth+1); ok {
				out[n] = x
			}
		}
		// Overrides may add fields the schema does not declare (extra or
		// required-only ids).
		for p, ov := range g.overrides {
			rest, ok := strings.CutPrefix(p, path+".")
			if path == "" {
				rest, ok = p, true
			}
			if !ok || strings.ContainsAny(rest, ".[") {
				continue
			}
			if _, declared := v.props[rest]; declared {
				continue // generated above, or left out as optional
			}
			switch ov.(type) {
			case absentValue:
			case nullValue:
				out[rest] = nil
			default:
				out[rest] = ov
			}
		}
		return out, true
	case v.is("array"):
		x, ok := g.gen(v.items, path+"[]", depth+1)
		if !ok {
			return []any{}, true
		}
		return []any{x}, true
	case v.is("integer") || v.is("number"):
		if strings.HasSuffix(name, "_at") || name == "created" {
			return g.now.AddDate(0, 0, -60).Unix(), true
		}
		return 1, true
	case v.is("boolean"):
		return false, true
	}
	if len(v.enum) > 0 {
		return v.enum[0], true
	}
	if s, ok := v.example.(string); ok {
		return s, true
	}
	switch {
	case name == "email" || strings.HasSuffix(name, "_email"):
		return "member@example.com", true
	case strings.HasSuffix(name, "_url"):
		return "https://example.com/" + name, true
	}
	return "conformance-" + name, true
}

// paths lists the dotted paths of every value in an instance (arrays as
// "[]"), so two instances can be compared field by field.
func paths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			paths(c, p, out)
		}
	case []any:
		for _, c := range x {
			paths(c, prefix+"[]", out)
		}
	}
}

// schemaAt walks a dotted path down a schema.
func schemaAt(ref *openapi3.SchemaRef, path string) *openapi3.SchemaRef {
	if path == "" {
		return ref
	}
	for _, seg := range strings.Split(path, ".") {
		arr := strings.HasSuffix(seg, "[]")
		seg = strings.TrimSuffix(seg, "[]")
		ref = view(ref).props[seg]
		if ref == nil {
			return nil
		}
		for arr {
			ref = view(ref).items
			if ref == nil {
				return nil
			}
			arr = false
		}
	}
	return ref
}
