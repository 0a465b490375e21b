package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccAdminAPIKeysDataSource(t *testing.T) {
	unsetProviderEnv(t)
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Two blocks read the same collection: the snapshot fetches it once.
			Config: providerBlock(sim) + `
data "openai_admin_api_keys" "all" {}
data "openai_admin_api_keys" "again" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.openai_admin_api_keys.all",
					tfjsonpath.New("keys"), knownvalue.ListSizeExact(len(fixture.AdminAPIKeys))),
				expectListElement("data.openai_admin_api_keys.all", "keys", "name", "legacy-admin-key-400d",
					map[string]knownvalue.Check{
						"id":                  knownvalue.StringExact("key_sim_legacy_admin_400d"),
						"age_days":            knownvalue.Int64Exact(400),
						"days_since_last_use": knownvalue.Int64Exact(1),
						"redacted_value":      knownvalue.StringRegexp(regexp.MustCompile(`^sk-admin\.\.\.`)),
						"created_at":          knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
						"owner": knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("user"),
							"id":   knownvalue.StringExact("user_sim_alice"),
						}),
					}),
				expectListElement("data.openai_admin_api_keys.all", "keys", "name", "admin-key-never-used-50d",
					map[string]knownvalue.Check{
						"last_used_at":        knownvalue.Null(),
						"days_since_last_use": knownvalue.Null(),
						"age_days":            knownvalue.Int64Exact(50),
					}),
			},
		}},
	})
}

// TestAccSnapshotShared proves a collection is fetched once per provider
// process however many blocks read it: five blocks cost exactly the requests
// of one, under the same sequence of Terraform commands.
func TestAccSnapshotShared(t *testing.T) {
	unsetProviderEnv(t)
	requests := func(blocks int) int {
		sim := startSimulator(t, openaisim.SampleOrg())
		config := providerBlock(sim)
		for i := range blocks {
			config += fmt.Sprintf("data \"openai_admin_api_keys\" \"k%d\" {}\n", i)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: config}},
		})
		return sim.RequestCount(openai.EndpointAdminAPIKeys)
	}
	one, five := requests(1), requests(5)
	if one == 0 || five != one {
		t.Fatalf("admin_api_keys requests: %d with one block, %d with five; want equal and non-zero", one, five)
	}
}
