package conformance

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// endpoint is one endpoint a posture check reads, with the spec path whose
// 200 response schema its data is generated from.
type endpoint struct {
	name       string // short name used in field keys ("gpts")
	compliance bool
	spec       string // path in the spec
	list       bool
}

const (
	workspaceID     = "0c5e7a3b-1f2d-4c6e-9a8b-7d6c5b4a3f2e"
	projectID       = "proj_conformance_1"
	wsOwnerID       = "user-conformance-owner"
	recipientUserID = "user-conformance-colleague"
	adminKey        = "conformance-admin-key-not-a-secret"
	complianceKey   = "conformance-compliance-key-not-a-secret"
)

var endpoints = []endpoint{
	{name: "admin_api_keys", spec: "/organization/admin_api_keys", list: true},
	{name: "users", spec: "/organization/users", list: true},
	{name: "invites", spec: "/organization/invites", list: true},
	{name: "projects", spec: "/organization/projects", list: true},
	{name: "project_api_keys", spec: "/organization/projects/{project_id}/api_keys", list: true},
	{name: "project_service_accounts", spec: "/organization/projects/{project_id}/service_accounts", list: true},
	{name: "project_users", spec: "/organization/projects/{project_id}/users", list: true},
	{name: "data_retention", spec: "/organization/data_retention"},
	{name: "project_data_retention", spec: "/organization/projects/{project_id}/data_retention"},
	{name: "spend_limit", spec: "/organization/spend_limit"},
	{name: "hosted_tool_permissions", spec: "/organization/projects/{project_id}/hosted_tool_permissions"},
	{name: "model_permissions", spec: "/organization/projects/{project_id}/model_permissions"},
	{name: "certificates", spec: "/organization/certificates", list: true},
	{name: "audit_logs", spec: "/organization/audit_logs", list: true},
	{name: "workspace_users", compliance: true, spec: "/compliance/workspaces/{workspace_id}/users", list: true},
	{name: "gpts", compliance: true, spec: "/compliance/workspaces/{workspace_id}/gpts", list: true},
	{name: "gpt_shared_users", compliance: true, spec: "/compliance/workspaces/{workspace_id}/gpts/{gpt_id}/shared_users", list: true},
	{name: "chatgpt_projects", compliance: true, spec: "/compliance/workspaces/{workspace_id}/projects", list: true},
	{name: "chatgpt_project_shared_users", compliance: true, spec: "/compliance/workspaces/{workspace_id}/projects/{project_id}/shared_users", list: true},
	{name: "conversations", compliance: true, spec: "/compliance/workspaces/{workspace_id}/conversations", list: true},
	{name: "memories", compliance: true, spec: "/compliance/workspaces/{workspace_id}/memories", list: true},
	// RBAC (style-B lists: the server adds `next`).
	{name: "roles", spec: "/organization/roles", list: true},
	{name: "groups", spec: "/organization/groups", list: true},
	{name: "group_users", spec: "/organization/groups/{group_id}/users", list: true},
	{name: "group_roles", spec: "/organization/groups/{group_id}/roles", list: true},
	{name: "user_roles", spec: "/organization/users/{user_id}/roles", list: true},
}

func endpointByName(name string) endpoint {
	for _, e := range endpoints {
		if e.name == name {
			return e
		}
	}
	panic("conformance: no endpoint " + name)
}

// itemSchema is the schema of one object the endpoint returns: the list's
// data items, or the whole body for single objects.
func itemSchema(t *testing.T, e endpoint) *openapi3.SchemaRef {
	t.Helper()
	admin, compl := specs(t)
	doc := admin
	if e.compliance {
		doc = compl
	}
	item := doc.Paths.Find(e.spec)
	if item == nil || item.Get == nil {
		t.Fatalf("spec has no GET %s", e.spec)
	}
	resp := item.Get.Responses.Status(200)
	if resp == nil || resp.Value == nil || resp.Value.Content.Get("application/json") == nil {
		t.Fatalf("spec GET %s has no JSON 200 response", e.spec)
	}
	s := resp.Value.Content.Get("application/json").Schema
	if e.list {
		s = schemaAt(s, "data[]")
		if s == nil {
			t.Fatalf("spec GET %s: list response without data items", e.spec)
		}
	}
	return s
}

// baseline holds, per endpoint, the values that make every check pass:
// recent use, young keys, narrow sharing, an enforcing spend limit. A
// variant changes one thing on top of it, so an outcome other than pass is
// that thing's doing. Fields without an entry get the generator's values.
func baseline(now time.Time) map[string]map[string]any {
	ago := func(days int) int64 { return now.AddDate(0, 0, -days).Unix() }
	ahead := func(days int) int64 { return now.AddDate(0, 0, days).Unix() }
	tool := "latest_config.data[].tools.data[]."
	perms := func(prefix string) map[string]any {
		return map[string]any{prefix + "can_read": true, prefix + "can_write": false, prefix + "can_view_config": false}
	}
	gpts := map[string]any{
		"owner_id": wsOwnerID, "owner_email": "owner@example.com",
		"sharing.visibility":                     "invite-only",
		"sharing.recipients[].id":                recipientUserID,
		"sharing.recipients[].email":             "colleague@example.com",
		"latest_config.has_more":                 false,
		"latest_config.data[].name":              "Conformance GPT",
		"latest_config.data[].instructions":      "Answer questions about the handbook.",
		"latest_config.data[].files.has_more":    false,
		"latest_config.data[].files.data[].name": "handbook.txt",
		"latest_config.data[].tools.has_more":    false,
		tool + "type":                            "dall-e",
		tool + "action_domain":                   "api.example.com",
		tool + "auth_type":                       "oauth",
		tool + "action_openapi_raw":              "openapi: 3.1.0\ninfo: {title: handbook}",
	}
	maps.Copy(gpts, perms("sharing.permissions."))
	maps.Copy(gpts, perms("sharing.recipients[].permissions."))
	// ChatGPT projects: the GPTs' sharing and tools (ProjectTool has no auth_type).
	chatGPTProjects := maps.Clone(gpts)
	delete(chatGPTProjects, tool+"auth_type")
	chatGPTProjects["latest_config.data[].name"] = "Conformance project"
	return map[string]map[string]any{
		"admin_api_keys": {"created_at": ago(60), "last_used_at": ago(1), "expires_at": ahead(300), "owner.type": "user"},
		"users": {"role": "owner", "email": "owner@example.com", "is_service_account": false, "is_scim_managed": true,
			"api_key_last_used_at": ago(1), "added_at": ago(200)},
		"invites": {"status": "pending", "role": "reader", "projects[].role": "member", "projects[].id": projectID,
			"created_at": ago(3), "expires_at": ahead(4), "accepted_at": null, "email": "invitee@example.com"},
		"projects":               {"status": "active", "archived_at": null, "name": "Conformance project"},
		"project_api_keys":       {"created_at": ago(60), "last_used_at": ago(1), "owner_project_access": "active", "owner.type": "service_account"},
		"project_users":          {"email": "member@example.com"},
		"data_retention":         {"type": "zero_data_retention"},
		"project_data_retention": {"type": "organization_default"},
		"spend_limit":            {"enforcement.status": "enforcing", "threshold_amount": 100000, "currency": "usd", "interval": "month"},
		"hosted_tool_permissions": {"code_interpreter.enabled": false, "file_search.enabled": false,
			"image_generation.enabled": false, "mcp.enabled": false, "web_search.enabled": false},
		"model_permissions": {"mode": "allow_list", "model_ids": []any{"gpt-4o"}},
		"certificates":      {"active": true, "certificate_details.expires_at": ahead(300), "certificate_details.valid_at": ago(60)},
		"audit_logs": {"type": "api_key.created", "effective_at": ago(1), "actor.type": "api_key", "actor.api_key.type": "service_account",
			// The created key is judged by its owner in the key inventory:
			// the baseline names a project key a service account owns.
			"api_key.created.id": "project_api_key_conformance_1"},
		"workspace_users":              {"role": "account-owner", "status": "active", "created_at": ago(200), "email": "owner@example.com"},
		"gpts":                         gpts,
		"gpt_shared_users":             {"email": "colleague@example.com", "status": "active", "role": "standard-user"},
		"chatgpt_projects":             chatGPTProjects,
		"chatgpt_project_shared_users": {"email": "colleague@example.com", "status": "active", "role": "standard-user"},
		"conversations": {"user_id": wsOwnerID, "user_email": "owner@example.com", "last_active_at": ago(1),
			"workspace_id": workspaceID, "title": "Handbook questions",
			"messages.has_more": false, "messages.data[].files.has_more": false, "messages.data[].files.data[].name": "handbook.txt",
			// Recent, so dlp_conversation_file_content scans the files.
			"messages.data[].created_at": ago(1)},
		"memories": {"memory_contexts[].memory_entries[].content": "Prefers short answers.",
			"memory_contexts[].memory_entries[].updated_at": ago(1)},
		// A custom read-only role, held by every user and group: nothing
		// administrative, so owner_count stays at the users with role owner.
		"roles":       readOnlyRole,
		"groups":      {"is_scim_managed": true, "group_type": "group", "name": "Conformance group"},
		"group_users": {"name": "Member", "email": "owner@example.com"},
		"group_roles": readOnlyRole,
		"user_roles":  readOnlyRole,
	}
}

// world is what the test server answers: list items and single objects by
// concrete path (relative to the API base URL).
type world struct {
	lists   map[string][]map[string]any
	objects map[string]map[string]any
}

// idsFor names the items of an endpoint; ids are fixed so the per-project
// and per-GPT endpoints resolve and users match GPT owners and conversations.
func idsFor(e endpoint, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		switch e.name {
		case "projects":
			ids[i] = projectID
			if i > 0 {
				ids[i] = fmt.Sprintf("%s_%d", projectID, i+1)
			}
		case "workspace_users":
			ids[i] = wsOwnerID
			if i > 0 {
				ids[i] = fmt.Sprintf("%s-%d", wsOwnerID, i+1)
			}
		case "gpt_shared_users", "chatgpt_project_shared_users":
			ids[i] = recipientUserID
			if i > 0 {
				ids[i] = fmt.Sprintf("%s-%d", recipientUserID, i+1)
			}
		case "gpts":
			ids[i] = fmt.Sprintf("g-conformance%d", i+1)
		case "chatgpt_projects":
			ids[i] = fmt.Sprintf("g-p-conformance%d", i+1)
		default:
			ids[i] = fmt.Sprintf("%s_conformance_%d", strings.TrimSuffix(e.name, "s"), i+1)
		}
	}
	return ids
}

// readOnlyRole is the baseline of every role object (catalog and
// assignments).
var readOnlyRole = map[string]any{"name": "Key Auditor", "permissions": []any{"api.organization.projects.api_keys.read"},
	"resource_type": "api.organization", "predefined_role": false}

// concretePaths are the request paths serving endpoint e for the given
// project and GPT ids (groups and users: as many as projects).
func concretePaths(e endpoint, projectIDs, gptIDs []string) []string {
	p := strings.ReplaceAll(e.spec, "{workspace_id}", workspaceID)
	if e.compliance { // a Compliance {project_id} is a ChatGPT project's
		projectIDs = idsFor(endpointByName("chatgpt_projects"), len(projectIDs))
	}
	for placeholder, owner := range map[string]string{"{group_id}": "groups", "{user_id}": "users"} {
		if strings.Contains(p, placeholder) {
			var out []string
			for _, id := range idsFor(endpointByName(owner), len(projectIDs)) {
				out = append(out, strings.ReplaceAll(p, placeholder, id))
			}
			return out
		}
	}
	switch {
	case strings.Contains(p, "{project_id}"):
		var out []string
		for _, id := range projectIDs {
			out = append(out, strings.ReplaceAll(p, "{project_id}", id))
		}
		return out
	case strings.Contains(p, "{gpt_id}"):
		var out []string
		for _, id := range gptIDs {
			out = append(out, strings.ReplaceAll(p, "{gpt_id}", id))
		}
		return out
	}
	return []string{p}
}
