package provider

import (
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// filteredKeysBlocks list the keys of some projects only; none of them
// lists proj_sim_research, whose key_sim_owner_left_project is a
// key_owner_lost_access finding.
const filteredKeysBlocks = `
data "openai_project_api_keys" "two" {
  project_ids = ["proj_sim_production", "proj_sim_default"]
}
data "openai_project_api_keys" "archived" {
  project_ids = ["proj_sim_archived_with_keys"]
}
data "openai_project_api_keys" "none" {
  project_ids = ["proj_sim_mcp_enabled"]
}
`

const keysCheck = `
resource "openai_posture_check" "lost_access" {
  check       = "key_owner_lost_access"
  enforcement = "warn"
}
`

// TestAccProjectAPIKeysProjectIDs: project_ids lists the keys of those
// projects only, in projects-list order; an unknown id is an error naming
// it; and a posture check in the same configuration still reads every
// project's keys.
func TestAccProjectAPIKeysProjectIDs(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	keys := func(address string, want ...string) statecheck.StateCheck {
		checks := make([]knownvalue.Check, 0, len(want))
		for _, id := range want {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}))
		}
		return statecheck.ExpectKnownValue(address, tfjsonpath.New("keys"), knownvalue.ListExact(checks))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_project_api_keys" "both" {
  project_id  = "proj_sim_default"
  project_ids = ["proj_sim_production"]
}`,
			ExpectError: regexp.MustCompile(`(?s)project_ids.*cannot be configured together|(?s)Invalid Attribute Combination`),
		}, {
			Config:      providerBlock(sim) + `data "openai_project_api_keys" "empty" { project_ids = [] }`,
			ExpectError: regexp.MustCompile(`(?s)project_ids.*at least 1`),
		}, {
			Config: providerBlock(sim) + `
data "openai_project_api_keys" "typo" {
  project_ids = ["proj_sim_production", "proj_sim_prodution", "proj_nope"]
}`,
			ExpectError: wrapped(`(?s)Project not found.*No project with id "proj_nope", "proj_sim_prodution" in the organization`),
		}, {
			Config: providerBlock(sim) + filteredKeysBlocks + keysCheck,
			ConfigStateChecks: []statecheck.StateCheck{
				keys("data.openai_project_api_keys.two", "key_sim_default_bot", "key_sim_default_alice", "key_sim_proj_legacy_200d",
					"key_sim_proj_unused_60d", "key_sim_prod_api", "key_sim_prod_batch", "key_sim_prod_user_owned"),
				keys("data.openai_project_api_keys.archived", "key_sim_archived_leftover"),
				keys("data.openai_project_api_keys.none"),
				statecheck.ExpectKnownValue("openai_posture_check.lost_access", tfjsonpath.New("findings"),
					knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"subject_id": knownvalue.StringExact("key_sim_owner_left_project"),
					})})),
			},
		}},
	})
}

// TestAccProjectAPIKeysProjectIDsRequests: project_ids requests only the
// keys of the projects named, and beside a posture check (which reads every
// project) several filtered blocks cost no request more than one unfiltered
// block.
func TestAccProjectAPIKeysProjectIDsRequests(t *testing.T) {
	t.Parallel()
	run := func(config string) map[string]int {
		sim := startSimulator(t, openaisim.SampleOrg())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: providerBlock(sim) + config}},
		})
		return sim.RequestCounts()
	}
	all := run(`data "openai_project_api_keys" "all" {}`)
	two := run(`data "openai_project_api_keys" "two" { project_ids = ["proj_sim_production", "proj_sim_default"] }`)
	if two[openai.EndpointProjectAPIKeys] == 0 || two[openai.EndpointProjectAPIKeys] >= all[openai.EndpointProjectAPIKeys] {
		t.Errorf("project key listings: %d for two projects, %d for all", two[openai.EndpointProjectAPIKeys], all[openai.EndpointProjectAPIKeys])
	}
	one := run(`data "openai_project_api_keys" "all" {}` + keysCheck)
	many := run(filteredKeysBlocks + keysCheck)
	if !maps.Equal(one, many) {
		t.Fatalf("request counts differ:\none unfiltered block: %v\nthree filtered:      %v", one, many)
	}
}
