package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

const findingsAddress = "data.openai_posture_findings.all"

func TestAccPostureFindingsSampleOrg(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	expires := time.Now().UTC().AddDate(0, 6, 0).Format("2006-01-02") // within max_waiver_days
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + fmt.Sprintf(`
data "openai_posture_findings" "all" {
  parameters = {
    dlp_gpt_file = { patterns = ["*.pem"] }
  }
  waivers = [{
    check         = "gpt_code_interpreter"
    subject       = "g-SimCodeInterpreter"
    justification = "Approved by security review."
    expires       = %q
  }]
}
`, expires),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("passed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("counts").AtMapKey("waived"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("score"), knownvalue.Int64Exact(0)),
				expectListElement(findingsAddress, "findings", "subject_id", "g-SimKnowledgeLeak", map[string]knownvalue.Check{
					"check":    knownvalue.StringExact("dlp_gpt_file"),
					"severity": knownvalue.StringExact("high"),
					"waived":   knownvalue.Bool(false),
				}),
				expectListElement(findingsAddress, "findings", "subject_id", "g-SimCodeInterpreter", map[string]knownvalue.Check{
					"check":                knownvalue.StringExact("gpt_code_interpreter"),
					"waived":               knownvalue.Bool(true),
					"waiver_justification": knownvalue.StringExact("Approved by security review."),
				}),
				reportCheck{},
			},
		}},
	})
}

// reportCheck parses the three rendered reports back and checks they agree
// with the findings list.
type reportCheck struct{}

func (reportCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != findingsAddress {
			continue
		}
		findings, _ := r.AttributeValues["findings"].([]any)
		rep, err := posture.ParseJSONReport([]byte(fmt.Sprint(r.AttributeValues["json"])))
		if err != nil {
			resp.Error = fmt.Errorf("json report: %w", err)
			return
		}
		if len(rep.Findings) != len(findings) {
			resp.Error = fmt.Errorf("json report has %d findings, attribute %d", len(rep.Findings), len(findings))
			return
		}
		var sarif struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(fmt.Sprint(r.AttributeValues["sarif"])), &sarif); err != nil || sarif.Version != "2.1.0" {
			resp.Error = fmt.Errorf("sarif: version %q, %v", sarif.Version, err)
			return
		}
		if len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(findings) {
			resp.Error = fmt.Errorf("sarif results do not match the %d findings", len(findings))
			return
		}
		if junit := fmt.Sprint(r.AttributeValues["junit"]); !strings.HasPrefix(strings.TrimSpace(junit), "<?xml") {
			resp.Error = fmt.Errorf("junit is not XML: %.60q", junit)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in state", findingsAddress)
}

func TestAccPostureFindingsCleanOrgAndSeverityFilter(t *testing.T) {
	sim := startSimulator(t, openaisim.CleanOrg())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(sim) + `
data "openai_posture_findings" "all" {
  min_severity = "high"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("passed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("score"), knownvalue.Int64Exact(100)),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("findings"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(findingsAddress, tfjsonpath.New("evaluated_checks"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.StringExact("admin_key_rotation"),
				})),
			},
		}},
	})
}

func TestAccPostureFindingsErrors(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	sim.InjectFault(openai.EndpointInvites, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500})
	cases := map[string]struct{ config, want string }{
		"unknown check": {
			`checks = ["admin_key_rotatoin"]`,
			`Unknown posture check[\s\S]*did you mean "admin_key_rotation"`,
		},
		"parameters for an unselected check": {
			"checks = [\"admin_key_rotation\"]\n  parameters = { invite_stale = { max_pending_days = 7 } }",
			`Parameters for an unselected check[\s\S]*invite_stale`,
		},
		"bad parameter": {
			`parameters = { admin_key_rotation = { max_age_days = -3 } }`,
			`max_age_days[\s\S]*between 1 and\s+3650`,
		},
		"waiver for an unselected check": {
			"checks = [\"admin_key_rotation\"]\n  waivers = [{ check = \"gpt_public_link\", subject = \"x\", justification = \"y\", expires = \"2999-01-01\" }]",
			`Waiver for an unselected check`,
		},
		"unreadable data": {
			`checks = ["invite_stale"]`,
			`Posture check invite_stale could not be evaluated[\s\S]*invites[\s\S]*500`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerBlock(sim) + "data \"openai_posture_findings\" \"all\" {\n  " + tc.config + "\n}\n",
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// TestAccPostureFindingsOCSFTenant: two organizations (here one simulator
// under two organization ids, one plan each) give OCSF events that say
// which organization they are about (metadata.tenant_uid: organization id
// and workspace id) and never share a finding uid, though the subjects (and
// so the fingerprints) are the same.
func TestAccPostureFindingsOCSFTenant(t *testing.T) {
	sim := startSimulator(t, openaisim.SampleOrg())
	config := func(orgID string) string {
		return strings.Replace(providerBlock(sim), "provider \"openai\" {\n",
			fmt.Sprintf("provider \"openai\" {\n  organization_id = %q\n", orgID), 1) + `
data "openai_posture_findings" "all" {
  checks = ["admin_key_rotation", "spend_limit"]
}
`
	}
	uids := map[string]map[string]bool{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("org-sim-a"), ConfigStateChecks: []statecheck.StateCheck{ocsfTenantCheck{"org-sim-a/" + sim.WorkspaceID(), uids}}},
			{Config: config("org-sim-b"), ConfigStateChecks: []statecheck.StateCheck{ocsfTenantCheck{"org-sim-b/" + sim.WorkspaceID(), uids}}},
		},
	})
	if len(uids) != 2 {
		t.Fatalf("checked %d organizations, want 2", len(uids))
	}
	for uid := range uids["org-sim-a/"+sim.WorkspaceID()] {
		if uids["org-sim-b/"+sim.WorkspaceID()][uid] {
			t.Errorf("finding uid %s is the same for two organizations", uid)
		}
	}
}

// ocsfTenantCheck checks every OCSF event names tenant, and records the
// finding uids under it.
type ocsfTenantCheck struct {
	tenant string
	uids   map[string]map[string]bool
}

func (c ocsfTenantCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != findingsAddress {
			continue
		}
		var events []struct {
			FindingInfo struct{ UID string } `json:"finding_info"`
			Metadata    struct {
				TenantUID string `json:"tenant_uid"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal([]byte(fmt.Sprint(r.AttributeValues["ocsf"])), &events); err != nil {
			resp.Error = fmt.Errorf("ocsf: %w", err)
			return
		}
		if len(events) == 0 {
			resp.Error = fmt.Errorf("no OCSF events (the sample org has findings)")
			return
		}
		c.uids[c.tenant] = map[string]bool{}
		for _, e := range events {
			if e.Metadata.TenantUID != c.tenant {
				resp.Error = fmt.Errorf("tenant_uid %q, want %q", e.Metadata.TenantUID, c.tenant)
				return
			}
			c.uids[c.tenant][e.FindingInfo.UID] = true
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in state", findingsAddress)
}

func TestOCSFTenant(t *testing.T) {
	for _, tc := range []struct{ org, ws, want string }{
		{"org-abc", "6f1c", "org-abc/6f1c"}, {"org-abc", "", "org-abc"}, {"", "6f1c", "6f1c"}, {" ", "", ""},
	} {
		if got := ocsfTenant(tc.org, tc.ws); got != tc.want {
			t.Errorf("ocsfTenant(%q, %q) = %q, want %q", tc.org, tc.ws, got, tc.want)
		}
	}
}
