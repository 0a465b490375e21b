package openaisim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Spec validation: every served endpoint's 200 body is validated against the response
// schema of the same path in the OpenAPI specs in ../shared/api (relative to the repo
// root). The whole documents do not pass doc.Validate (the Admin spec has a
// $recursiveRef sibling quirk in AdditionalTools; the Compliance spec declares an http
// security scheme with `in`), so we validate per response schema with VisitJSON, which
// works for every endpoint the simulator serves. Format validation (uuid, email, url) is
// off in kin-openapi by default and stays off: the spec's own examples (g-p-… for a
// "uuid" project id) would fail it.

var (
	specOnce           sync.Once
	adminDoc, complDoc *openapi3.T
	specErr            error
	specDir            string
)

func findSpecDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("spec validation skipped: no go.mod above the test directory")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "api")
	if _, err := os.Stat(filepath.Join(d, "openai-openapi.yaml")); err != nil {
		t.Skipf("spec validation skipped: %s not found (the OpenAPI specs live outside the repo)", d)
	}
	return d
}

func loadSpecs(t *testing.T) {
	t.Helper()
	dir := findSpecDir(t)
	specOnce.Do(func() {
		specDir = dir
		l := openapi3.NewLoader()
		adminDoc, specErr = l.LoadFromFile(filepath.Join(dir, "openai-openapi.yaml"))
		if specErr != nil {
			return
		}
		l2 := openapi3.NewLoader()
		complDoc, specErr = l2.LoadFromFile(filepath.Join(dir, "chatgpt-compliance-openapi-1.1.1.json"))
	})
	if specErr != nil {
		t.Fatalf("load specs from %s: %v", specDir, specErr)
	}
}

func responseSchema(t *testing.T, doc *openapi3.T, path string) *openapi3.Schema {
	t.Helper()
	item := doc.Paths.Find(path)
	if item == nil || item.Get == nil {
		t.Fatalf("spec has no GET %s", path)
	}
	r := item.Get.Responses.Status(200)
	if r == nil || r.Value == nil {
		t.Fatalf("spec GET %s has no 200 response", path)
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		t.Fatalf("spec GET %s 200 has no JSON schema", path)
	}
	return mt.Schema.Value
}

// concretePaths substitutes sample ids into each endpoint template.
var sampleParams = map[string]string{
	"{key_id}":             "key_sim_legacy_admin_400d",
	"{user_id}":            "user_sim_alice",
	"{invite_id}":          "invite-sim-pending-project-owner",
	"{project_id}":         "proj_sim_default",
	"{api_key_id}":         "key_sim_default_alice",
	"{service_account_id}": "svc_acct_sim_default_bot",
	"{certificate_id}":     "cert_sim_mtls_main",
	"{gpt_id}":             "g-SimActionNoAuth",
	"{group_id}":           "group_sim_platform_admins",
}

func TestSpecValidation(t *testing.T) {
	loadSpecs(t)
	s := newSim(t, SampleOrg())
	covered := map[string]bool{}
	check := func(t *testing.T, key string, query string) {
		tmpl := strings.TrimPrefix(key, "GET ")
		path := tmpl
		for k, v := range sampleParams {
			if k == "{project_id}" && strings.HasPrefix(tmpl, "/compliance/") {
				v = "g-p-SimPayroll"
			}
			if k == "{user_id}" && strings.Contains(tmpl, "/projects/") {
				v = "user_sim_alice"
			}
			path = strings.ReplaceAll(path, k, v)
		}
		doc, base, key2 := adminDoc, s.AdminBaseURL(), AdminKey
		if strings.HasPrefix(tmpl, "/compliance/") {
			doc, base, key2 = complDoc, s.ComplianceBaseURL(), ComplianceKey
			path = strings.ReplaceAll(path, "{workspace_id}", s.WorkspaceID())
		}
		r := doGet(t, base+path+query, key2)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %s", path, r.status, r.raw)
		}
		var v any
		if err := json.Unmarshal(r.raw, &v); err != nil {
			t.Fatal(err)
		}
		if err := responseSchema(t, doc, tmpl).VisitJSON(v); err != nil {
			t.Errorf("GET %s%s does not match the spec: %v", path, query, err)
		}
		covered[key] = true
	}
	for _, key := range EndpointKeys() {
		if fileContentEndpoints[key] { // 307 + Location, no JSON body
			t.Run(key, func(t *testing.T) { checkFileRedirect(t, s, key) })
			covered[key] = true
			continue
		}
		t.Run(key, func(t *testing.T) {
			check(t, key, "")
			if strings.HasPrefix(key, "GET /compliance/") && !strings.HasSuffix(key, "/users") {
				check(t, key, "?file_format=id")
			}
		})
	}
	// Variants that exercise other shapes: archived project, inactive-owner key, user-owned
	// key, expired-file-free lists, audit logs with project + api_key actors.
	extra := map[string]string{
		EndpointAdminProjects:       "?include_archived=true&limit=100",
		EndpointAdminProjectAPIKeys: "?owner_project_access=any&limit=100",
		EndpointAdminAuditLogs:      "?limit=100",
		EndpointAdminInvites:        "?limit=100",
		EndpointAdminUsers:          "?limit=100",
		EndpointComplianceGPTs:      "?limit=100",
	}
	for key, q := range extra {
		t.Run(key+q, func(t *testing.T) { check(t, key, q) })
	}
	if len(covered) != len(EndpointKeys()) {
		t.Errorf("covered %d of %d endpoints", len(covered), len(EndpointKeys()))
	}
	// Error bodies match the Admin ErrorResponse schema.
	errSchema := adminDoc.Components.Schemas["ErrorResponse"].Value
	for _, u := range []string{s.AdminBaseURL() + "/organization/users?limit=0", s.AdminBaseURL() + "/organization/users/nope", s.ComplianceBaseURL() + "/compliance/workspaces/" + s.WorkspaceID() + "/gpts/g-nope"} {
		key := AdminKey
		if strings.Contains(u, "/compliance/") {
			key = ComplianceKey
		}
		r := doGet(t, u, key)
		var v any
		_ = json.Unmarshal(r.raw, &v)
		if err := errSchema.VisitJSON(v); err != nil {
			t.Errorf("error body of %s: %v", u, err)
		}
	}
}

// TestSpecValidationBigOrg validates every page of the large org's main lists.
func TestSpecValidationBigOrg(t *testing.T) {
	loadSpecs(t)
	s := newSim(t, bigOrg())
	for _, key := range []string{EndpointAdminUsers, EndpointAdminAuditLogs, EndpointComplianceConversations, EndpointComplianceUsers} {
		tmpl := strings.TrimPrefix(key, "GET ")
		doc, base, k := adminDoc, s.AdminBaseURL(), AdminKey
		if strings.HasPrefix(tmpl, "/compliance/") {
			doc, base, k = complDoc, s.ComplianceBaseURL(), ComplianceKey
		}
		schema := responseSchema(t, doc, tmpl)
		r := doGet(t, base+strings.ReplaceAll(tmpl, "{workspace_id}", s.WorkspaceID())+"?limit=100", k)
		var v any
		_ = json.Unmarshal(r.raw, &v)
		if err := schema.VisitJSON(v); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// TestSpecValidationCatchesDrift is the negative control: a served enum outside the spec
// must fail validation, or the positive tests above prove nothing.
func TestSpecValidationCatchesDrift(t *testing.T) {
	loadSpecs(t)
	s := newSim(t, SampleOrg())
	s.InjectFault(EndpointAdminInvites, Fault{Kind: FaultUnknownEnum, Field: "status"})
	r := doGet(t, s.AdminBaseURL()+"/organization/invites", AdminKey)
	var v any
	_ = json.Unmarshal(r.raw, &v)
	if err := responseSchema(t, adminDoc, "/organization/invites").VisitJSON(v); err == nil {
		t.Error("an unknown invite status passed spec validation")
	}
	s.InjectFault(EndpointComplianceUsers, Fault{Kind: FaultUnknownEnum, Field: "created_at", Value: "yesterday"})
	r = doGet(t, s.ComplianceBaseURL()+"/compliance/workspaces/"+s.WorkspaceID()+"/users", ComplianceKey)
	_ = json.Unmarshal(r.raw, &v)
	if err := responseSchema(t, complDoc, "/compliance/workspaces/{workspace_id}/users").VisitJSON(v); err == nil {
		t.Error("a string timestamp passed compliance spec validation")
	}
}
