package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func TestAccUsersDataSources(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Exactly one of id and email; checked at validate time, so these
			// come before the last (valid) configuration used by destroy.
			Config: providerBlock(sim) + `
data "openai_user" "both" {
  id    = "user_sim_alice"
  email = "alice@example.com"
}
`,
			ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured`),
		}, {
			Config:      providerBlock(sim) + `data "openai_user" "neither" {}`,
			ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured`),
		}, {
			Config: providerBlock(sim) + `
data "openai_users" "all" {}
data "openai_workspace_users" "all" {}
data "openai_user" "by_email" {
  email = "ALICE@Example.com"
}
data "openai_user" "by_id" {
  id = "user_sim_not_scim"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_users.all", "users", len(fixture.Users)),
				expectListElement("data.openai_users.all", "users", "id", "user_sim_inactive_120d", map[string]knownvalue.Check{
					"email":                        knownvalue.StringExact("inactive-120d@example.com"),
					"name":                         knownvalue.StringExact("Inactive 120 days"),
					"role":                         knownvalue.StringExact("reader"),
					"is_scim_managed":              knownvalue.Bool(true),
					"added_at":                     rfc3339,
					"api_key_last_used_at":         rfc3339,
					"days_since_api_key_last_used": knownvalue.Int64Exact(120),
				}),
				statecheck.ExpectKnownValue("data.openai_user.by_email", tfjsonpath.New("id"), knownvalue.StringExact("user_sim_alice")),
				statecheck.ExpectKnownValue("data.openai_user.by_email", tfjsonpath.New("email"), knownvalue.StringExact("alice@example.com")),
				statecheck.ExpectKnownValue("data.openai_user.by_email", tfjsonpath.New("role"), knownvalue.StringExact("owner")),
				statecheck.ExpectKnownValue("data.openai_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("not-scim-managed@example.com")),
				statecheck.ExpectKnownValue("data.openai_user.by_id", tfjsonpath.New("is_scim_managed"), knownvalue.Bool(false)),

				listSize("data.openai_workspace_users.all", "users", len(fixture.Workspace.Users)),
				expectListElement("data.openai_workspace_users.all", "users", "id", "user-ws-departed", map[string]knownvalue.Check{
					"email":      knownvalue.StringExact("departed-owner@example.com"),
					"role":       knownvalue.StringExact("standard-user"),
					"status":     knownvalue.StringExact("inactive"),
					"created_at": rfc3339,
				}),
				expectListElement("data.openai_workspace_users.all", "users", "id", "user-ws-alice", map[string]knownvalue.Check{
					"role":   knownvalue.StringExact("account-owner"),
					"status": knownvalue.StringExact("active"),
				}),
			},
		}, {
			Config:      providerBlock(sim) + `data "openai_user" "nobody" { email = "nobody@example.com" }`,
			ExpectError: wrapped(`No member of the organization has email "nobody@example.com"`),
		}},
	})
}

func TestAccInvitesDataSource(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `data "openai_invites" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_invites.all", "invites", len(fixture.Invites)),
				expectListElement("data.openai_invites.all", "invites", "id", "invite-sim-accepted-grace", map[string]knownvalue.Check{
					"email":       knownvalue.StringExact("grace@example.com"),
					"role":        knownvalue.StringExact("reader"),
					"status":      knownvalue.StringExact("accepted"),
					"created_at":  rfc3339,
					"expires_at":  rfc3339,
					"accepted_at": rfc3339,
					"projects": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("proj_sim_default"), "role": knownvalue.StringExact("member"),
					})}),
				}),
				expectListElement("data.openai_invites.all", "invites", "id", "invite-sim-pending-project-owner", map[string]knownvalue.Check{
					"status":      knownvalue.StringExact("pending"),
					"accepted_at": knownvalue.Null(),
					"projects": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("proj_sim_production"), "role": knownvalue.StringExact("owner"),
					})}),
				}),
				expectListElement("data.openai_invites.all", "invites", "id", "invite-sim-stale-30d", map[string]knownvalue.Check{
					"expires_at": knownvalue.Null(),
					"projects":   knownvalue.ListSizeExact(1),
				}),
			},
		}},
	})
}
