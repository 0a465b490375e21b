package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccChatGPTProjectsDataSources(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)
	ok := func(b bool) knownvalue.Check { return knownvalue.Bool(b) }
	null := knownvalue.Null()

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(sim) + `data "openai_chatgpt_projects" "bad" { visibility = "public" }`,
			ExpectError: regexp.MustCompile(`(?s)value must be one of:.*"invite-only".*"gpt-store"`),
		}, {
			Config: providerBlock(sim) + `
data "openai_chatgpt_projects" "all" {}
data "openai_chatgpt_projects" "public" {
  visibility = "anyone-with-link"
}
data "openai_chatgpt_projects" "carol" {
  owner_email = "CAROL@example.com"
}
data "openai_chatgpt_projects" "actions" {
  tool_type               = "custom_action"
  include_config_versions = true
}
data "openai_chatgpt_project" "vendor" {
  id = "g-p-SimVendorShare"
}
data "openai_chatgpt_project" "third_party" {
  id = "g-p-SimThirdParty"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_chatgpt_projects.all", "projects", len(fixture.Workspace.Projects)),
				listSize("data.openai_chatgpt_projects.public", "projects", 1),
				statecheck.ExpectKnownValue("data.openai_chatgpt_projects.public", tfjsonpath.New("projects").AtSliceIndex(0).AtMapKey("id"),
					knownvalue.StringExact("g-p-SimPublicLink")),
				listSize("data.openai_chatgpt_projects.carol", "projects", 1),
				listSize("data.openai_chatgpt_projects.actions", "projects", 1),
				expectListElement("data.openai_chatgpt_projects.actions", "projects", "id", "g-p-SimActions", map[string]knownvalue.Check{
					"owner_email":     knownvalue.StringExact("erin@example.com"),
					"config_versions": knownvalue.Int64Exact(1),
					"latest_config": knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("Ticket triage (custom actions)"),
						"tools": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"type": knownvalue.StringExact("custom_action"),
								"action_domain": knownvalue.StringExact("api.example.com"), "auth_type": null}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{"type": knownvalue.StringExact("custom_action"),
								"action_domain": knownvalue.StringExact("hooks.untrusted-relay.test"), "auth_type": null}),
						}),
					}),
				}),
				// A third-party project: no owner, no sharing, its configuration still listed.
				expectListElement("data.openai_chatgpt_projects.all", "projects", "id", "g-p-SimThirdParty", map[string]knownvalue.Check{
					"owner_id": null, "owner_email": null, "created_at": null, "visibility": null, "permissions": null, "recipients": null,
					"config_versions": null,
					"latest_config":   knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Community planner (third-party project)")}),
				}),

				statecheck.ExpectKnownValue("data.openai_chatgpt_project.vendor", tfjsonpath.New("config_versions"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.vendor", tfjsonpath.New("owner_email"), knownvalue.StringExact("carol@example.com")),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.vendor", tfjsonpath.New("created_at"), rfc3339),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.vendor", tfjsonpath.New("recipients"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("user-ext-vendor-pm"), "email": knownvalue.StringExact("pm@vendor-partner.test"),
						"can_read": ok(true), "can_view_config": ok(true), "can_write": ok(true),
					})})),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.vendor", tfjsonpath.New("shared_users"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("user-ext-vendor-pm"), "email": knownvalue.StringExact("pm@vendor-partner.test"),
					})})),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.third_party", tfjsonpath.New("visibility"), null),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.third_party", tfjsonpath.New("owner_id"), null),
				statecheck.ExpectKnownValue("data.openai_chatgpt_project.third_party", tfjsonpath.New("builder_name"), knownvalue.StringExact("Community Builder")),
			},
		}, {
			Config:      providerBlock(sim) + `data "openai_chatgpt_project" "gone" { id = "g-p-DoesNotExist" }`,
			ExpectError: wrapped(`(?s)ChatGPT project not found.*no live ChatGPT project with id "g-p-DoesNotExist"`),
		}},
	})
}

// TestAccChatGPTProjectsDataSourceErrors: a failed read is an error naming
// the project and the endpoint, never an empty or partial result; without a
// compliance key the error says what to configure.
func TestAccChatGPTProjectsDataSourceErrors(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	step := func(endpoint, block, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				sim.ClearFaults()
				sim.InjectFault(endpoint, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500})
			},
			Config:      providerBlockNoRetries(sim) + block,
			ExpectError: wrapped(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(openaisim.EndpointComplianceProjects, `data "openai_chatgpt_projects" "x" {}`,
				`(?s)Unable to read ChatGPT projects.*GET /compliance/workspaces/\{workspace_id\}/projects: HTTP 500`),
			step(openaisim.EndpointComplianceProjectConfigs, `data "openai_chatgpt_projects" "x" { include_config_versions = true }`,
				`(?s)Unable to read ChatGPT projects.*projects/\{project_id\}/configs: HTTP 500`),
			step(openaisim.EndpointComplianceProjectSharedUsers, `data "openai_chatgpt_project" "x" { id = "g-p-SimVendorShare" }`,
				`(?s)shared users of ChatGPT project g-p-SimVendorShare.*projects/\{project_id\}/shared_users: HTTP 500`),
		},
	})
}

// TestAccChatGPTProjectsNeedComplianceKey: not parallel, it clears the
// provider's environment variables.
func TestAccChatGPTProjectsNeedComplianceKey(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	const want = `(?s)Cannot read %s: the Compliance API is not configured.*compliance_api_key`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlockAdminOnly(sim) + `data "openai_chatgpt_projects" "x" {}`,
			ExpectError: wrapped(fmt.Sprintf(want, "ChatGPT projects")),
		}, {
			Config:      providerBlockAdminOnly(sim) + `data "openai_chatgpt_project" "x" { id = "g-p-SimVendorShare" }`,
			ExpectError: wrapped(fmt.Sprintf(want, "ChatGPT project g-p-SimVendorShare")),
		}},
	})
	if n := sim.RequestCount(openaisim.EndpointComplianceProjects) + sim.RequestCount(openaisim.EndpointComplianceProject); n != 0 {
		t.Fatalf("%d compliance requests sent without a compliance key", n)
	}
}
