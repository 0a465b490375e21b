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
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// legacyKeyFingerprint is the fingerprint of the sample org's one
// admin_key_rotation finding.
var legacyKeyFingerprint = posture.Fingerprint("admin_key_rotation", "key_sim_legacy_admin_400d", "")

func legacyKeyFindingWaiver(finding, expires string) string {
	return fmt.Sprintf(`  waivers = [{
    subject       = "key_sim_legacy_admin_400d"
    finding       = %q
    justification = "Vendor integration pinned to this key until the migration ships."
    expires       = %q
  }]`, finding, expires)
}

// TestAccWaiverFinding: a waiver with finding waives the finding of that
// fingerprint only (another fingerprint on the same subject waives nothing);
// a finding that is not 32 lowercase hex digits is an error naming the
// format, on the resource and the findings data source.
func TestAccWaiverFinding(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	expires := time.Now().UTC().AddDate(0, 1, 0).Format("2006-01-02")
	other := posture.Fingerprint("admin_key_rotation", "key_sim_legacy_admin_400d", "another-violation")
	dataSource := func(finding string) string {
		return providerBlock(sim) + fmt.Sprintf(`
data "openai_posture_findings" "all" {
  checks  = ["admin_key_rotation"]
  waivers = [{
    check         = "admin_key_rotation"
    subject       = "key_sim_legacy_admin_400d"
    finding       = %q
    justification = "reviewed"
    expires       = %q
  }]
}
`, finding, expires)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: rotationConfig(sim, "error", legacyKeyFindingWaiver(legacyKeyFingerprint, expires)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(rotationAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      rotationConfig(sim, "error", legacyKeyFindingWaiver(other, expires)),
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding`),
			},
			{
				Config:      rotationConfig(sim, "error", legacyKeyFindingWaiver("ABCDEF0123456789ABCDEF0123456789", expires)),
				ExpectError: regexp.MustCompile(`waivers\[0\]\.finding[\s\S]*32 lowercase\s+hexadecimal`),
			},
			{
				Config:      dataSource(legacyKeyFingerprint[:31]),
				ExpectError: regexp.MustCompile(`waivers\[0\]\.finding[\s\S]*32 lowercase\s+hexadecimal`),
			},
			{
				Config: dataSource(legacyKeyFingerprint),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
				},
			},
			{
				Config: dataSource(other),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("passed"), knownvalue.Bool(false)),
				},
			},
		},
	})
}

// TestAccPostureFindingsBaselineIsAGate: a baseline rendered by a warn-only
// findings data source still renders a failing gate (no enforcement), each
// waiver naming its finding's fingerprint.
func TestAccPostureFindingsBaselineIsAGate(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_posture_findings" "all" {
  checks      = ["admin_key_rotation"]
  enforcement = "warn"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("baseline_hcl"), knownvalue.StringRegexp(regexp.MustCompile(
					`subject       = "key_sim_legacy_admin_400d"\n      finding       = "`+legacyKeyFingerprint+`"\n`))),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("baseline_hcl"), stringWithout{"enforcement ="}),
			},
		}},
	})
}

// stringWithout is a known-value check that a string does not contain a
// substring.
type stringWithout struct{ substring string }

func (c stringWithout) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected a string, got %T", v)
	}
	if strings.Contains(s, c.substring) {
		return fmt.Errorf("the value contains %q:\n%s", c.substring, s)
	}
	return nil
}

func (c stringWithout) String() string { return "a string without " + c.substring }
