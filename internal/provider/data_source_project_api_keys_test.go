package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccProjectAPIKeysDataSource(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)
	total := 0
	for _, p := range fixture.Projects {
		total += len(p.APIKeys)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_project_api_keys" "all" {}
data "openai_project_api_keys" "production" {
  project_id = "proj_sim_production"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// owner_project_access=any: keys of owners who left and of archived projects are listed.
				listSize("data.openai_project_api_keys.all", "keys", total),
				listSize("data.openai_project_api_keys.production", "keys", 3),
				expectListElement("data.openai_project_api_keys.all", "keys", "id", "key_sim_owner_left_project",
					map[string]knownvalue.Check{
						"name":                 knownvalue.StringExact("key-owner-left-project"),
						"project_id":           knownvalue.StringExact("proj_sim_research"),
						"owner_project_access": knownvalue.StringExact("inactive"),
						"age_days":             knownvalue.Int64Exact(30),
						"days_since_last_use":  knownvalue.Int64Exact(2),
						"created_at":           rfc3339,
						"last_used_at":         rfc3339,
						"expires_at":           knownvalue.Null(),
						"redacted_value":       knownvalue.StringRegexp(regexp.MustCompile(`^sk-proj-\.\.\.`)),
						"owner": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type":  knownvalue.StringExact("user"),
							"id":    knownvalue.StringExact("user_sim_dan"),
							"name":  knownvalue.StringExact("Dan Reader"),
							"email": knownvalue.StringExact("dan@example.com"),
							"role":  knownvalue.NotNull(),
						}),
					}),
				expectListElement("data.openai_project_api_keys.all", "keys", "id", "key_sim_archived_leftover",
					map[string]knownvalue.Check{
						"project_id":          knownvalue.StringExact("proj_sim_archived_with_keys"),
						"days_since_last_use": knownvalue.Int64Exact(31),
						"owner": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type":  knownvalue.StringExact("service_account"),
							"id":    knownvalue.StringExact("svc_acct_sim_archived_bot"),
							"name":  knownvalue.StringExact("archived-bot"),
							"email": knownvalue.Null(),
							"role":  knownvalue.StringExact("member"),
						}),
					}),
				expectListElement("data.openai_project_api_keys.production", "keys", "id", "key_sim_prod_user_owned",
					map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact("proj_sim_production"),
						"age_days":   knownvalue.Int64Exact(5),
					}),
			},
		}, {
			Config: providerBlock(sim) + `
data "openai_project_api_keys" "missing" {
  project_id = "proj_does_not_exist"
}
`,
			ExpectError: wrapped(`No project with id "proj_does_not_exist"`),
		}},
	})
}
