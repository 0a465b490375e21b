package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

const rotationAddress = "openai_posture_check.rotation"

// rotationConfig is one admin_key_rotation rule; the sample org has exactly
// one violating key (key_sim_legacy_admin_400d, 400 days old).
func rotationConfig(sim *openaisim.Server, enforcement, extra string) string {
	return providerBlock(sim) + fmt.Sprintf(`
resource "openai_posture_check" "rotation" {
  check       = "admin_key_rotation"
  enforcement = %q
%s
}
`, enforcement, extra)
}

func waiverBlock(expires string) string {
	return fmt.Sprintf(`  waivers = [{
    subject       = "legacy-admin-key-*"
    match         = "name"
    justification = "Vendor integration pinned to this key until the migration ships."
    expires       = %q
  }]`, expires)
}

func TestAccPostureCheckWaiverAndExpiry(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	future := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      rotationConfig(sim, "error", ""),
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding[\s\S]*key_sim_legacy_admin_400d[\s\S]*Remediation:`),
			},
			{
				// A current waiver suppresses the finding; it is still reported.
				Config: rotationConfig(sim, "error", waiverBlock(future)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("finding_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("findings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"subject_id":     knownvalue.StringExact("key_sim_legacy_admin_400d"),
							"subject_name":   knownvalue.StringExact("legacy-admin-key-400d"),
							"waived":         knownvalue.Bool(true),
							"waiver_expires": knownvalue.StringExact(future),
							"waiver_expired": knownvalue.Bool(false),
							"first_seen":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)),
						}),
					})),
				},
			},
			{
				// Once expired, the waiver stops suppressing and says so.
				Config:      rotationConfig(sim, "error", waiverBlock("2020-01-31")),
				ExpectError: regexp.MustCompile(`waiver expired on 2020-01-31`),
			},
		},
	})
}

func TestAccPostureCheckWarnModeAndFixedViolation(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// warn: the plan succeeds and the finding is recorded.
				Config: rotationConfig(sim, "warn", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("finding_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("severity"), knownvalue.StringExact("high")),
				},
			},
			{
				// The key is rotated in the org: the next plan shows the
				// finding gone and the check passes in error mode.
				PreConfig: func() {
					sim.Update(func(f *openaisim.Fixture) {
						for i := range f.AdminAPIKeys {
							if f.AdminAPIKeys[i].ID == "key_sim_legacy_admin_400d" {
								f.AdminAPIKeys[i].CreatedAt = openaisim.Rel(-24 * time.Hour)
							}
						}
					})
				},
				Config: rotationConfig(sim, "error", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("findings"), knownvalue.ListExact(nil)),
				},
			},
		},
	})
}

func TestAccPostureCheckPlanOnlyEmptyState(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      rotationConfig(sim, "error", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed`),
			},
			{
				Config:             rotationConfig(sim, "warn", ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccPostureCheckDestroyWithViolations: a violation appears after the
// posture was accepted; the plan fails on it, and destroy still succeeds.
func TestAccPostureCheckDestroyWithViolations(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	destroyed := false
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: rotationConfig(sim, "error", "")},
			{
				PreConfig: func() {
					sim.Update(func(f *openaisim.Fixture) {
						f.AdminAPIKeys[0].CreatedAt = openaisim.Rel(-500 * 24 * time.Hour)
					})
				},
				Config:      rotationConfig(sim, "error", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding`),
			},
		},
		// The framework's closing `terraform destroy` runs with the violation
		// present; the test fails if it does. CheckDestroy runs after it.
		CheckDestroy: func(*terraform.State) error { destroyed = true; return nil },
	})
	if !destroyed {
		t.Fatal("destroy did not run")
	}
}

func TestAccPostureCheckImport(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: rotationConfig(sim, "warn", "")},
			{
				Config:                               rotationConfig(sim, "warn", ""),
				ResourceName:                         rotationAddress,
				ImportState:                          true,
				ImportStateId:                        "admin_key_rotation",
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "id",
				// Import knows only the check id; enforcement comes from the
				// configuration at the next plan, and first_seen restarts.
				ImportStateVerifyIgnore: []string{"enforcement", "findings", "accepted_findings"},
			},
			{
				Config:        rotationConfig(sim, "warn", ""),
				ResourceName:  rotationAddress,
				ImportState:   true,
				ImportStateId: "admin_key_rotatoin",
				ExpectError:   regexp.MustCompile(`did you mean "admin_key_rotation"`),
			},
		},
	})
}

func TestAccPostureCheckUnreadableDataFailsClosed(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	sim.InjectFault(openai.EndpointAdminAPIKeys, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503})
	for _, enforcement := range []string{"error", "warn"} {
		t.Run(enforcement, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      rotationConfig(sim, enforcement, ""),
					ExpectError: regexp.MustCompile(`Posture check admin_key_rotation could not be evaluated[\s\S]*admin_api_keys[\s\S]*503[\s\S]*fails closed`),
				}},
			})
		})
	}
}

// TestAccPostureCheckDriftShownInPlan: a new violation after the posture
// was accepted is a planned change (accepted_findings), so a plain
// `terraform plan -detailed-exitcode` exits 2 in warn mode; applying accepts
// it, after which the plan is empty again.
func TestAccPostureCheckDriftShownInPlan(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: rotationConfig(sim, "warn", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("accepted_findings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("admin_api_key legacy-admin-key-400d (key_sim_legacy_admin_400d)"),
					})),
				},
			},
			{
				PreConfig: func() {
					sim.Update(func(f *openaisim.Fixture) {
						f.AdminAPIKeys = append(f.AdminAPIKeys, openaisim.AdminAPIKey{
							ID: "key_sim_new_old_key", Name: "imported-old-key", CreatedAt: openaisim.Rel(-200 * 24 * time.Hour),
							Owner: f.AdminAPIKeys[0].Owner,
						})
					})
				},
				Config: rotationConfig(sim, "warn", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(rotationAddress, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("accepted_findings"), knownvalue.ListSizeExact(2)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("finding_count"), knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}

// TestAccEveryCheckFetchesEachCollectionOnce plans the whole example
// baseline and asserts each provider process that evaluated the baseline
// fetched each collection exactly once: every organization-wide endpoint was
// asked the same number of times (once per such process), per-project
// endpoints once per project and process, and that number is at most the
// number of provider processes Terraform started.
func TestAccEveryCheckFetchesEachCollectionOnce(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	useSimulatorEnv(t, sim)
	var processes atomic.Int64
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"openai": func() (tfprotov6.ProviderServer, error) {
			processes.Add(1)
			return NewProtocol6WithError(New("test"))()
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:             exampleBaseline(t, "warn"),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})

	counts := sim.RequestCounts()
	readers := counts[openai.EndpointAdminAPIKeys]
	if readers == 0 || readers > int(processes.Load()) {
		t.Fatalf("admin_api_keys read %d times by %d provider processes", readers, processes.Load())
	}
	fx := sim.Fixture()
	projects, active := len(fx.Projects), 0
	for _, p := range fx.Projects {
		if p.Status != "archived" {
			active++
		}
	}
	want := map[string]int{
		openai.EndpointProjectAPIKeys:               readers * projects,
		openai.EndpointProjectDataRetention:         readers * active,
		openai.EndpointProjectHostedToolPermissions: readers * active,
		openai.EndpointProjectModelPermissions:      readers * active,
		// The simulator sends every GPT's and workspace project's
		// sharing.recipients whole (an array), so none needs GET …/shared_users.
		openai.EndpointComplianceGPTSharedUsers:     0,
		openai.EndpointComplianceProjectSharedUsers: 0,
		// Two queries by design: the organization log, and the tenant_only
		// query the API requires for tenant-scoped event types.
		openai.EndpointAuditLogs: 2 * readers,
		// Group members and roles once per group, roles once per user.
		openai.EndpointGroupUsers: readers * len(fx.Groups),
		openai.EndpointGroupRoles: readers * len(fx.Groups),
		openai.EndpointUserRoles:  readers * len(fx.Users),
	}
	// File content (the DLP content checks) is downloaded at most once per
	// file and process: every process downloads the same files, no more
	// than the fixture lists for that endpoint.
	files := map[string]int{"/gpt_files/": 0, "/project_files/": 0, "/users/{user_id}/files/": 0}
	for _, g := range fx.Workspace.GPTs {
		if len(g.Configs) > 0 {
			files["/gpt_files/"] += len(g.Configs[0].Files)
		}
	}
	for _, p := range fx.Workspace.Projects {
		if len(p.Configs) > 0 {
			files["/project_files/"] += len(p.Configs[0].Files)
		}
	}
	for _, c := range fx.Workspace.Conversations {
		for _, m := range c.Messages {
			files["/users/{user_id}/files/"] += len(m.Files)
		}
	}
	for key, got := range counts {
		if got == 0 {
			continue
		}
		if strings.Contains(key, "{file_id}") {
			for part, n := range files {
				if strings.Contains(key, part) && (got%readers != 0 || got > readers*n) {
					t.Errorf("%s: %d requests, want a multiple of %d evaluating processes, at most %d each (the fixture's files)", key, got, readers, n)
				}
			}
			continue
		}
		if key == openai.EndpointComplianceConversations {
			// Each check reads conversations since the start of its own
			// window; a read covering a check's window serves it, but a
			// wider window asked after a narrower read finished is read
			// again (the API has no upper bound on the update time). So at
			// least one read and at most one per distinct window per
			// process (the baseline's: 91 days for user_inactive, 30 for
			// the conversation DLP checks); the sample org's conversations
			// fit in one page.
			if got < readers || got > 2*readers {
				t.Errorf("%s: %d requests, want between %d and %d (%d evaluating processes, 2 windows)", key, got, readers, 2*readers, readers)
			}
			continue
		}
		w, perProject := want[key]
		if !perProject {
			w = readers
		}
		if got != w {
			t.Errorf("%s: %d requests, want %d (%d evaluating processes)", key, got, w, readers)
		}
	}
}

// TestAccPostureCheckParametersFromAnotherResource: a parameter unknown at
// plan time (it comes from a resource of the same run) is validated and
// evaluated once known, during apply.
func TestAccPostureCheckParametersFromAnotherResource(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
resource "terraform_data" "project" {
  input = "proj_sim_production"
}

resource "openai_posture_check" "user_owned" {
  check       = "key_user_owned"
  enforcement = "warn"
  parameters  = { projects = [terraform_data.project.output] }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectFindingSubjects("openai_posture_check.user_owned", openaisim.SeededViolations["key_user_owned"].Subjects),
			},
		}},
	})
}

// TestAccPostureCheckDeferredProviderConfiguration: when the provider's
// configuration is only known at apply, a check that can fail the plan is
// neither skipped nor judged on stale results: the plan fails, because a
// plan-only pipeline would otherwise pass without judging it.
func TestAccPostureCheckDeferredProviderConfiguration(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	deferred := fmt.Sprintf(`
resource "terraform_data" "endpoint" {
  input = %q
}

provider "openai" {
  admin_api_key             = %q
  admin_base_url            = terraform_data.endpoint.output
  admin_requests_per_minute = 0
}

resource "openai_posture_check" "rotation" {
  check       = "admin_key_rotation"
  enforcement = "error"
}
`, sim.AdminBaseURL(), openaisim.AdminKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: rotationConfig(sim, "error", "")}, // recorded: passing
			{
				PreConfig: func() {
					sim.Update(func(f *openaisim.Fixture) {
						f.AdminAPIKeys[0].CreatedAt = openaisim.Rel(-500 * 24 * time.Hour)
					})
				},
				Config:      deferred,
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation cannot be judged in this plan`),
			},
		},
	})
}

// TestAccPostureCheckUnknownWaiverFailsThePlan: a waiver whose value is only
// known at apply (here through timestamp()) must not turn a failing check
// into a deferred one that a plan-only pipeline never judges (red-team find).
func TestAccPostureCheckUnknownWaiverFailsThePlan(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	sim.Update(func(f *openaisim.Fixture) { f.AdminAPIKeys[0].CreatedAt = openaisim.Rel(-300 * 24 * time.Hour) })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
resource "openai_posture_check" "rotation" {
  check       = "admin_key_rotation"
  enforcement = "error"
  waivers = [{
    subject       = "key_unrelated"
    justification = "temporary"
    expires       = formatdate("YYYY-MM-DD", timeadd(timestamp(), "24h"))
  }]
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`cannot be judged in this plan`),
		}},
	})
}

// TestAccPostureCheckImportWithRequiredParameters: importing a check whose
// parameters are required (they are not in the import id) succeeds; the
// refresh keeps the imported state, and the next plan evaluates the rule as
// configured.
func TestAccPostureCheckImportWithRequiredParameters(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	config := providerBlock(sim) + `
resource "openai_posture_check" "user_owned" {
  check       = "key_user_owned"
  enforcement = "warn"
  parameters  = { projects = ["proj_sim_production"] }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       "openai_posture_check.user_owned",
				ImportState:        true,
				ImportStateId:      "key_user_owned",
				ImportStatePersist: true,
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectFindingSubjects("openai_posture_check.user_owned", openaisim.SeededViolations["key_user_owned"].Subjects),
				},
			},
		},
	})
}
