package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

const adminKeysBlock = `data "openai_admin_api_keys" "all" {}` + "\n"

func TestAccProviderConfigErrors(t *testing.T) {
	unsetProviderEnv(t)
	cases := map[string]struct {
		config string
		want   string
	}{
		"no key at all": {
			config: `provider "openai" {}`,
			want:   `No OpenAI API key configured[\s\S]*OPENAI_ADMIN_KEY`,
		},
		"http base URL off loopback": {
			config: `provider "openai" {
  admin_api_key  = "test-key-not-a-secret"
  admin_base_url = "http://api.example.com/v1"
}`,
			want: `Invalid base URL[\s\S]*https`,
		},
		"malformed base URL": {
			config: `provider "openai" {
  admin_api_key  = "test-key-not-a-secret"
  admin_base_url = "not a url"
}`,
			want: `Invalid base URL`,
		},
		"compliance key without workspace id": {
			config: `provider "openai" {
  compliance_api_key = "test-key-not-a-secret"
}`,
			want: `Missing workspace id[\s\S]*OPENAI_WORKSPACE_ID`,
		},
		"workspace id not a UUID": {
			config: `provider "openai" {
  compliance_api_key = "test-key-not-a-secret"
  workspace_id       = "my-workspace"
}`,
			want: `Invalid workspace id[\s\S]*UUID`,
		},
		"bad duration": {
			config: `provider "openai" {
  admin_api_key   = "test-key-not-a-secret"
  request_timeout = "30"
}`,
			want: `Invalid duration[\s\S]*"30s"`,
		},
		"retries out of range": {
			config: `provider "openai" {
  admin_api_key = "test-key-not-a-secret"
  max_retries   = 100
}`,
			want: `max_retries[\s\S]*between 0 and 20`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      tc.config + "\n" + adminKeysBlock,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAccProviderConfigFromEnvironment(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	t.Setenv(envAdminAPIKey, openaisim.AdminKey)
	t.Setenv(envAdminBaseURL, sim.AdminBaseURL())
	t.Setenv(envAdminRPM, "0")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "openai" {}` + "\n" + adminKeysBlock,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.openai_admin_api_keys.all", tfjsonpath.New("keys"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccProviderConfigBadEnvironment(t *testing.T) {
	unsetProviderEnv(t)
	t.Setenv(envAdminAPIKey, "test-key-not-a-secret")
	t.Setenv(envAdminBaseURL, "http://10.1.2.3/v1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `provider "openai" {}` + "\n" + adminKeysBlock,
			ExpectError: regexp.MustCompile(`from the OPENAI_ADMIN_BASE_URL environment variable`),
		}},
	})
}

func TestAccProviderWrongKey(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "openai" {
  admin_api_key             = "test-wrong-key-not-a-secret"
  admin_base_url            = "` + sim.AdminBaseURL() + `"
  admin_requests_per_minute = 0
}
` + adminKeysBlock,
			ExpectError: regexp.MustCompile(`(?s)Unable to list admin API keys.*401.*admin API key`),
		}},
	})
}
