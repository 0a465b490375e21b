package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// Bad HCL for openai_posture_check: each case is a clear error at validate
// time (a plan-only step, no state), naming the field and the valid choices.
// The simulator is only there so a configuration that does validate can plan.

func badInputStep(t *testing.T, sim *openaisim.Server, body, want string) resource.TestStep {
	t.Helper()
	return resource.TestStep{
		Config:      providerBlock(sim) + body,
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(want),
	}
}

func runBadInput(t *testing.T, body, want string) {
	t.Helper()
	sim := startSimulator(t, openaisim.CleanOrg())
	before := sim.RequestCount(openaisim.EndpointAdminAPIKeys) + sim.RequestCount(openaisim.EndpointAdminUsers)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{badInputStep(t, sim, body, want)},
	})
	if n := sim.RequestCount(openaisim.EndpointAdminAPIKeys) + sim.RequestCount(openaisim.EndpointAdminUsers) - before; n != 0 {
		t.Errorf("a configuration that does not validate made %d API requests", n)
	}
}

func TestAccBadInputUnknownCheck(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check = "admin_key_rotaton"
}
`, `Unknown posture check[\s\S]*admin_key_rotaton[\s\S]*admin_key_rotation`)
}

func TestAccBadInputNegativeThreshold(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check      = "admin_key_rotation"
  parameters = { max_age_days = -1 }
}
`, `max_age_days[\s\S]*-1[\s\S]*between`)
}

func TestAccBadInputAbsurdThreshold(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check      = "admin_key_rotation"
  parameters = { max_age_days = 100000 }
}
`, `max_age_days[\s\S]*100000[\s\S]*between`)
}

func TestAccBadInputWrongParameterType(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check      = "admin_key_rotation"
  parameters = { max_age_days = "ninety" }
}
`, `max_age_days[\s\S]*must\s+be\s+int,\s+got\s+string`)
}

func TestAccBadInputUnknownParameter(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check      = "admin_key_rotation"
  parameters = { max_age_dayz = 30 }
}
`, `max_age_dayz[\s\S]*max_age_days`)
}

func TestAccBadInputWaiverWithoutJustification(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check   = "admin_key_rotation"
  waivers = [{ subject = "key_abc", expires = "2099-01-01" }]
}
`, `(?i)justification[\s\S]*required|required[\s\S]*justification`)
}

func TestAccBadInputWaiverEmptyJustification(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check   = "admin_key_rotation"
  waivers = [{ subject = "key_abc", justification = "", expires = "2099-01-01" }]
}
`, `waivers\[0\]\.justification[\s\S]*at least 1`)
}

func TestAccBadInputWaiverEmptySubject(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check   = "admin_key_rotation"
  waivers = [{ subject = "", justification = "reviewed", expires = "2099-01-01" }]
}
`, `waivers\[0\]\.subject[\s\S]*at least 1`)
}

func TestAccBadInputWaiverMalformedDate(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check   = "admin_key_rotation"
  waivers = [{ subject = "key_abc", justification = "reviewed", expires = "2026-13-45" }]
}
`, `Invalid waiver expiry[\s\S]*2026-13-45[\s\S]*YYYY-MM-DD`)
}

func TestAccBadInputWaiverFreeTextDate(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check   = "admin_key_rotation"
  waivers = [{ subject = "key_abc", justification = "reviewed", expires = "next week" }]
}
`, `Invalid waiver expiry[\s\S]*next week[\s\S]*YYYY-MM-DD`)
}

func TestAccBadInputConflictingOptions(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check      = "owner_count"
  parameters = { min_owners = 5, max_owners = 2 }
}
`, `Invalid posture check[\s\S]*min_owners\s+\(5\)\s+is\s+greater\s+than\s+max_owners\s+\(2\)`)
}

func TestAccBadInputEnforcement(t *testing.T) {
	runBadInput(t, `
resource "openai_posture_check" "x" {
  check       = "admin_key_rotation"
  enforcement = "fatal"
}
`, `enforcement[\s\S]*"error"[\s\S]*"warn"[\s\S]*fatal|enforcement[\s\S]*fatal[\s\S]*error[\s\S]*warn`)
}

// TestAccBadInputPastExpiryWarns: an expired waiver is a warning, not an
// error (expiry passes while the configuration sits in git); the plan goes
// through in warn mode and the finding is back.
func TestAccBadInputPastExpiryWarns(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
resource "openai_posture_check" "x" {
  check       = "admin_key_rotation"
  enforcement = "warn"
  waivers     = [{ subject = "legacy-admin-key-400d", justification = "reviewed", expires = "2020-01-01" }]
}
`,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}
