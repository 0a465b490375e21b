package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccRolesAndGroupsDataSources(t *testing.T) {
	unsetProviderEnv(t)
	fixture := openaisim.SampleOrg()
	fixture.Roles = append(fixture.Roles, openaisim.Role{ID: "role_sim_unknown", Name: "Unknown", OmitPermissions: true})
	sim := startSimulator(t, fixture)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_roles" "all" {}
data "openai_groups" "all" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.openai_roles.all", tfjsonpath.New("roles"), knownvalue.ListSizeExact(len(fixture.Roles))),
				expectListElement("data.openai_roles.all", "roles", "id", "role_sim_group_manager", map[string]knownvalue.Check{
					"name":                       knownvalue.StringExact("API Group Manager"),
					"description":                knownvalue.StringExact("Allows managing organization groups"),
					"permissions":                knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("api.groups.read"), knownvalue.StringExact("api.groups.write")}),
					"administrative_permissions": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("api.groups.write")}),
					"resource_type":              knownvalue.StringExact("api.organization"),
					"predefined_role":            knownvalue.Bool(false),
				}),
				expectListElement("data.openai_roles.all", "roles", "id", "role_sim_key_auditor", map[string]knownvalue.Check{
					"administrative_permissions": knownvalue.ListSizeExact(0),
				}),
				expectListElement("data.openai_roles.all", "roles", "id", "role_sim_unknown", map[string]knownvalue.Check{
					"permissions":                knownvalue.Null(),
					"administrative_permissions": knownvalue.Null(),
					"description":                knownvalue.Null(),
				}),
				statecheck.ExpectKnownValue("data.openai_groups.all", tfjsonpath.New("groups"), knownvalue.ListSizeExact(len(fixture.Groups))),
				expectListElement("data.openai_groups.all", "groups", "id", "group_sim_platform_admins", map[string]knownvalue.Check{
					"name":            knownvalue.StringExact("Platform Admins"),
					"is_scim_managed": knownvalue.Bool(true),
					"group_type":      knownvalue.StringExact("group"),
					"created_at":      knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
					"members": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("user_sim_alice"), "name": knownvalue.NotNull(), "email": knownvalue.StringExact("alice@example.com")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact("user_sim_bob"), "name": knownvalue.NotNull(), "email": knownvalue.StringExact("bob@example.com")}),
					}),
					"roles": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("role_sim_owner"), "name": knownvalue.StringExact("Owner"),
					})}),
				}),
				expectListElement("data.openai_groups.all", "groups", "id", "group_sim_contractors", map[string]knownvalue.Check{
					"is_scim_managed": knownvalue.Bool(false),
					"roles":           knownvalue.ListSizeExact(0),
				}),
			},
		}},
	})
}

// A failed read of any group's members fails the data source, naming the
// endpoint: never a group list with members silently missing.
func TestAccRolesAndGroupsAPIErrors(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	step := func(endpoint string, status int, block, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				sim.ClearFaults()
				sim.InjectFault(endpoint, openaisim.Fault{Kind: openaisim.FaultStatus, Status: status})
			},
			Config:      providerBlockNoRetries(sim) + block,
			ExpectError: wrapped(want),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(openai.EndpointRoles, 403, `data "openai_roles" "x" {}`,
				`(?s)Unable to read organization roles.*GET /organization/roles: HTTP 403`),
			step(openai.EndpointGroups, 500, `data "openai_groups" "x" {}`,
				`(?s)Unable to read organization groups.*GET /organization/groups: HTTP 500`),
			step(openai.EndpointGroupUsers, 403, `data "openai_groups" "x" {}`,
				`(?s)Unable to read organization group members and roles.*group group_sim_\w+: GET /organization/groups/\{group_id\}/users: HTTP 403`),
		},
	})
}
