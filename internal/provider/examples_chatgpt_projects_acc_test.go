package provider

import (
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// withDocsChatGPTProjects adds the ChatGPT projects the two project examples
// read to the docs org (kept out of docs-org.json, so the other examples'
// findings do not change): a launch project shared with carol, a public one
// with a custom action, and a third-party one.
func withDocsChatGPTProjects(f *openaisim.Fixture) {
	readOnly := openaisim.Permissions{CanRead: true}
	cfg := func(id, name string, tools ...openaisim.Tool) []openaisim.GPTConfig {
		return []openaisim.GPTConfig{{ID: id, Name: name, Tools: tools,
			Files: []openaisim.File{{ID: "file-" + id, Name: "plan.pdf"}}}}
	}
	f.Workspace.Projects = append(f.Workspace.Projects,
		openaisim.GPT{ID: "g-p-abc123", OwnerID: "user-ws-alice", OwnerEmail: "alice@example.com",
			Sharing: openaisim.Sharing{Visibility: "invite-only", Permissions: readOnly,
				Recipients: []openaisim.Recipient{{ID: "user-ws-carol", Email: "carol@example.com", Permissions: readOnly}}},
			Configs: append(cfg("pr_cnf_docs_launch_v2", "Launch planning"), openaisim.GPTConfig{ID: "pr_cnf_docs_launch_v1", Name: "Launch"})},
		openaisim.GPT{ID: "g-p-VendorPortal", OwnerID: "user-ws-bob", OwnerEmail: "bob@example.com",
			Sharing: openaisim.Sharing{Visibility: "anyone-with-link", Permissions: readOnly},
			Configs: cfg("pr_cnf_docs_vendor_v1", "Vendor portal",
				openaisim.Tool{Type: "custom_action", ActionDomain: "api.vendor.example", ActionOpenAPIRaw: "openapi: 3.1.0"})},
		openaisim.GPT{ID: "g-p-Community", ThirdParty: true, Configs: cfg("pr_cnf_docs_community_v1", "Community planner")},
	)
}

func chatGPTProjectsExample() exampleEntry {
	const path = "examples/data-sources/openai_chatgpt_projects/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"lists every project, filters by visibility and tool type, names third-party projects and action domains", func(t *testing.T, c *exampleCLI) {
			sim := simFor(t, withDocsChatGPTProjects)
			r := planExample(t, c, sim, one(t, path))
			r.wantExit(t, 0)
			inv := r.output(t, "project_inventory")
			wantKeys(t, "project_inventory", inv, "g-p-abc123", "g-p-VendorPortal", "g-p-Community")
			wantEqual(t, "g-p-abc123", inv.(map[string]any)["g-p-abc123"], map[string]any{
				"name": "Launch planning", "owner": "alice@example.com", "visibility": "invite-only"})
			wantStrings(t, "third_party_projects", r.output(t, "third_party_projects"), "g-p-Community")
			wantStrings(t, "project_action_domains", r.output(t, "project_action_domains"), "api.vendor.example")
			wantStrings(t, "public", idsOf(t, r.data(t, "data.openai_chatgpt_projects.public"), "projects", "id"), "g-p-VendorPortal")
			if n := sim.RequestCount(openaisim.EndpointComplianceProjectConfigs); n != 1 {
				t.Errorf("%d config requests, want 1 (one project listed with include_config_versions)", n)
			}
		}},
	}}
}

func chatGPTProjectExample() exampleEntry {
	const path = "examples/data-sources/openai_chatgpt_project/data-source.tf"
	return exampleEntry{covers: []string{path}, claims: []exampleClaim{
		{"outputs name, owner, config versions, files and who it is shared with", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, withDocsChatGPTProjects), one(t, path))
			r.wantExit(t, 0)
			p := r.output(t, "launch_project").(map[string]any)
			wantEqual(t, "name", p["name"], "Launch planning")
			wantEqual(t, "owner", p["owner"], "alice@example.com")
			wantEqual(t, "config_versions", p["config_versions"], 2)
			wantStrings(t, "files", p["files"], "plan.pdf")
			wantStrings(t, "shared_with", p["shared_with"], "carol@example.com")
		}},
		{"the postcondition fails the plan when the project is shared outside example.com", func(t *testing.T, c *exampleCLI) {
			r := planExample(t, c, simFor(t, func(f *openaisim.Fixture) {
				withDocsChatGPTProjects(f)
				p := &f.Workspace.Projects[len(f.Workspace.Projects)-3]
				p.Sharing.Recipients = append(p.Sharing.Recipients, openaisim.Recipient{ID: "user-ext", Email: "pm@vendor.example"})
			}), one(t, path))
			r.wantExit(t, 1)
			r.wantOut(t, `The launch project is shared outside example\.com\.`)
		}},
	}}
}
