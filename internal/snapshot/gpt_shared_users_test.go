package snapshot

import (
	"context"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// GET …/shared_users is read only for GPTs whose embedded sharing.recipients
// is not known to be whole: none when the list endpoint sends them as arrays,
// every GPT when it sends no sharing object.
func TestSharedUsersReadOnlyForIncompleteRecipients(t *testing.T) {
	rules := []posture.Rule{{CheckID: "gpt_external_share", Enforcement: "warn",
		Params: posture.Params{"allowed_domains": posture.ListValue(openaisim.SeedVerifiedDomains...)}}}
	for _, tc := range []struct {
		name      string
		fault     *openaisim.Fault
		wantReads func(gpts int) int
	}{
		{"recipients complete", nil, func(int) int { return 0 }},
		{"sharing absent", &openaisim.Fault{Kind: openaisim.FaultMissingField, Field: "sharing"}, func(n int) int { return n }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim, err := openaisim.New(openaisim.SampleOrg())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Close)
			if tc.fault != nil {
				sim.InjectFault(openai.EndpointComplianceGPTs, *tc.fault)
			}
			client, err := openai.NewClient(openai.Config{
				ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
				WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1, MaxRetries: -1,
			})
			if err != nil {
				t.Fatal(err)
			}
			snap := New(client).PostureSnapshot(context.Background(), rules, time.Now())
			if !snap.GPTs.Loaded {
				t.Fatalf("GPTs not loaded: %+v", snap.GPTs)
			}
			gpts := len(snap.GPTs.Items)
			if got, want := sim.RequestCount(openai.EndpointComplianceGPTSharedUsers), tc.wantReads(gpts); got != want {
				t.Errorf("shared_users requests = %d, want %d (%d GPTs)", got, want, gpts)
			}
			for _, g := range snap.GPTs.Items {
				if g.RecipientsIncomplete != g.SharedUsers.Loaded {
					t.Errorf("GPT %s: recipients incomplete %v but shared users loaded %v", g.ID, g.RecipientsIncomplete, g.SharedUsers.Loaded)
				}
			}
		})
	}
}

// The same for ChatGPT projects (one sharing model): GET …/shared_users only
// for workspace projects whose sharing.recipients is not whole; never for a
// third-party project, whose sharing is not the workspace's.
func TestProjectSharedUsersReadOnlyForIncompleteRecipients(t *testing.T) {
	rules := []posture.Rule{{CheckID: "chatgpt_project_external_share", Enforcement: "warn",
		Params: posture.Params{"allowed_domains": posture.ListValue(openaisim.SeedVerifiedDomains...)}}}
	for _, tc := range []struct {
		name      string
		fault     *openaisim.Fault
		wantReads func(workspaceProjects int) int
	}{
		{"recipients complete", nil, func(int) int { return 0 }},
		{"sharing absent", &openaisim.Fault{Kind: openaisim.FaultMissingField, Field: "sharing"}, func(n int) int { return n }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim, err := openaisim.New(openaisim.SampleOrg())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Close)
			if tc.fault != nil {
				sim.InjectFault(openai.EndpointComplianceProjects, *tc.fault)
			}
			client, err := openai.NewClient(openai.Config{
				ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
				WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1, MaxRetries: -1,
			})
			if err != nil {
				t.Fatal(err)
			}
			snap := New(client).PostureSnapshot(context.Background(), rules, time.Now())
			if !snap.ChatGPTProjects.Loaded || len(snap.ChatGPTProjects.Items) == 0 {
				t.Fatalf("ChatGPT projects not loaded: %+v", snap.ChatGPTProjects)
			}
			workspace := 0
			for _, p := range snap.ChatGPTProjects.Items {
				if !p.ThirdParty {
					workspace++
				}
				if want := p.RecipientsIncomplete && !p.ThirdParty; p.SharedUsers.Loaded != want {
					t.Errorf("project %s: recipients incomplete %v, third party %v, but shared users loaded %v",
						p.ID, p.RecipientsIncomplete, p.ThirdParty, p.SharedUsers.Loaded)
				}
			}
			if got, want := sim.RequestCount(openai.EndpointComplianceProjectSharedUsers), tc.wantReads(workspace); got != want {
				t.Errorf("shared_users requests = %d, want %d (%d workspace projects)", got, want, workspace)
			}
		})
	}
}
