package openaisim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

// FixtureError is a fixture decoding or validation error at a JSON path such as
// "projects[2].api_keys[0].owner.type".
type FixtureError struct {
	Path string
	Msg  string
}

func (e *FixtureError) Error() string {
	if e.Path == "" {
		return "fixture: " + e.Msg
	}
	return "fixture: " + e.Path + ": " + e.Msg
}

func fixErr(path, format string, args ...any) error {
	return &FixtureError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// LoadFixture decodes a fixture strictly: unknown fields, wrong JSON types, missing
// required fields, invalid enum values and malformed timestamps are errors naming the
// JSON path (and, for enums, the valid choices). It then checks cross references
// (unique ids, project users that are org users, ...).
func LoadFixture(r io.Reader) (*Fixture, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("fixture: read: %w", err)
	}
	// "{{fake_secret:<kind>}}" plants a fake secret built at run time.
	if raw, err = expandFakeSecrets(raw); err != nil {
		return nil, err
	}
	// Pass 1: generic decode, walked against the Go types so errors carry a path.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, fmt.Errorf("fixture: invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("fixture: invalid JSON: trailing data after the top-level object")
	}
	if err := checkValue("", generic, reflect.TypeOf(Fixture{})); err != nil {
		return nil, err
	}
	// Pass 2: the real decode; pass 1 already rejected everything it could reject.
	var f Fixture
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("fixture: %w", err)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

var (
	timeType = reflect.TypeOf(Time{})
	rawType  = reflect.TypeOf(json.RawMessage(nil))
)

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func checkValue(path string, v any, t reflect.Type) error {
	switch t {
	case timeType:
		switch x := v.(type) {
		case nil, json.Number:
			return nil
		case string:
			if _, err := ParseTime(x); err != nil {
				return fixErr(path, "%v", err)
			}
			return nil
		}
		return fixErr(path, "want a timestamp (string like \"-3d\"/RFC 3339, or Unix seconds), got %s", jsonKind(v))
	case rawType:
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v == nil {
			return nil
		}
		return checkValue(path, v, t.Elem())
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return fixErr(path, "want an object, got %s", jsonKind(v))
		}
		return checkStruct(path, m, t)
	case reflect.Slice:
		if v == nil {
			return nil
		}
		arr, ok := v.([]any)
		if !ok {
			return fixErr(path, "want an array, got %s", jsonKind(v))
		}
		for i, e := range arr {
			if err := checkValue(fmt.Sprintf("%s[%d]", path, i), e, t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if v == nil {
			return nil
		}
		m, ok := v.(map[string]any)
		if !ok {
			return fixErr(path, "want an object, got %s", jsonKind(v))
		}
		for _, k := range sortedKeys(m) {
			if err := checkValue(join(path, k), m[k], t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if _, ok := v.(string); !ok {
			return fixErr(path, "want a string, got %s", jsonKind(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return fixErr(path, "want a boolean, got %s", jsonKind(v))
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(json.Number)
		if !ok {
			return fixErr(path, "want an integer, got %s", jsonKind(v))
		}
		if _, err := n.Int64(); err != nil {
			return fixErr(path, "want an integer, got %s", n)
		}
	case reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return fixErr(path, "want a number, got %s", jsonKind(v))
		}
	case reflect.Interface:
		return nil
	default:
		return fixErr(path, "unsupported type %s", t)
	}
	return nil
}

func checkStruct(path string, m map[string]any, t reflect.Type) error {
	type fieldInfo struct {
		f        reflect.StructField
		required bool
		enum     []string
	}
	fields := map[string]fieldInfo{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		fi := fieldInfo{f: sf, required: sf.Tag.Get("required") == "true"}
		if e := sf.Tag.Get("enum"); e != "" {
			fi.enum = strings.Split(e, "|")
		}
		fields[name] = fi
		names = append(names, name)
	}
	for _, k := range sortedKeys(m) {
		fi, ok := fields[k]
		if !ok {
			sort.Strings(names)
			return fixErr(join(path, k), "unknown field; valid fields here: %s", strings.Join(names, ", "))
		}
		p := join(path, k)
		if err := checkValue(p, m[k], fi.f.Type); err != nil {
			return err
		}
		if s, isStr := m[k].(string); isStr && fi.enum != nil && !(s == "" && !fi.required) {
			if !contains(fi.enum, s) {
				return fixErr(p, "invalid value %q; valid choices: %s", s, strings.Join(fi.enum, ", "))
			}
		}
	}
	for _, name := range names {
		fi := fields[name]
		if v, ok := m[name]; fi.required && (!ok || v == nil) {
			return fixErr(join(path, name), "required field missing")
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Clone returns a deep copy of the fixture (via its JSON form, which round-trips).
func (f *Fixture) Clone() *Fixture {
	b, err := json.Marshal(f)
	if err != nil {
		panic("openaisim: clone fixture: " + err.Error())
	}
	var out Fixture
	if err := json.Unmarshal(b, &out); err != nil {
		panic("openaisim: clone fixture: " + err.Error())
	}
	return &out
}
