package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// secretKeys are the fake keys the simulator accepts; none may appear in any
// log, state, plan or error.
var secretKeys = []string{openaisim.AdminKey, openaisim.ComplianceKey}

func findSecrets(where string, data []byte) error {
	for _, k := range secretKeys {
		if strings.Contains(string(data), k) {
			return fmt.Errorf("%s contains the key %q", where, k)
		}
	}
	return nil
}

// noSecretsInPlan is a plancheck over the whole plan JSON (the plan as
// `terraform show -json` renders it). With exceptConfiguration it skips the
// "configuration" object, which is Terraform's echo of the .tf source:
// Terraform 1.5 writes literal provider arguments there verbatim, Sensitive
// or not, so keys belong in the environment (OPENAI_ADMIN_KEY, ...), never in
// a .tf file.
type noSecretsInPlan struct{ exceptConfiguration bool }

func (c noSecretsInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		resp.Error = err
		return
	}
	for k, v := range m {
		if k == "configuration" && c.exceptConfiguration {
			continue
		}
		if err := findSecrets("the plan JSON ("+k+")", v); err != nil {
			resp.Error = err
			return
		}
	}
}

// noSecretsInState is a statecheck over the state JSON (`terraform show -json`).
type noSecretsInState struct{}

func (noSecretsInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = findSecrets("the state JSON", b)
}

// traceLogs turns every log up to TRACE and writes them under a temp dir; the
// returned func reads them all.
func traceLogs(t *testing.T) func() []byte {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER", "TRACE")
	t.Setenv(openai.LogLevelEnvVar, "TRACE")
	t.Setenv("TF_LOG_PATH", filepath.Join(dir, "terraform.log"))
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(dir, "acceptance.log"))
	return func() []byte {
		var all []byte
		_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				b, _ := os.ReadFile(p)
				all = append(all, b...)
			}
			return nil
		})
		return all
	}
}

const secretsConfig = `
resource "openai_posture_check" "admin_key_rotation" {
  check       = "admin_key_rotation"
  enforcement = "warn"
}
resource "openai_posture_check" "gpt_public_link" {
  check       = "gpt_public_link"
  enforcement = "warn"
}
data "openai_admin_api_keys" "all" {}
data "openai_gpts" "all" {}
`

func stateHasNoSecrets(s *terraform.State) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return findSecrets("the state", b)
}

// TestAccSecretsNeverLeak plans and applies with TRACE logging and the keys
// in the environment (the documented way), then plans against a server that
// echoes the key back in an error. No key appears in the logs (Terraform's,
// the test harness's and the provider's), the state, the plan JSON or the
// diagnostics.
func TestAccSecretsNeverLeak(t *testing.T) {
	readLogs := traceLogs(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	useSimulatorEnv(t, sim)
	config := `provider "openai" {}` + secretsConfig

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{noSecretsInPlan{}},
					PostApplyPostRefresh: []plancheck.PlanCheck{noSecretsInPlan{}},
				},
				ConfigStateChecks: []statecheck.StateCheck{noSecretsInState{}},
				Check:             stateHasNoSecrets,
			},
			{
				// A server that echoes the presented key in its error
				// message: the diagnostic shows it redacted.
				PreConfig: func() {
					sim.InjectFault(openaisim.EndpointAdminAPIKeys, openaisim.Fault{
						Kind: openaisim.FaultStatus, Status: 401,
						Message: "Incorrect API key provided: " + openaisim.AdminKey + ".",
					})
				},
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Incorrect\s+API\s+key\s+provided:\s+\[REDACTED\]`),
			},
		},
	})

	logs := readLogs()
	if !strings.Contains(string(logs), "sending request") {
		t.Fatalf("the provider's HTTP logs were not captured (%d bytes of logs); the scan would prove nothing", len(logs))
	}
	if !strings.Contains(string(logs), "[REDACTED]") {
		t.Errorf("the echoed key's redaction does not appear in the logs")
	}
	if err := findSecrets("the TRACE logs", logs); err != nil {
		for _, line := range strings.Split(string(logs), "\n") {
			if findSecrets("", []byte(line)) != nil {
				t.Logf("leaking line: %.300s", line)
				break
			}
		}
		t.Error(err)
	}
}

// TestAccSecretsLiteralKeys: with the keys written in the provider block, the
// state and the plan hold no key. The plan JSON's "configuration" (and the
// logs, which echo the .tf files) do: that is Terraform repeating the user's
// own source, which is why keys belong in the environment.
func TestAccSecretsLiteralKeys(t *testing.T) {
	unsetProviderEnv(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + secretsConfig,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{noSecretsInPlan{exceptConfiguration: true}},
				PostApplyPostRefresh: []plancheck.PlanCheck{noSecretsInPlan{exceptConfiguration: true}},
			},
			ConfigStateChecks: []statecheck.StateCheck{noSecretsInState{}},
			Check:             stateHasNoSecrets,
		}},
	})
}

// TestAccSecretsSensitiveSchema: both keys are Sensitive in the provider schema.
func TestAccSecretsSensitiveSchema(t *testing.T) {
	p := New("test")()
	var resp provider.SchemaResponse
	p.Schema(context.Background(), provider.SchemaRequest{}, &resp)
	for _, name := range []string{"admin_api_key", "compliance_api_key"} {
		a, ok := resp.Schema.Attributes[name]
		if !ok {
			t.Errorf("provider schema has no %s", name)
			continue
		}
		if !a.IsSensitive() {
			t.Errorf("%s is not Sensitive", name)
		}
	}
}

// TestAccSecretsBaseURLRefused: a plain-http base URL off loopback is refused
// at configure time, before any request, naming the setting.
func TestAccSecretsBaseURLRefused(t *testing.T) {
	unsetProviderEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "openai" {
  admin_api_key  = %q
  admin_base_url = "http://api.example.com/v1"
}
resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}
`, openaisim.AdminKey),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid base URL[\s\S]*admin_base_url[\s\S]*plain\s+http\s+on\s+a\s+non-loopback\s+host`),
		}},
	})
}

// TestAccSecretsCrossOriginRedirectRefused: the admin base URL redirects to
// another origin; the redirect is refused, the plan fails naming it, and the
// other origin never receives a request (so never the key).
func TestAccSecretsCrossOriginRedirectRefused(t *testing.T) {
	unsetProviderEnv(t)
	var elsewhere atomic.Int32
	var leakedAuth atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		leakedAuth.Store(r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(other.Close)
	// Another port on loopback is another origin for the redirect rule.
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "openai" {
  admin_api_key             = %q
  admin_base_url            = "%s/v1"
  admin_requests_per_minute = 0
  max_retries               = 0
}
resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}
`, openaisim.AdminKey, redirector.URL),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`redirect\s+to\s+a\s+different\s+origin\s+refused`),
		}},
	})
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the other origin received %d requests (Authorization %q)", n, leakedAuth.Load())
	}
}
