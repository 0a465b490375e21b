package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// baselineExpires is the expiry baseline_hcl gives its waivers: days after
// the start of today (UTC), the as-of date of every check.
func baselineExpires(days int) string {
	return time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, days).Format("2006-01-02")
}

// The waivers baseline_hcl adds run baseline_waiver_days; the default 30 is
// shortened to a smaller provider max_waiver_days; a longer explicit value is
// an error naming that maximum; a passing org renders the check's gate block
// with no waiver (the baseline gates passing checks too).
func TestAccPostureFindingsBaselineWaiverDays(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	clean := startSimulator(t, openaisim.CleanOrg())
	config := func(sim *openaisim.Server, providerExtra, attrs string) string {
		p := providerBlock(sim)
		if providerExtra != "" {
			p = providerBlockWith(sim, providerExtra)
		}
		return p + "data \"openai_posture_findings\" \"all\" {\n  checks = [\"gpt_public_link\"]\n  " + attrs + "\n}\n"
	}
	hasExpiry := func(days int) knownvalue.Check {
		return knownvalue.StringRegexp(regexp.MustCompile(`(?s)resource "openai_posture_check" "gpt_public_link" \{.*expires       = "` +
			regexp.QuoteMeta(baselineExpires(days)) + `"`))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(sim, "", "baseline_waiver_days = 7"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("baseline_hcl"), hasExpiry(7)),
				},
			},
			{
				Config: config(sim, "  max_waiver_days = 10", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("baseline_hcl"), hasExpiry(10)),
				},
			},
			{
				Config:      config(sim, "  max_waiver_days = 10", "baseline_waiver_days = 11"),
				ExpectError: regexp.MustCompile(`baseline_waiver_days is 11; it must be between 1 and the provider's\s+max_waiver_days \(10\)`),
			},
			{
				Config:      config(sim, "", "baseline_waiver_days = 0"),
				ExpectError: regexp.MustCompile(`baseline_waiver_days`),
			},
			{
				Config: config(clean, "", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("baseline_hcl"), knownvalue.StringExact(
						"# gpt_public_link (high): passes today; any new finding fails the plan (enforcement error).\n"+
							"resource \"openai_posture_check\" \"gpt_public_link\" {\n  check = \"gpt_public_link\"\n}\n")),
				},
			},
		},
	})
}
