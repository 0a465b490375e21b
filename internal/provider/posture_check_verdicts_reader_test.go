package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// A clean verdict in a check's private state kept by another extractor (or
// before verdicts named one) is not reused: the file is downloaded and judged
// again, and the AWS key the sample's vendor notes hold is found. Each such
// verdict would otherwise stay clean whatever an extractor fix now finds.
func TestPrivateStateVerdictOfOtherExtractorRescanned(t *testing.T) {
	for name, reader := range map[string]string{"no reader": "", "older reader": "extract/0 text<=1"} {
		t.Run(name, func(t *testing.T) {
			sim, err := openaisim.New(openaisim.SampleOrg())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Close)
			client, err := openai.NewClient(openai.Config{
				ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
				WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1,
			})
			if err != nil {
				t.Fatal(err)
			}
			rule := posture.Rule{CheckID: "dlp_gpt_file_content"}
			sel := posture.ContentNeeds([]posture.Rule{rule}).Selections[0].Key()
			b, _ := json.Marshal([]storedVerdict{{File: "gpt/file-SimVendorNotes", Selection: sel, Verdict: snapshot.CachedVerdict{Reader: reader}}})
			mem := newVerdictMemory(nil)
			mem.seedVerdicts(context.Background(), rule.CheckID, fakePrivate{privateVerdictsKey: b})

			rules := []posture.Rule{rule}
			snap := snapshot.NewWithOptions(client, snapshot.Options{VerdictCache: mem}).PostureSnapshot(context.Background(), rules, time.Now())
			found := false
			for _, r := range posture.Evaluate(snap, rules).Rules {
				for _, f := range r.Findings {
					found = found || strings.Contains(f.SubKey, "file-SimVendorNotes:aws-access-token")
				}
			}
			if !found {
				t.Fatal("the seeded clean verdict of another extractor hid the vendor notes' AWS key")
			}
			next := fakePrivate{}
			mem.keepVerdicts(context.Background(), rule, next)
			if !strings.Contains(string(next[privateVerdictsKey]), `"reader":"extract/`) || strings.Contains(string(next[privateVerdictsKey]), reader+`"`) && reader != "" {
				t.Fatalf("private state not rewritten with the current reader: %s", next[privateVerdictsKey])
			}
		})
	}
}
