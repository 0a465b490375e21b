package openaisim

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// undeclaredFields returns the JSON paths of object keys that v carries but schema s
// does not declare (schemas without declared properties, or with additionalProperties,
// accept anything). VisitJSON alone accepts extra keys, so a simulator field with a
// misspelt or invented name would pass it.
func undeclaredFields(s *openapi3.Schema, v any, path string) []string {
	if s == nil {
		return nil
	}
	var out []string
	// allOf parts are merged by allProperties; an anyOf/oneOf alternative is walked when
	// the value matches it.
	for _, sub := range append(append(openapi3.SchemaRefs{}, s.AnyOf...), s.OneOf...) {
		if sub.Value != nil && matches(sub.Value, v) {
			out = append(out, undeclaredFields(sub.Value, v, path)...)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props := allProperties(s)
		open := len(props) == 0 || (s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has) || s.AdditionalProperties.Schema != nil
		for k, val := range x {
			p, ok := props[k]
			if !ok {
				if !open {
					out = append(out, path+"."+k)
				}
				continue
			}
			out = append(out, undeclaredFields(p, val, path+"."+k)...)
		}
	case []any:
		if s.Items != nil {
			for i, it := range x {
				out = append(out, undeclaredFields(s.Items.Value, it, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return out
}

// allProperties merges the properties of s and of its allOf parts.
func allProperties(s *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	for k, p := range s.Properties {
		out[k] = p.Value
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			for k, p := range allProperties(sub.Value) {
				out[k] = p
			}
		}
	}
	return out
}

func matches(s *openapi3.Schema, v any) bool { return s.VisitJSON(v) == nil }

// tenantPayloadKey matches the payload key of a tenant-scoped audit event in a list.
var tenantPayloadKey = regexp.MustCompile(`^\.data\[\d+\]\.tenant\.[a-z_.]+$`)

func TestServedFieldsAreDeclared(t *testing.T) {
	loadSpecs(t)
	s := newSim(t, SampleOrg())
	var problems []string
	for _, key := range EndpointKeys() {
		if fileContentEndpoints[key] {
			continue // 307 to the download host, no JSON body (file_content_test.go)
		}
		tmpl := strings.TrimPrefix(key, "GET ")
		path := tmpl
		for k, v := range sampleParams {
			if k == "{project_id}" && strings.HasPrefix(tmpl, "/compliance/") {
				v = "g-p-SimPayroll"
			}
			path = strings.ReplaceAll(path, k, v)
		}
		doc, base, apiKey := adminDoc, s.AdminBaseURL(), AdminKey
		if strings.HasPrefix(tmpl, "/compliance/") {
			doc, base, apiKey = complDoc, s.ComplianceBaseURL(), ComplianceKey
			path = strings.ReplaceAll(path, "{workspace_id}", s.WorkspaceID())
		}
		q := "?limit=100"
		if strings.HasSuffix(tmpl, "}") || strings.Contains(tmpl, "retention") || strings.Contains(tmpl, "spend_limit") || strings.Contains(tmpl, "permissions") || strings.HasSuffix(tmpl, "shared_users") {
			q = ""
		}
		if tmpl == "/organization/projects/{project_id}/api_keys" {
			q += "&owner_project_access=any"
		}
		r := doGet(t, base+path+q, apiKey)
		if r.status != 200 {
			t.Errorf("%s: %d", path, r.status)
			continue
		}
		var v any
		_ = json.Unmarshal(r.raw, &v)
		for _, p := range undeclaredFields(responseSchema(t, doc, tmpl), v, "") {
			problems = append(problems, key+": "+p)
		}
	}
	// Tenant-scoped events (served only with tenant_only=true). GUESS: S1's AuditLog has
	// no payload property for tenant.* types; the simulator serves their payload under the
	// type key like every other event, the one undeclared key allowed here.
	r := doGet(t, s.AdminBaseURL()+"/organization/audit_logs?limit=100&tenant_only=true", AdminKey)
	var v map[string]any
	_ = json.Unmarshal(r.raw, &v)
	for _, p := range undeclaredFields(responseSchema(t, adminDoc, "/organization/audit_logs"), v, "") {
		if !tenantPayloadKey.MatchString(p) {
			problems = append(problems, "tenant_only audit logs: "+p)
		}
	}
	if len(v["data"].([]any)) == 0 {
		t.Error("no tenant-scoped events to check")
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

// TestUndeclaredFieldsCatchesDrift is the negative control: a misspelt field, nested or
// at the top, must be reported.
func TestUndeclaredFieldsCatchesDrift(t *testing.T) {
	loadSpecs(t)
	s := newSim(t, SampleOrg())
	for _, c := range []struct{ path, tmpl string }{
		{"/organization/users", "/organization/users"},
		{"/organization/projects/proj_sim_production/api_keys", "/organization/projects/{project_id}/api_keys"},
	} {
		body := s.testAdmin(t, c.path)
		item := body["data"].([]any)[0].(map[string]any)
		item["emial"] = "x@example.com"
		body["frist_id"] = "x"
		if o, ok := item["owner"].(map[string]any); ok {
			o["usr"] = map[string]any{}
		}
		got := strings.Join(undeclaredFields(responseSchema(t, adminDoc, c.tmpl), any(body), ""), " ")
		for _, want := range []string{".data[0].emial", ".frist_id"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %s not reported (got %q)", c.path, want, got)
			}
		}
		if _, ok := item["owner"]; ok && !strings.Contains(got, ".data[0].owner.usr") {
			t.Errorf("%s: nested owner.usr not reported (got %q)", c.path, got)
		}
	}
}
