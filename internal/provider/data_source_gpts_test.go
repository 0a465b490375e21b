package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccGPTsDataSources(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)
	count := func(keep func(openaisim.GPT) bool) int {
		n := 0
		for _, g := range fixture.Workspace.GPTs {
			if keep(g) {
				n++
			}
		}
		return n
	}
	dans := count(func(g openaisim.GPT) bool { return strings.EqualFold(g.OwnerEmail, "dan@example.com") })
	actions := count(func(g openaisim.GPT) bool {
		for _, tool := range g.Configs[0].Tools {
			if tool.Type == "custom_action" {
				return true
			}
		}
		return false
	})
	ok := func(b bool) knownvalue.Check { return knownvalue.Bool(b) }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(sim) + `data "openai_gpts" "bad" { visibility = "public" }`,
			ExpectError: regexp.MustCompile(`(?s)value must be one of:.*"invite-only".*"gpt-store"`),
		}, {
			Config:      providerBlock(sim) + `data "openai_gpts" "bad" { tool_type = "plugins" }`,
			ExpectError: regexp.MustCompile(`(?s)value must be one of:.*"code_interpreter".*"custom_action"`),
		}, {
			Config: providerBlock(sim) + `
data "openai_gpts" "all" {}
data "openai_gpts" "store" {
  visibility = "gpt-store"
}
data "openai_gpts" "dan" {
  owner_email = "DAN@example.COM"
}
data "openai_gpts" "actions" {
  tool_type               = "custom_action"
  include_config_versions = true
}
data "openai_gpt" "hr" {
  id = "g-SimHRHelper"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_gpts.all", "gpts", len(fixture.Workspace.GPTs)),
				listSize("data.openai_gpts.store", "gpts", 1),
				statecheck.ExpectKnownValue("data.openai_gpts.store", tfjsonpath.New("gpts").AtSliceIndex(0).AtMapKey("id"),
					knownvalue.StringExact("g-SimGptStore")),
				listSize("data.openai_gpts.dan", "gpts", dans),
				listSize("data.openai_gpts.actions", "gpts", actions),
				expectListElement("data.openai_gpts.all", "gpts", "id", "g-SimHRHelper", map[string]knownvalue.Check{
					"owner_email":     knownvalue.StringExact("alice@example.com"),
					"owner_id":        knownvalue.StringExact("user-ws-alice"),
					"builder_name":    knownvalue.StringExact("alice"),
					"visibility":      knownvalue.StringExact("invite-only"),
					"created_at":      rfc3339,
					"config_versions": knownvalue.Null(), // not asked for
					"permissions": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"can_read": ok(true), "can_view_config": ok(false), "can_write": ok(false),
					}),
					"recipients": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("user-ws-carol"), "email": knownvalue.StringExact("carol@example.com"),
						"can_read": ok(true), "can_view_config": ok(false), "can_write": ok(false),
					})}),
					"latest_config": knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":                   knownvalue.StringExact("gzm_cnf_simhrhelper_v2"),
						"name":                 knownvalue.StringExact("HR Helper"),
						"knowledge_file_names": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("onboarding-guide.pdf")}),
						"tools": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("dall-e"), "action_domain": knownvalue.Null(), "auth_type": knownvalue.Null(),
						})}),
					}),
				}),
				expectListElement("data.openai_gpts.actions", "gpts", "id", "g-SimActionNoAuth", map[string]knownvalue.Check{
					"config_versions": knownvalue.Int64Exact(1),
					"latest_config": knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"tools": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type":          knownvalue.StringExact("custom_action"),
							"action_domain": knownvalue.StringExact("weather.untrusted-api.test"),
							"auth_type":     knownvalue.StringExact("none"),
						})}),
					}),
				}),
				expectListElement("data.openai_gpts.actions", "gpts", "id", "g-SimCustomAction", map[string]knownvalue.Check{
					"latest_config": knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"tools": knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"action_domain": knownvalue.StringExact("api.example.com"),
							"auth_type":     knownvalue.StringExact("oauth"),
						})}),
					}),
				}),

				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("config_versions"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("latest_config").AtMapKey("name"), knownvalue.StringExact("HR Helper")),
				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("owner_email"), knownvalue.StringExact("alice@example.com")),
				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("visibility"), knownvalue.StringExact("invite-only")),
				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("recipients"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.openai_gpt.hr", tfjsonpath.New("shared_users"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":     knownvalue.StringExact("user-ws-carol"),
						"email":  knownvalue.StringExact("carol@example.com"),
						"role":   knownvalue.StringExact("standard-user"),
						"status": knownvalue.StringExact("active"),
					})})),
			},
		}, {
			Config:      providerBlock(sim) + `data "openai_gpt" "gone" { id = "g-DoesNotExist" }`,
			ExpectError: wrapped(`(?s)GPT not found.*no live GPT with id "g-DoesNotExist"`),
		}},
	})
}
