package openaisim

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestGenerateDeterministicSizedAndValid(t *testing.T) {
	p := BaseGenParams().Scaled(0.25)
	a, b := Generate(p), Generate(p)
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Fatal("Generate is not deterministic for equal parameters")
	}
	q := p
	q.Seed++
	if jc, _ := json.Marshal(Generate(q)); bytes.Equal(ja, jc) {
		t.Fatal("a different seed gave the same fixture")
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	keys := 0
	for _, pr := range a.Projects {
		keys += len(pr.APIKeys)
	}
	for name, got := range map[string][2]int{
		"org users":        {len(a.Users), p.OrgUsers},
		"invites":          {len(a.Invites), p.Invites},
		"projects":         {len(a.Projects), p.Projects},
		"project keys":     {keys, p.Projects * p.KeysPerProject},
		"audit events":     {len(a.AuditLogs), p.AuditEvents + p.TenantAuditEvents},
		"workspace users":  {len(a.Workspace.Users), p.WorkspaceUsers},
		"gpts":             {len(a.Workspace.GPTs), p.GPTs},
		"chatgpt projects": {len(a.Workspace.Projects), p.ChatGPTProjects},
		"conversations":    {len(a.Workspace.Conversations), p.Conversations},
	} {
		if got[0] != got[1] {
			t.Errorf("%s: got %d, want %d", name, got[0], got[1])
		}
	}
	// The fixture round-trips through the strict decoder and is served.
	if _, err := LoadFixture(bytes.NewReader(ja)); err != nil {
		t.Fatalf("LoadFixture of the generated org: %v", err)
	}
	s, err := New(a)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestScaledTargetIsSixteenTimesBase(t *testing.T) {
	base, target := BaseGenParams(), TargetGenParams()
	if got := base.Scaled(16); got != target {
		t.Errorf("BaseGenParams().Scaled(16) = %+v, want %+v", got, target)
	}
}

func TestGenerateTenantEventsServedOnlyWithTenantOnly(t *testing.T) {
	p := GenParams{Seed: 2, OrgUsers: 10, WorkspaceUsers: 2, AuditEvents: 30, AuditDays: 3, TenantAuditEvents: 12, ViolationEvery: 4}
	s := newSim(t, Generate(p))
	plain := dataIDs(t, s.testAdmin(t, "/organization/audit_logs?limit=100"))
	tenant := s.testAdmin(t, "/organization/audit_logs?limit=100&tenant_only=true")
	if len(plain) != p.AuditEvents || len(dataIDs(t, tenant)) != p.TenantAuditEvents {
		t.Fatalf("got %d plain and %d tenant events, want %d and %d", len(plain), len(dataIDs(t, tenant)), p.AuditEvents, p.TenantAuditEvents)
	}
	sso := 0
	for _, raw := range tenant["data"].([]any) {
		if raw.(map[string]any)["type"] == "tenant.sso_connection.updated" {
			sso++
		}
	}
	if sso != p.TenantAuditEvents/p.ViolationEvery {
		t.Errorf("%d SSO changes, want %d (every ViolationEvery-th)", sso, p.TenantAuditEvents/p.ViolationEvery)
	}
}
