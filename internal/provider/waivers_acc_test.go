package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// providerBlockWith is providerBlock plus extra provider attributes.
func providerBlockWith(sim *openaisim.Server, extra string) string {
	return strings.Replace(providerBlock(sim), "  max_retries", extra+"\n  max_retries", 1)
}

func legacyKeyWaiver(match, subject, expires string) string {
	m := ""
	if match != "" {
		m = fmt.Sprintf("\n    match         = %q", match)
	}
	return fmt.Sprintf(`  waivers = [{
    subject       = %q%s
    justification = "Vendor integration pinned to this key until the migration ships."
    expires       = %q
  }]`, subject, m, expires)
}

// TestAccWaiverMaxDays: a waiver longer than the provider's max_waiver_days
// (365 by default) fails the plan naming the maximum, at the waiver; a
// larger max_waiver_days accepts it.
func TestAccWaiverMaxDays(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	tooLong := time.Now().UTC().AddDate(0, 0, 400).Format("2006-01-02")
	waiver := legacyKeyWaiver("", "key_sim_legacy_admin_400d", tooLong)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      providerBlockWith(sim, "  max_waiver_days = 0") + strings.TrimPrefix(rotationConfig(sim, "error", ""), providerBlock(sim)),
				ExpectError: regexp.MustCompile(`max_waiver_days[\s\S]*between 1 and 3650`),
			},
			{
				Config:      rotationConfig(sim, "error", waiver),
				ExpectError: regexp.MustCompile(`waivers = \[\{[\s\S]*waiver 0[\s\S]*maximum waiver\s+length is 365 days`),
			},
			{
				Config: providerBlockWith(sim, "  max_waiver_days = 500") + strings.TrimPrefix(rotationConfig(sim, "error", waiver), providerBlock(sim)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
				},
			},
			{
				Config: providerBlockWith(sim, "  max_waiver_days = 30") + fmt.Sprintf(`
data "openai_posture_findings" "all" {
  checks  = ["admin_key_rotation"]
  waivers = [{
    check         = "admin_key_rotation"
    subject       = "key_sim_legacy_admin_400d"
    justification = "reviewed"
    expires       = %q
  }]
}
`, time.Now().UTC().AddDate(0, 0, 60).Format("2006-01-02")),
				ExpectError: regexp.MustCompile(`waivers = \[\{[\s\S]*waiver 0[\s\S]*maximum waiver\s+length is 30 days`),
			},
		},
	})
}

// TestAccWaiverMatch: a waiver matches the subject id unless match says
// otherwise; a name pattern without match = "name" waives nothing.
func TestAccWaiverMatch(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	expires := time.Now().UTC().AddDate(0, 1, 0).Format("2006-01-02")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      rotationConfig(sim, "error", legacyKeyWaiver("", "legacy-admin-key-*", expires)),
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding`),
			},
			{
				Config:      rotationConfig(sim, "error", legacyKeyWaiver("email", "legacy-admin-key-*", expires)),
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding`),
			},
			{
				Config:      rotationConfig(sim, "error", legacyKeyWaiver("nickname", "legacy-admin-key-*", expires)),
				ExpectError: regexp.MustCompile(`waivers\[0\]\.match[\s\S]*value must be one of:[\s\S]*"id"[\s\S]*"name"[\s\S]*"email"`),
			},
			{
				Config:      rotationConfig(sim, "error", legacyKeyWaiver("id", " * ", expires)),
				ExpectError: regexp.MustCompile(`waivers = \[\{[\s\S]*waiver 0: subject " \* " would waive every finding`),
			},
			{
				Config: rotationConfig(sim, "error", legacyKeyWaiver("id", "KEY_SIM_LEGACY_ADMIN_*", expires)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
