package provider

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// everyDataSource reads every data source of the provider once; suffix names
// the blocks so the config can be repeated.
func everyDataSource(suffix string) string {
	return everyCollection(suffix) + strings.ReplaceAll(`
data "openai_user" "SFX" {
  email = "alice@example.com"
}
data "openai_gpt" "SFX" {
  id = "g-SimHRHelper"
}
`, "SFX", suffix)
}

// everyCollection is everyDataSource without the single-object lookups.
func everyCollection(suffix string) string {
	return strings.ReplaceAll(`
data "openai_admin_api_keys" "SFX" {}
data "openai_project_api_keys" "SFX" {}
data "openai_users" "SFX" {}
data "openai_workspace_users" "SFX" {}
data "openai_invites" "SFX" {}
data "openai_projects" "SFX" {}
data "openai_service_accounts" "SFX" {}
data "openai_workspace_settings" "SFX" {}
data "openai_gpts" "SFX" {}
`, "SFX", suffix)
}

// TestAccDataSourcesShareSnapshot: every data source reads through the
// provider's snapshot, so three copies of every block (some filtered) cost
// exactly the requests of one copy, endpoint by endpoint; and the projects
// list, read by four data sources, costs what openai_projects alone costs.
func TestAccDataSourcesShareSnapshot(t *testing.T) {
	t.Parallel()
	run := func(config string) map[string]int {
		sim := startSimulator(t, openaisim.SampleOrg())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: providerBlock(sim) + config}},
		})
		return sim.RequestCounts()
	}
	filtered := `
data "openai_gpts" "store" {
  visibility = "gpt-store"
}
data "openai_gpts" "dan" {
  owner_email = "dan@example.com"
  tool_type   = "custom_action"
}
data "openai_project_api_keys" "production" {
  project_id = "proj_sim_production"
}
data "openai_user" "by_id" {
  id = "user_sim_bob"
}
`
	one := run(everyDataSource("a"))
	three := run(everyDataSource("a") + everyDataSource("b") + everyDataSource("c") + filtered)
	if !maps.Equal(one, three) {
		t.Fatalf("request counts differ:\none block each:    %v\nthree blocks each: %v", one, three)
	}
	for _, endpoint := range []string{openai.EndpointUsers, openai.EndpointProjects, openai.EndpointProjectAPIKeys,
		openai.EndpointComplianceGPTs, openai.EndpointComplianceGPT, openai.EndpointAuditLogs} {
		if one[endpoint] == 0 {
			t.Errorf("%s was never requested: %v", endpoint, one)
		}
	}
	projectsOnly := run(`data "openai_projects" "p" {}`)
	if projectsOnly[openai.EndpointProjects] != one[openai.EndpointProjects] {
		t.Fatalf("projects requested %d times by four data sources, %d by openai_projects alone",
			one[openai.EndpointProjects], projectsOnly[openai.EndpointProjects])
	}
}

func TestAccDataSourcesLargeOrg(t *testing.T) {
	fixture := largeOrg()
	sim := startSimulator(t, fixture)
	keys, activeSAs := 0, 0
	for _, p := range fixture.Projects {
		keys += len(p.APIKeys)
		if p.Status != "archived" {
			activeSAs += len(p.ServiceAccounts)
		}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + everyDataSource("big") + `
data "openai_gpts" "workspace" {
  visibility = "workspace"
}
data "openai_user" "last" {
  id = "user_big_149"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_users.big", "users", len(fixture.Users)),
				listSize("data.openai_invites.big", "invites", len(fixture.Invites)),
				listSize("data.openai_projects.big", "projects", len(fixture.Projects)),
				listSize("data.openai_project_api_keys.big", "keys", keys),
				listSize("data.openai_service_accounts.big", "service_accounts", activeSAs),
				listSize("data.openai_workspace_settings.big", "projects", len(fixture.Projects)),
				listSize("data.openai_workspace_users.big", "users", len(fixture.Workspace.Users)),
				listSize("data.openai_gpts.big", "gpts", len(fixture.Workspace.GPTs)),
				listSize("data.openai_gpts.workspace", "gpts", 130+1),
				expectListElement("data.openai_project_api_keys.big", "keys", "id", "key_big_proj_119", map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact("proj_sim_default"),
					"name":       knownvalue.StringExact("big-119"),
				}),
				expectListElement("data.openai_gpts.big", "gpts", "id", "g-Big129", map[string]knownvalue.Check{
					"visibility": knownvalue.StringExact("workspace"),
				}),
				statecheck.ExpectKnownValue("data.openai_user.last", tfjsonpath.New("email"), knownvalue.StringExact("big149@example.com")),
			},
		}},
	})
}

func TestAccDataSourcesEmptyOrg(t *testing.T) {
	sim := startSimulator(t, emptyOrg())
	const settings = "data.openai_workspace_settings.empty"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + everyCollection("empty"),
			ConfigStateChecks: []statecheck.StateCheck{
				listSize("data.openai_admin_api_keys.empty", "keys", 0),
				listSize("data.openai_project_api_keys.empty", "keys", 0),
				listSize("data.openai_users.empty", "users", 0),
				listSize("data.openai_workspace_users.empty", "users", 0),
				listSize("data.openai_invites.empty", "invites", 0),
				listSize("data.openai_projects.empty", "projects", 0),
				listSize("data.openai_service_accounts.empty", "service_accounts", 0),
				listSize("data.openai_service_accounts.empty", "skipped_archived_project_ids", 0),
				listSize("data.openai_gpts.empty", "gpts", 0),
				listSize(settings, "certificates", 0),
				listSize(settings, "projects", 0),
				statecheck.ExpectKnownValue(settings, tfjsonpath.New("organization_data_retention"), knownvalue.Null()),
				statecheck.ExpectKnownValue(settings, tfjsonpath.New("spend_limit"), knownvalue.Null()),
				statecheck.ExpectKnownValue(settings, tfjsonpath.New("audit_logs_readable"), knownvalue.Bool(true)),
			},
		}},
	})
}

// TestAccDataSourcesAPIErrors: a failed read is an error naming the endpoint
// and the cause, never an empty or partial list, and never a null that looks
// like "not configured".
func TestAccDataSourcesAPIErrors(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	fault := func(endpoint string, f openaisim.Fault) func() {
		return func() {
			sim.ClearFaults()
			sim.InjectFault(endpoint, f)
		}
	}
	status := func(code int) openaisim.Fault { return openaisim.Fault{Kind: openaisim.FaultStatus, Status: code} }
	step := func(endpoint string, f openaisim.Fault, block, want string) resource.TestStep {
		return resource.TestStep{
			PreConfig:   fault(endpoint, f),
			Config:      providerBlockNoRetries(sim) + block,
			ExpectError: wrapped(want),
		}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(openai.EndpointUsers, status(500), `data "openai_users" "x" {}`,
				`(?s)Unable to read organization users.*GET /organization/users: HTTP 500`),
			step(openai.EndpointUsers, status(500), `data "openai_user" "x" { id = "user_sim_alice" }`,
				`(?s)Unable to read organization users.*GET /organization/users: HTTP 500`),
			step(openai.EndpointProjectAPIKeys, status(403), `data "openai_project_api_keys" "x" {}`,
				`(?s)Unable to read project API keys.*project proj_sim_\w+: GET /organization/projects/\{project_id\}/api_keys: HTTP 403`),
			step(openai.EndpointProjects, status(500), `data "openai_service_accounts" "x" {}`,
				`(?s)Unable to read projects.*GET /organization/projects: HTTP 500`),
			step(openai.EndpointInvites, openaisim.Fault{Kind: openaisim.FaultHasMoreEmpty}, `data "openai_invites" "x" {}`,
				`(?s)Unable to read invites.*GET /organization/invites: pagination stopped`),
			step(openai.EndpointComplianceGPTs, status(500), `data "openai_gpts" "x" {}`,
				`(?s)Unable to read GPTs.*GET /compliance/workspaces/\{workspace_id\}/gpts: HTTP 500`),
			step(openai.EndpointComplianceGPTConfigs, status(500), `data "openai_gpt" "x" { id = "g-SimHRHelper" }`,
				`(?s)configuration versions of GPT g-SimHRHelper.*gpts/\{gpt_id\}/configs: HTTP 500`),
			step(openai.EndpointComplianceUsers, status(403), `data "openai_workspace_users" "x" {}`,
				`(?s)Unable to read workspace users.*HTTP 403.*compliance read scope`),
			// A failing model permissions read is an error, not "no list configured".
			step(openai.EndpointProjectModelPermissions, status(500), `data "openai_workspace_settings" "x" {}`,
				`(?s)Unable to read project settings.*model_permissions: HTTP 500`),
			// Only a 403 makes the audit log "not readable"; anything else fails.
			step(openai.EndpointAuditLogs, status(500), `data "openai_workspace_settings" "x" {}`,
				`(?s)Unable to read the audit log.*GET /organization/audit_logs: HTTP 500`),
			step(openai.EndpointSpendLimit, status(401), `data "openai_workspace_settings" "x" {}`,
				`(?s)Unable to read the organization spend limit.*HTTP 401`),
		},
	})
}

// TestAccComplianceDataSourcesNeedComplianceKey: with the Admin API only,
// compliance data sources fail with what to configure. Not parallel: it
// clears the provider's environment variables.
func TestAccComplianceDataSourcesNeedComplianceKey(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	const want = `(?s)Cannot read %s: the Compliance API is not configured.*compliance_api_key \(OPENAI_COMPLIANCE_API_KEY\) and workspace_id \(OPENAI_WORKSPACE_ID\)`
	steps := []resource.TestStep{}
	for block, what := range map[string]string{
		`data "openai_gpts" "x" {}`:                      "GPTs",
		`data "openai_gpt" "x" { id = "g-SimHRHelper" }`: "GPT g-SimHRHelper",
		`data "openai_workspace_users" "x" {}`:           "workspace users",
	} {
		steps = append(steps, resource.TestStep{
			Config:      providerBlockAdminOnly(sim) + block,
			ExpectError: wrapped(fmt.Sprintf(want, regexp.QuoteMeta(what))),
		})
	}
	// The Admin API data sources still work.
	steps = append(steps, resource.TestStep{
		Config: providerBlockAdminOnly(sim) + `data "openai_users" "x" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			listSize("data.openai_users.x", "users", 11),
		},
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	if n := sim.RequestCount(openai.EndpointComplianceGPTs) + sim.RequestCount(openai.EndpointComplianceUsers); n != 0 {
		t.Fatalf("%d compliance requests sent without a compliance key", n)
	}
}
