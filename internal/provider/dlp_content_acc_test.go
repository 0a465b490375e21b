package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// plantedContent are the secrets and personal data the sample org plants in
// file content and memories (openaisim fixtures/sample.json). The DLP
// content checks must find them and never repeat them.
var plantedContent = []string{
	"AKIATESTONLYFAKEKEY2",
	"ghp_TESTONLYfakeTOKENx1y2z3w4v5u6t7s8r9q0",
	"DE89 3704 0044 0532 0130 00", "DE89370400440532013000",
	"4111 1111 1111 1111", "4111111111111111",
	"123-45-6789",
	"?sig=", // the download URL's signature
}

func findPlanted(where string, data []byte) error {
	for _, v := range plantedContent {
		if strings.Contains(string(data), v) {
			return fmt.Errorf("%s contains the planted value %q", where, v)
		}
	}
	return findSecrets(where, data)
}

type noPlantedInPlan struct{}

func (noPlantedInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = findPlanted("the plan JSON", b)
}

type noPlantedInState struct{}

func (noPlantedInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = findPlanted("the state JSON", b)
}

const dlpContentConfig = `
provider "openai" {}
resource "openai_posture_check" "gpt_files" {
  check       = "dlp_gpt_file_content"
  enforcement = "warn"
}
resource "openai_posture_check" "project_files" {
  check       = "dlp_project_file_content"
  enforcement = "warn"
}
resource "openai_posture_check" "conversation_files" {
  check       = "dlp_conversation_file_content"
  enforcement = "warn"
}
resource "openai_posture_check" "memories" {
  check       = "dlp_memory"
  enforcement = "warn"
}
`

// TestAccDLPContentNeverLeaks plans and applies the four content checks on
// the sample org with TRACE logging. The findings name the rule, the line and
// a redacted preview; no planted value (nor the download signature, nor a
// key) reaches the state, the plan JSON or any log, and the download host
// never saw an Authorization header.
func TestAccDLPContentNeverLeaks(t *testing.T) {
	readLogs := traceLogs(t)
	sim := startSimulator(t, openaisim.SampleOrg())
	useSimulatorEnv(t, sim)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dlpContentConfig,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{noPlantedInPlan{}},
				PostApplyPostRefresh: []plancheck.PlanCheck{noPlantedInPlan{}},
			},
			ConfigStateChecks: []statecheck.StateCheck{noPlantedInState{}},
			Check: func(s *terraform.State) error {
				b, err := json.Marshal(s)
				if err != nil {
					return err
				}
				// The findings are there (redacted): the scan proves something.
				for _, want := range []string{"aws-access-token", "AK…[redacted]…Y2", "github-pat", "iban", "card_number", "us_ssn", "not scanned: pdf: encrypted PDF", "expired (HTTP 410)", "larger than the size cap"} {
					if !strings.Contains(string(b), want) {
						return fmt.Errorf("state has no finding mentioning %q", want)
					}
				}
				return findPlanted("the state", b)
			},
		}},
	})

	if v := sim.DownloadAuthViolations(); v != 0 {
		t.Errorf("the download host received Authorization %d times", v)
	}
	if sim.DownloadCount() == 0 {
		t.Fatal("no file was downloaded; the test proves nothing")
	}
	logs := readLogs()
	if !strings.Contains(string(logs), "sending request") {
		t.Fatalf("the provider's HTTP logs were not captured (%d bytes)", len(logs))
	}
	if err := findPlanted("the TRACE logs", logs); err != nil {
		for _, line := range strings.Split(string(logs), "\n") {
			if findPlanted("", []byte(line)) != nil {
				t.Logf("leaking line: %.300s", regexp.MustCompile(`[A-Za-z0-9]{12,}`).ReplaceAllString(line, "…"))
				break
			}
		}
		t.Error(err)
	}
}
