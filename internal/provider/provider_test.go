package provider

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// testAccProtoV6ProviderFactories runs the provider in the test process; the
// real Terraform or OpenTofu binary (TF_ACC_TERRAFORM_PATH) talks to it.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"openai": NewProtocol6WithError(New("test")),
}

// startSimulator serves fixture on loopback for the length of the test.
func startSimulator(t *testing.T, fixture *openaisim.Fixture) *openaisim.Server {
	t.Helper()
	sim, err := openaisim.New(fixture)
	if err != nil {
		t.Fatalf("starting the simulator: %v", err)
	}
	t.Cleanup(sim.Close)
	return sim
}

// providerBlock points the provider at the simulator with its fake keys.
// Pacing is off: the simulator is local and tests count requests instead.
func providerBlock(sim *openaisim.Server) string {
	return fmt.Sprintf(`
provider "openai" {
  admin_api_key                  = %q
  compliance_api_key             = %q
  workspace_id                   = %q
  admin_base_url                 = %q
  compliance_base_url            = %q
  admin_requests_per_minute      = 0
  compliance_requests_per_minute = 0
  max_retries                    = 2
}
`, openaisim.AdminKey, openaisim.ComplianceKey, sim.WorkspaceID(), sim.AdminBaseURL(), sim.ComplianceBaseURL())
}

// unsetProviderEnv keeps a developer's real OpenAI settings out of a test.
func unsetProviderEnv(t *testing.T) {
	t.Helper()
	for _, name := range []string{envAdminAPIKey, envComplianceAPIKey, envWorkspaceID, envOrganizationID,
		envAdminBaseURL, envComplianceBaseURL, envRequestTimeout, envTotalTimeout, envMaxRetries, envAdminRPM, envComplianceRPM, envDLPCacheDir} {
		if _, ok := os.LookupEnv(name); ok {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
}
