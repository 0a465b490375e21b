package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// exampleBaseline is examples/demo/main.tf without its terraform block: the
// test framework wires the in-process provider in as hashicorp/openai, and
// the provider block reads the simulator's URLs and keys from the
// environment, as it does in the demo.
func exampleBaseline(t *testing.T, enforcement string) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/demo/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	hcl := regexp.MustCompile(`(?s)terraform \{.*?\n\}\n`).ReplaceAllString(string(b), "")
	return strings.Replace(hcl, `default     = "error"`, fmt.Sprintf("default     = %q", enforcement), 1)
}

// useSimulatorEnv points the provider at sim through the environment.
func useSimulatorEnv(t *testing.T, sim *openaisim.Server) {
	t.Helper()
	unsetProviderEnv(t)
	t.Setenv(envAdminAPIKey, openaisim.AdminKey)
	t.Setenv(envComplianceAPIKey, openaisim.ComplianceKey)
	t.Setenv(envWorkspaceID, sim.WorkspaceID())
	t.Setenv(envAdminBaseURL, sim.AdminBaseURL())
	t.Setenv(envComplianceBaseURL, sim.ComplianceBaseURL())
	t.Setenv(envAdminRPM, "0")
	t.Setenv(envComplianceRPM, "0")
}

// TestAccExampleBaselineSampleOrg applies the example baseline in warn mode
// and checks that every check recorded exactly the seeded findings; then the
// same baseline in error mode fails the plan.
func TestAccExampleBaselineSampleOrg(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	useSimulatorEnv(t, sim)

	var checks []statecheck.StateCheck
	for id, seed := range openaisim.SeededViolations {
		want := seed.Subjects
		if id == "audit_logging" {
			want = nil // seeded in SampleOrgAuditLogsUnreadable only
		}
		checks = append(checks, expectFindingSubjects(exampleAddress(id), want))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            exampleBaseline(t, "warn"),
				ConfigStateChecks: checks,
			},
			{
				Config:      exampleBaseline(t, "error"),
				ExpectError: regexp.MustCompile(`Posture check admin_key_rotation failed: 1 finding[\s\S]*legacy-admin-key-400d`),
			},
		},
	})
}

func TestAccExampleBaselineCleanOrgPasses(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	useSimulatorEnv(t, sim)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: exampleBaseline(t, "error"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(exampleAddress("admin_key_rotation"), tfjsonpath.New("passed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(exampleAddress("gpt_public_store"), tfjsonpath.New("findings"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(exampleAddress("dlp_gpt_file"), tfjsonpath.New("finding_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// exampleAddress is the address of a check's resource in examples/demo.
func exampleAddress(check string) string { return "openai_posture_check." + check }

// expectFindingSubjects checks the set of subject ids in a posture check's
// findings.
func expectFindingSubjects(address string, want []string) statecheck.StateCheck {
	return findingSubjectsCheck{address: address, want: want}
}

type findingSubjectsCheck struct {
	address string
	want    []string
}

func (c findingSubjectsCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		got := map[string]bool{}
		list, _ := r.AttributeValues["findings"].([]any)
		for _, e := range list {
			if obj, ok := e.(map[string]any); ok {
				got[fmt.Sprint(obj["subject_id"])] = true
			}
		}
		var ids []string
		for id := range got {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		want := append([]string(nil), c.want...)
		sort.Strings(want)
		if strings.Join(ids, ",") != strings.Join(want, ",") {
			resp.Error = fmt.Errorf("%s: findings on %v, want exactly %v", c.address, ids, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in state", c.address)
}
