package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// The full fault matrix (every fault x every endpoint class, transient and
// persistent) runs in-process in internal/faultmatrix. These tests run a
// representative subset through a real `terraform plan`: one fault per
// endpoint class, asserting that the plan fails with the endpoint and the
// cause named, or succeeds when the fault was recovered.

// faultCheckConfig is the provider block plus one posture check.
func faultCheckConfig(sim *openaisim.Server, check string) string {
	return providerBlock(sim) + fmt.Sprintf(`
resource "openai_posture_check" "under_fault" {
  check = %q
}
`, check)
}

func TestAccPostureFaultsFailClosed(t *testing.T) {
	cases := []struct {
		name     string
		endpoint string
		fault    openaisim.Fault
		check    string
		want     string
	}{
		{
			name:     "admin list, persistent 500",
			endpoint: openaisim.EndpointAdminAPIKeys, check: "admin_key_rotation",
			fault: openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500},
			want:  `(could not|cannot) be evaluated[\s\S]*/organization/admin_api_keys[\s\S]*HTTP\s+500[\s\S]*gave\s+up\s+after\s+3\s+attempts`,
		},
		{
			name:     "per-project list, truncated page",
			endpoint: openaisim.EndpointAdminProjectAPIKeys, check: "project_key_rotation",
			fault: openaisim.Fault{Kind: openaisim.FaultTruncated},
			want:  `(could not|cannot) be evaluated[\s\S]*/organization/projects/proj_[a-z_0-9]+/api_keys[\s\S]*cannot\s+decode\s+response`,
		},
		{
			name:     "compliance list, 403",
			endpoint: openaisim.EndpointComplianceGPTs, check: "gpt_public_link",
			fault: openaisim.Fault{Kind: openaisim.FaultStatus, Status: 403},
			want:  `(could not|cannot) be evaluated[\s\S]*/compliance/workspaces/[^ ]+/gpts[\s\S]*HTTP\s+403[\s\S]*compliance\s+read\s+scope`,
		},
		{
			name:     "compliance list, has_more with an empty page",
			endpoint: openaisim.EndpointComplianceUsers, check: "owner_count",
			fault: openaisim.Fault{Kind: openaisim.FaultHasMoreEmpty},
			want:  `(could not|cannot) be evaluated[\s\S]*/compliance/workspaces/[^ ]+/users[\s\S]*has_more\s+is\s+true\s+but\s+the\s+page\s+has\s+no\s+data`,
		},
		{
			name:     "single object, persistent 503",
			endpoint: openaisim.EndpointAdminSpendLimit, check: "spend_limit",
			fault: openaisim.Fault{Kind: openaisim.FaultStatus, Status: 503},
			want:  `(could not|cannot) be evaluated[\s\S]*/organization/spend_limit[\s\S]*HTTP\s+503`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim := startSimulator(t, openaisim.CleanOrg())
			sim.InjectFault(tc.endpoint, tc.fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      faultCheckConfig(sim, tc.check),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// TestAccPostureFaultsRecover: a 429 with Retry-After and a 502 from a proxy,
// each once, are retried; the plan and apply succeed and the checks pass on
// the real data.
func TestAccPostureFaultsRecover(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	sim.InjectFault(openaisim.EndpointComplianceGPTs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 429, RetryAfter: "1", Times: 1})
	sim.InjectFault(openaisim.EndpointAdminAPIKeys, openaisim.Fault{Kind: openaisim.FaultHTML, Times: 1})
	before := sim.RequestCount(openaisim.EndpointComplianceGPTs)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
resource "openai_posture_check" "gpt_public_link" {
  check = "gpt_public_link"
}
resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("openai_posture_check.gpt_public_link", tfjsonpath.New("passed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("openai_posture_check.admin_key_rotation", tfjsonpath.New("passed"), knownvalue.Bool(true)),
			},
		}},
	})
	if n := sim.RequestCount(openaisim.EndpointComplianceGPTs) - before; n < 2 {
		t.Errorf("GPT list requested %d times; the 429 should have been retried", n)
	}
}
