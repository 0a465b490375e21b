package posture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// ocsfExcerptPath is the JSON Schema of the Compliance Finding class that the
// OCSF report is validated against, compiled from the published OCSF schema
// release OCSFSchemaVersion (see testdata/ocsf/README.md).
var ocsfExcerptPath = filepath.Join("testdata", "ocsf", "compliance_finding-"+OCSFSchemaVersion+".schema.json")

// ocsfExpandedObjects are the OCSF objects the excerpt defines in full. Any
// other object type is compiled to `false`: an event that carries one fails
// validation, and the fix is to add the object here and regenerate.
var ocsfExpandedObjects = []string{"check", "compliance", "finding_info", "metadata", "product", "remediation", "resource_details"}

// TestOCSFSchemaExcerpt regenerates the excerpt from a checkout of
// github.com/ocsf/ocsf-schema at the pinned release and fails when the
// committed one differs (OCSF_UPDATE=1 writes it). It needs the checkout, so
// it only runs when OCSF_SCHEMA_DIR names one:
//
//	OCSF_SCHEMA_DIR=/path/to/ocsf-schema OCSF_UPDATE=1 go test -run TestOCSFSchemaExcerpt ./internal/posture/
func TestOCSFSchemaExcerpt(t *testing.T) {
	dir := os.Getenv("OCSF_SCHEMA_DIR")
	if dir == "" {
		t.Skip("set OCSF_SCHEMA_DIR to a checkout of github.com/ocsf/ocsf-schema at " + OCSFSchemaVersion)
	}
	got, err := compileOCSFExcerpt(dir)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("OCSF_UPDATE") != "" {
		if err := os.WriteFile(ocsfExcerptPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(ocsfExcerptPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: rerun with OCSF_UPDATE=1", ocsfExcerptPath)
	}
}

type ocsfSource struct {
	dir        string
	dictionary map[string]map[string]any // attribute name -> definition
	types      map[string]map[string]any // type name -> definition
}

func readJSONFile(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func compileOCSFExcerpt(dir string) ([]byte, error) {
	ver, err := readJSONFile(filepath.Join(dir, "version.json"))
	if err != nil {
		return nil, err
	}
	if ver["version"] != OCSFSchemaVersion {
		return nil, fmt.Errorf("%s is OCSF %v, want %s", dir, ver["version"], OCSFSchemaVersion)
	}
	dict, err := readJSONFile(filepath.Join(dir, "dictionary.json"))
	if err != nil {
		return nil, err
	}
	src := ocsfSource{dir: dir, dictionary: asDefs(dict["attributes"]), types: asDefs(dict["types"].(map[string]any)["attributes"])}

	class, err := src.resolve(filepath.Join("events", "findings"), "compliance_finding", "events")
	if err != nil {
		return nil, err
	}
	cats, err := readJSONFile(filepath.Join(dir, "categories.json"))
	if err != nil {
		return nil, err
	}
	catUID := int(cats["attributes"].(map[string]any)["findings"].(map[string]any)["uid"].(float64))
	classUID := catUID*1000 + int(class.def["uid"].(float64))

	classSchema, err := src.objectSchema(class)
	if err != nil {
		return nil, err
	}
	props := classSchema["properties"].(map[string]any)
	props["class_uid"] = map[string]any{"const": classUID}
	props["category_uid"] = map[string]any{"const": catUID}
	var typeUIDs []int
	for _, id := range props["activity_id"].(map[string]any)["enum"].([]int) {
		typeUIDs = append(typeUIDs, classUID*100+id)
	}
	props["type_uid"] = map[string]any{"enum": typeUIDs}

	defs := map[string]any{}
	for _, name := range ocsfExpandedObjects {
		obj, err := src.resolve("objects", name, "objects")
		if err != nil {
			return nil, err
		}
		s, err := src.objectSchema(obj)
		if err != nil {
			return nil, err
		}
		defs[name] = s
	}
	classSchema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	classSchema["$id"] = "https://schema.ocsf.io/" + OCSFSchemaVersion + "/classes/compliance_finding"
	classSchema["title"] = fmt.Sprintf("OCSF %s Compliance Finding (class_uid %d), excerpt compiled from github.com/ocsf/ocsf-schema", OCSFSchemaVersion, classUID)
	classSchema["$defs"] = defs
	out, err := json.MarshalIndent(classSchema, "", "  ")
	return append(out, '\n'), err
}

func asDefs(v any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, d := range v.(map[string]any) {
		if m, ok := d.(map[string]any); ok {
			out[k] = m
		}
	}
	return out
}

// resolved is a class or object with its extends chain merged.
type resolved struct {
	name        string
	def         map[string]any
	attributes  map[string]map[string]any
	constraints map[string]any
}

// resolve loads name from folder (searched recursively under root for
// classes) and merges its parents: a child's attribute settings override its
// parent's, key by key, as the OCSF server does.
func (s ocsfSource) resolve(folder, name, root string) (resolved, error) {
	path := filepath.Join(s.dir, folder, name+".json")
	if _, err := os.Stat(path); err != nil {
		found := ""
		_ = filepath.Walk(filepath.Join(s.dir, root), func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && filepath.Base(p) == name+".json" {
				found = p
			}
			return nil
		})
		if found == "" {
			return resolved{}, fmt.Errorf("OCSF %s %q not found under %s", root, name, s.dir)
		}
		path = found
	}
	def, err := readJSONFile(path)
	if err != nil {
		return resolved{}, err
	}
	r := resolved{name: name, def: def, attributes: map[string]map[string]any{}}
	if parent, ok := def["extends"].(string); ok && parent != "" {
		p, err := s.resolve(folder, parent, root)
		if err != nil {
			return resolved{}, err
		}
		r.attributes, r.constraints = p.attributes, p.constraints
		if _, ok := def["uid"]; !ok {
			def["uid"] = p.def["uid"]
		}
	}
	for attr, v := range def["attributes"].(map[string]any) {
		m, ok := v.(map[string]any)
		if !ok || attr == "$include" { // profiles are not applied
			continue
		}
		r.attributes[attr] = deepMerge(r.attributes[attr], m)
	}
	if c, ok := def["constraints"].(map[string]any); ok {
		r.constraints = c
	}
	return r, nil
}

func deepMerge(base, over map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		bm, ok1 := out[k].(map[string]any)
		om, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			out[k] = deepMerge(bm, om)
			continue
		}
		out[k] = v
	}
	return out
}

// objectSchema compiles a resolved class or object into a JSON Schema
// object: every attribute typed, required ones required, enums closed,
// no other attributes allowed.
func (s ocsfSource) objectSchema(r resolved) (map[string]any, error) {
	props := map[string]any{}
	var required []string
	expanded := map[string]bool{}
	for _, o := range ocsfExpandedObjects {
		expanded[o] = true
	}
	for name, local := range r.attributes {
		dictDef, ok := s.dictionary[name]
		if !ok {
			return nil, fmt.Errorf("%s.%s is not in the OCSF dictionary", r.name, name)
		}
		a := deepMerge(dictDef, local)
		typ, _ := a["type"].(string)
		var item map[string]any
		switch {
		case typ == "object":
			item = map[string]any{"type": "object"}
		case typ == "json_t":
			item = map[string]any{}
		case s.types[typ] != nil || typ == "":
			base := typ
			for s.types[base] != nil && s.types[base]["type"] != nil {
				base = s.types[base]["type"].(string)
			}
			jt, ok := map[string]string{"string_t": "string", "integer_t": "integer", "long_t": "integer",
				"float_t": "number", "boolean_t": "boolean"}[base]
			if !ok {
				return nil, fmt.Errorf("%s.%s: unknown OCSF base type %q", r.name, name, base)
			}
			item = map[string]any{"type": jt}
			if enum, ok := a["enum"].(map[string]any); ok {
				var ids []int
				for k := range enum {
					id, err := strconv.Atoi(k)
					if err != nil {
						return nil, fmt.Errorf("%s.%s: enum key %q", r.name, name, k)
					}
					ids = append(ids, id)
				}
				sort.Ints(ids)
				item["enum"] = ids
			}
		case expanded[typ]:
			item = map[string]any{"$ref": "#/$defs/" + typ}
		default:
			// An object the excerpt does not define: present, it fails.
			item = map[string]any{"not": map[string]any{}, "description": "OCSF object " + typ + " is not in this excerpt"}
		}
		if isArray, _ := a["is_array"].(bool); isArray {
			item = map[string]any{"type": "array", "items": item}
		}
		props[name] = item
		if a["requirement"] == "required" {
			required = append(required, name)
		}
	}
	sort.Strings(required)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if required != nil {
		out["required"] = required
	}
	for kind, names := range r.constraints {
		var alts []any
		for _, n := range names.([]any) {
			alts = append(alts, map[string]any{"required": []any{n}})
		}
		switch kind {
		case "at_least_one":
			out["anyOf"] = alts
		case "just_one":
			out["oneOf"] = alts
		default:
			return nil, fmt.Errorf("%s: unknown OCSF constraint %q", r.name, kind)
		}
	}
	return out, nil
}
