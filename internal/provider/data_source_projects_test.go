package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccProjectsAndServiceAccountsDataSources(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)
	activeSAs := 0
	for _, p := range fixture.Projects {
		if p.Status != "archived" {
			activeSAs += len(p.ServiceAccounts)
		}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_projects" "all" {}
data "openai_service_accounts" "all" {}
data "openai_service_accounts" "production" {
  project_id = "proj_sim_production"
}
data "openai_service_accounts" "archived" {
  project_id = "proj_sim_archived_with_keys"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_projects.all", "projects", len(fixture.Projects)),
				expectListElement("data.openai_projects.all", "projects", "id", "proj_sim_archived_with_keys", map[string]knownvalue.Check{
					"name":        knownvalue.StringExact("Archived project still holding keys"),
					"status":      knownvalue.StringExact("archived"),
					"archived":    knownvalue.Bool(true),
					"archived_at": rfc3339,
					"created_at":  rfc3339,
				}),
				expectListElement("data.openai_projects.all", "projects", "id", "proj_sim_production", map[string]knownvalue.Check{
					"status":      knownvalue.StringExact("active"),
					"archived":    knownvalue.Bool(false),
					"archived_at": knownvalue.Null(),
					"residency":   knownvalue.StringExact("US_STORAGE_PROCESSING"),
				}),

				listSize("data.openai_service_accounts.all", "service_accounts", activeSAs),
				statecheck.ExpectKnownValue("data.openai_service_accounts.all", tfjsonpath.New("skipped_archived_project_ids"),
					knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("proj_sim_archived_2024"), knownvalue.StringExact("proj_sim_archived_with_keys"),
					})),
				expectListElement("data.openai_service_accounts.all", "service_accounts", "id", "svc_acct_sim_prod_batch", map[string]knownvalue.Check{
					"name":       knownvalue.StringExact("prod-batch"),
					"role":       knownvalue.StringExact("member"),
					"project_id": knownvalue.StringExact("proj_sim_production"),
					"created_at": rfc3339,
				}),
				listSize("data.openai_service_accounts.production", "service_accounts", 2),
				statecheck.ExpectKnownValue("data.openai_service_accounts.production", tfjsonpath.New("skipped_archived_project_ids"),
					knownvalue.ListSizeExact(0)),
				listSize("data.openai_service_accounts.archived", "service_accounts", 0),
				statecheck.ExpectKnownValue("data.openai_service_accounts.archived", tfjsonpath.New("skipped_archived_project_ids"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("proj_sim_archived_with_keys")})),
			},
		}},
	})
}
