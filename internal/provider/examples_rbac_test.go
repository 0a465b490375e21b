package provider

import (
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// docsRBAC gives the docs org roles and groups: a custom administrative
// role, a read-only custom role, a role without reported permissions, a
// predefined role and a project role; a SCIM group holding the
// administrative role and a hand-made group without roles.
func docsRBAC(f *openaisim.Fixture) {
	f.Roles = []openaisim.Role{
		{ID: "role_docs_owner", Name: "Owner", PredefinedRole: true, Permissions: []string{"api.organization.write"}},
		{ID: "role_docs_groups", Name: "Group Manager", Permissions: []string{"api.groups.read", "api.groups.write"}},
		{ID: "role_docs_audit", Name: "Key Auditor", Permissions: []string{"api.organization.projects.api_keys.read"}},
		{ID: "role_docs_mystery", Name: "Legacy Role", OmitPermissions: true},
		{ID: "role_docs_project", Name: "Project Keys", ResourceType: "api.project", Permissions: []string{"api.organization.projects.api_keys.write"}},
	}
	f.Groups = []openaisim.Group{
		{ID: "group_docs_platform", Name: "Platform", CreatedAt: openaisim.Rel(-30 * 24 * time.Hour), IsSCIMManaged: true,
			UserIDs: []string{"user_docs_dan"}, RoleIDs: []string{"role_docs_groups"}},
		{ID: "group_docs_manual", Name: "Contractors", CreatedAt: openaisim.Rel(-10 * 24 * time.Hour), UserIDs: []string{"user_docs_carol"}},
	}
}

func rolesExample() exampleEntry {
	const path = "examples/data-sources/openai_roles/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists custom administrative roles and roles without permissions, not read-only, predefined or project roles", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, docsRBAC), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "custom_admin_roles", r.output(t, "custom_admin_roles"), map[string]any{
				"Group Manager": []any{"api.groups.write"},
				"Legacy Role":   []any{"permissions not reported"},
			})
		}},
	}}
}

func groupsExample() exampleEntry {
	const path = "examples/data-sources/openai_groups/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists hand-made groups and who holds a role through a group", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, docsRBAC), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "groups_not_scim_managed", r.output(t, "groups_not_scim_managed"), []any{"Contractors"})
			wantEqual(t, "group_role_holders", r.output(t, "group_role_holders"), map[string]any{
				"Platform": map[string]any{"roles": []any{"Group Manager"}, "members": []any{"dan@example.com"}},
			})
		}},
	}}
}

func postureFindingsFrameworksExample() exampleEntry {
	const path = "examples/data-sources/openai_posture_findings/frameworks.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"evaluates only the default checks tagged iso27001:A.5.15 or A.8.2, and scores each of their frameworks", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, nil), one(t, path))
			r.wantExit(t, 0)
			wantEqual(t, "access_control_checks", r.output(t, "access_control_checks"),
				[]any{"chatgpt_project_shared_editable", "gpt_shared_editable", "invite_high_privilege", "owner_count", "role_admin_permissions"})
			scores, _ := r.output(t, "framework_scores").(map[string]any)
			for _, k := range []string{"iso27001", "soc2", "cis"} {
				if _, ok := scores[k]; !ok {
					t.Errorf("framework_scores = %v, want a %s score", scores, k)
				}
			}
			coverage, _ := r.output(t, "framework_coverage").(map[string]any)
			iso, _ := coverage["iso27001"].(map[string]any)
			// The five checks above are evaluated; the catalog tags more with ISO 27001.
			if ev, _ := iso["evaluated"].(float64); ev != 5 {
				t.Errorf("framework_coverage[iso27001] = %v, want 5 evaluated", iso)
			}
			if tagged, _ := iso["tagged"].(float64); tagged <= 5 {
				t.Errorf("framework_coverage[iso27001] = %v, want more tagged than evaluated", iso)
			}
		}},
	}}
}
