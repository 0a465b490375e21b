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

func TestAccWorkspaceSettingsDataSource(t *testing.T) {
	fixture := openaisim.SampleOrg()
	sim := startSimulator(t, fixture)
	const addr = "data.openai_workspace_settings.org"
	allowList := knownvalue.ObjectExact(map[string]knownvalue.Check{
		"mode": knownvalue.StringExact("allow_list"),
		"model_ids": knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("gpt-4.1"), knownvalue.StringExact("gpt-4.1-mini"), knownvalue.StringExact("o4-mini"),
		}),
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `data "openai_workspace_settings" "org" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_data_retention"), knownvalue.StringExact("zero_data_retention")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("spend_limit"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"threshold_amount":   knownvalue.Int64Exact(500000),
					"currency":           knownvalue.StringExact("USD"),
					"interval":           knownvalue.StringExact("month"),
					"enforcement_status": knownvalue.StringExact("inactive"),
					"enforcing":          knownvalue.Bool(false),
				})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_readable"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_error"), knownvalue.Null()),
				listSize(addr, "certificates", len(fixture.Certificates)),
				expectListElement(addr, "certificates", "id", "cert_sim_expiring_10d", map[string]knownvalue.Check{
					"name":              knownvalue.StringExact("mtls-cert-expiring-10d"),
					"active":            knownvalue.Bool(true),
					"valid_at":          rfc3339,
					"expires_at":        rfc3339,
					"created_at":        rfc3339,
					"days_until_expiry": knownvalue.Int64Exact(9), // +10d minus the seconds since the simulator started
				}),
				expectListElement(addr, "certificates", "id", "cert_sim_mtls_retired", map[string]knownvalue.Check{
					"active":            knownvalue.Bool(false),
					"days_until_expiry": knownvalue.Int64Exact(-10),
				}),
				listSize(addr, "projects", len(fixture.Projects)),
				expectListElement(addr, "projects", "id", "proj_sim_default", map[string]knownvalue.Check{
					"name":           knownvalue.StringExact("Default project"),
					"status":         knownvalue.StringExact("active"),
					"archived":       knownvalue.Bool(false),
					"data_retention": knownvalue.StringExact("organization_default"),
					"hosted_tool_permissions": knownvalue.MapExact(map[string]knownvalue.Check{
						"file_search": knownvalue.Bool(true), "web_search": knownvalue.Bool(true),
						"image_generation": knownvalue.Bool(true), "code_interpreter": knownvalue.Bool(true),
						"mcp": knownvalue.Bool(false),
					}),
					"model_permissions": allowList,
				}),
				expectListElement(addr, "projects", "id", "proj_sim_mcp_enabled", map[string]knownvalue.Check{
					"hosted_tool_permissions": knownvalue.MapPartial(map[string]knownvalue.Check{"mcp": knownvalue.Bool(true)}),
				}),
				expectListElement(addr, "projects", "id", "proj_sim_no_model_allowlist", map[string]knownvalue.Check{
					"model_permissions": knownvalue.Null(), // 404: no list configured
				}),
				expectListElement(addr, "projects", "id", "proj_sim_model_denylist", map[string]knownvalue.Check{
					"model_permissions": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"mode":      knownvalue.StringExact("deny_list"),
						"model_ids": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("gpt-4o-mini")}),
					}),
				}),
				expectListElement(addr, "projects", "id", "proj_sim_retention_none", map[string]knownvalue.Check{
					"data_retention": knownvalue.StringExact("none"),
				}),
				expectListElement(addr, "projects", "id", "proj_sim_archived_2024", map[string]knownvalue.Check{
					"archived":          knownvalue.Bool(true),
					"model_permissions": allowList,
				}),
			},
		}, {
			// Nothing configured: null, not a default that looks safe; audit log 403 -> false with the reason.
			PreConfig: func() {
				sim.Update(func(f *openaisim.Fixture) {
					f.Organization.SpendLimit = nil
					f.Organization.DataRetention = ""
					f.Organization.AuditLogsUnreadable = true
				})
			},
			Config: providerBlock(sim) + `data "openai_workspace_settings" "org" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_data_retention"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("spend_limit"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_readable"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_error"),
					knownvalue.StringRegexp(regexp.MustCompile(`GET /organization/audit_logs: HTTP 403`))),
			},
		}, {
			PreConfig: func() {
				sim.Update(func(f *openaisim.Fixture) {
					f.Organization.SpendLimit = &openaisim.SpendLimit{ThresholdAmount: 100, Enforcement: "enforcing"}
				})
			},
			Config: providerBlock(sim) + `data "openai_workspace_settings" "org" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("spend_limit").AtMapKey("enforcing"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("spend_limit").AtMapKey("threshold_amount"), knownvalue.Int64Exact(100)),
			},
		}, {
			// A 404 from the audit log means "off", as for 403 and as the
			// audit_logging check reads it (snapshot.AuditLogOff).
			PreConfig: func() {
				sim.Update(func(f *openaisim.Fixture) { f.Organization.AuditLogsUnreadable = false })
				sim.InjectFault(openai.EndpointAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 404})
			},
			Config: providerBlock(sim) + `data "openai_workspace_settings" "org" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_readable"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("audit_logs_error"),
					knownvalue.StringRegexp(regexp.MustCompile(`HTTP 404`))),
			},
		}},
	})
}
