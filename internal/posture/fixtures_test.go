package posture

import (
	"errors"
	"time"
)

// testNow is the evaluation time of every test snapshot.
var testNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func ago(days int) *time.Time {
	t := testNow.Add(-time.Duration(days) * 24 * time.Hour)
	return &t
}

func ahead(days int) *time.Time {
	t := testNow.Add(time.Duration(days) * 24 * time.Hour)
	return &t
}

func strPtr(s string) *string { return &s }
func boolPtr(b bool) *bool    { return &b }

var errForbidden = errors.New("HTTP 403: insufficient permissions")

// emptySnapshot is a compliant organization: every collection read, nothing
// in it.
func emptySnapshot() Snapshot {
	return Snapshot{
		Now:              testNow,
		AdminAPIKeys:     Loaded[AdminAPIKey](),
		OrgUsers:         Loaded[OrgUser](),
		Invites:          Loaded[Invite](),
		Projects:         Loaded[Project](),
		OrgDataRetention: LoadedValue(DataRetention{Type: "zero_data_retention"}),
		SpendLimit:       LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(100000), Currency: "usd", Interval: "month", EnforcementStatus: "enforcing"}),
		Certificates:     Loaded[Certificate](),
		AuditLogs:        Loaded[AuditEvent](),
		TenantAuditLogs:  Loaded[AuditEvent](),
		OrgRoles:         Loaded[Role](),
		OrgGroups:        Loaded[Group](),
		OrgUserRoles:     Loaded[UserRoleAssignment](),
		WorkspaceUsers:   Loaded[WorkspaceUser](),
		GPTs:             Loaded[GPT](),
		ChatGPTProjects:  Loaded[ChatGPTProject](),
		Conversations:    Loaded[Conversation](),
	}
}

func int64Ptr(v int64) *int64 { return &v }

// project returns an active project whose per-project collections are all
// readable and compliant.
func project(id string) Project {
	return Project{
		ID: id, Name: "Project " + id, Status: "active",
		APIKeys:         Loaded[ProjectAPIKey](),
		ServiceAccounts: Loaded[ProjectServiceAccount](),
		Users:           Loaded[ProjectUser](),
		DataRetention:   LoadedValue(DataRetention{Type: "organization_default"}),
		HostedToolPermissions: LoadedValue(HostedToolPermissions{Enabled: map[string]bool{
			"code_interpreter": false, "file_search": true, "image_generation": false, "mcp": false, "web_search": false,
		}}),
		ModelPermissions: LoadedValue(ModelPermissions{Configured: true, Mode: "allow_list", ModelIDs: []string{"gpt-4.1"}}),
	}
}

func projectKey(id string) ProjectAPIKey {
	return ProjectAPIKey{
		ID: id, Name: "key " + id, RedactedValue: "sk-...abcd", CreatedAt: ago(10), LastUsedAt: ago(1),
		OwnerProjectAccess: "active", OwnerType: "service_account", OwnerID: "svc_acct_1", OwnerName: "deploy bot",
	}
}

func withProjectKey(s *Snapshot, k ProjectAPIKey) {
	p := project("proj_a")
	p.APIKeys = Loaded(k)
	s.Projects = Loaded(p)
}

// gpt returns a compliant GPT: invite-only, chat-only recipients, no tools.
func gpt(id string) GPT {
	return GPT{
		ID: id, OwnerID: "user-owner", OwnerEmail: "owner@example.com",
		Visibility:  "invite-only",
		Permissions: &GPTPermissions{CanRead: true},
		Recipients: []GPTRecipient{{
			ID: "user-r1", Email: "r1@example.com", Permissions: &GPTPermissions{CanRead: true},
		}},
		SharedUsers:    Loaded[GPTRecipient](),
		Config:         &GPTConfig{Name: "HR Helper", Instructions: "Answer HR questions politely."},
		ConfigVersions: 1,
	}
}

func withGPT(s *Snapshot, g GPT) {
	s.GPTs = Loaded(g)
	s.WorkspaceUsers = Loaded(WorkspaceUser{ID: "user-owner", Email: "owner@example.com", Role: "account-owner", Status: "active", CreatedAt: ago(400)})
}
