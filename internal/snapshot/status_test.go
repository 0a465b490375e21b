package snapshot

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

func TestStatusReadings(t *testing.T) {
	cases := []struct {
		err                error
		notConfigured, off bool
	}{
		{nil, false, false},
		{&openai.APIError{StatusCode: 404}, true, true},
		{&openai.APIError{StatusCode: 403}, false, true},
		{&openai.APIError{StatusCode: 400}, false, false},
		{&openai.APIError{StatusCode: 500}, false, false},
		{fmt.Errorf("wrapped: %w", &openai.APIError{StatusCode: 403}), false, true},
		{errors.New("connection reset"), false, false},
	}
	for _, tc := range cases {
		if got := SettingNotConfigured(tc.err); got != tc.notConfigured {
			t.Errorf("SettingNotConfigured(%v) = %v", tc.err, got)
		}
		if got := AuditLogOff(tc.err); got != tc.off {
			t.Errorf("AuditLogOff(%v) = %v", tc.err, got)
		}
	}
}

// The organization data retention answering 404 is "not configured" for the
// posture check too (as for openai_workspace_settings): a finding, not an
// error.
func TestOrgRetentionNotConfiguredIsAFinding(t *testing.T) {
	l, sim := newLoader(t)
	sim.Update(func(f *openaisim.Fixture) { f.Organization.DataRetention = "" })
	rules := []posture.Rule{{CheckID: "data_retention", Params: posture.Params{
		"mode": posture.StringValue("zero_data_retention"), "include_projects": posture.BoolValue(false),
	}, Enforcement: "error"}}
	r := posture.Evaluate(l.PostureSnapshot(context.Background(), rules, time.Now()), rules).Rules[0]
	if len(r.Errors) != 0 || len(r.Findings) != 1 || r.Findings[0].SubjectID != "organization" {
		t.Errorf("findings %+v errors %v, want one organization finding", r.Findings, r.Errors)
	}
}

// A 404 from the audit log reads as "audit log off", like a 403.
func TestAuditLog404IsOff(t *testing.T) {
	l, sim := newLoader(t)
	sim.InjectFault(openai.EndpointAuditLogs, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 404})
	rules := []posture.Rule{{CheckID: "audit_logging", Enforcement: "error"}}
	r := posture.Evaluate(l.PostureSnapshot(context.Background(), rules, time.Now()), rules).Rules[0]
	if len(r.Errors) != 0 || len(r.Findings) != 1 {
		t.Errorf("findings %+v errors %v, want one finding", r.Findings, r.Errors)
	}
}
