package provider

import (
	"regexp"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// frameworks narrows the selection to checks tagged with a framework or a
// control, and framework_scores scores each framework over what ran.
func TestAccPostureFindingsFrameworks(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	const addr = "data.openai_posture_findings.llm10"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(sim) + `
data "openai_posture_findings" "llm10" {
  frameworks = ["owasp-llm:LLM10", "soc2:A1.1"]
}
data "openai_posture_findings" "iso" {
  frameworks = ["iso27001"]
}
data "openai_posture_findings" "cis5" {
  frameworks = ["cis:5"]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					// spend_limit (medium) is the only check tagged with either; the
					// sample org's spend limit is not enforcing.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("evaluated_checks"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("spend_limit")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("framework_scores"), knownvalue.MapExact(map[string]knownvalue.Check{
						"owasp-llm": knownvalue.Int64Exact(95), "iso27001": knownvalue.Int64Exact(95), "soc2": knownvalue.Int64Exact(95),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("json"), knownvalue.StringRegexp(regexp.MustCompile(`"frameworks": \[\s*"owasp-llm:LLM10"`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sarif"), knownvalue.StringRegexp(regexp.MustCompile(`"frameworks": \[\s*"owasp-llm:LLM10"`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("junit"), knownvalue.StringRegexp(regexp.MustCompile(`<property name="framework" value="soc2:A1.1">`))),
					statecheck.ExpectKnownValue("data.openai_posture_findings.iso", tfjsonpath.New("framework_scores").AtMapKey("iso27001"), knownvalue.NotNull()),
					// The soc2 score is over one of its checks: coverage says so.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("framework_coverage").AtMapKey("soc2"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"evaluated": knownvalue.Int64Exact(1), "tagged": knownvalue.Int64Exact(int64(len(posture.ChecksSelectedBy("soc2")))),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("framework_coverage").AtMapKey("cis").AtMapKey("evaluated"), knownvalue.Int64Exact(0)),
					// A CIS control selects the checks tagged with its safeguards.
					statecheck.ExpectKnownValue("data.openai_posture_findings.cis5", tfjsonpath.New("evaluated_checks"), knownvalue.ListExact(cis5Checks())),
				},
			},
			{
				Config:      providerBlock(sim) + `data "openai_posture_findings" "x" { frameworks = ["iso27001:A.5.15", "iso27001:A.5.1"] }`,
				ExpectError: wrapped(`(?s)Framework selects no check.*no check is tagged with "iso27001:A.5.1".*iso27001:A.5.15`),
			},
			{
				Config:      providerBlock(sim) + `data "openai_posture_findings" "x" { frameworks = ["iso27001:a.5.15"] }`,
				ExpectError: wrapped(`(?s)did you mean "iso27001:A.5.15"\?`),
			},
			{
				Config:      providerBlock(sim) + `data "openai_posture_findings" "x" { frameworks = ["iso27001:A.9.9"] }`,
				ExpectError: wrapped(`(?s)Unknown framework or control.*"A.9.9" is not a control of ISO/IEC 27001:2022`),
			},
			{
				Config:      providerBlock(sim) + `data "openai_posture_findings" "x" { frameworks = ["pci"] }`,
				ExpectError: wrapped(`(?s)unknown framework "pci".*valid frameworks: owasp-llm, nist-ai-rmf, cis, iso27001, soc2`),
			},
			{
				Config:      providerBlock(sim) + `data "openai_posture_findings" "x" {` + "\n" + `  checks = ["admin_key_rotation"]` + "\n" + `  frameworks = ["owasp-llm"]` + "\n}",
				ExpectError: wrapped(`(?s)Check excluded by frameworks.*check admin_key_rotation is named explicitly but is tagged with none of frameworks \(owasp-llm\)`),
			},
			// A valid last step, so the post-test destroy has a valid configuration.
			{Config: providerBlock(sim)},
		},
	})
}

// cis5Checks are the default (not opt-in) checks tagged with a safeguard of
// CIS control 5, sorted as evaluated_checks is.
func cis5Checks() []knownvalue.Check {
	var ids []string
	for _, r := range posture.DefaultRules() {
		if posture.CheckMatchesFrameworks(r.CheckID, []string{"cis:5"}) {
			ids = append(ids, r.CheckID)
		}
	}
	sort.Strings(ids)
	out := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		out[i] = knownvalue.StringExact(id)
	}
	return out
}
