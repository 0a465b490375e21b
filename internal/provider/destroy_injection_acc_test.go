package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/openai-posture/terraform-provider-openai/internal/clidetect"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// TestAccInjectedDestroyDetector: the provider asks the Detector it was given
// (no global): told the command is a destroy, findings only warn; told it is
// not, they fail the plan.
func TestAccInjectedDestroyDetector(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	factories := func(destroying bool) map[string]func() (tfprotov6.ProviderServer, error) {
		return map[string]func() (tfprotov6.ProviderServer, error){
			"openai": NewProtocol6WithError(NewWithOptions("test", Options{Destroy: clidetect.Static(destroying)})),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(false),
		Steps: []resource.TestStep{{
			Config:      rotationConfig(sim, "error", ""),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed`),
		}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(true),
		Steps: []resource.TestStep{{
			Config:             rotationConfig(sim, "error", ""),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}
