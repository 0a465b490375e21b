package posture

import (
	"strings"
	"testing"
)

// An invite role the spec does not list may be privileged: the invite is
// reported, never passed as if it were a reader or member.
func TestInviteUnknownRolesAreReported(t *testing.T) {
	cases := map[string]struct {
		inv  Invite
		want string
	}{
		"unknown org role":     {Invite{ID: "inv", Role: "admin", Status: "pending"}, `unknown organization role "admin"`},
		"unknown project role": {Invite{ID: "inv", Role: "reader", Status: "pending", Projects: []InviteProject{{ID: "proj_a", Role: "maintainer"}}}, `unknown role "maintainer" in project proj_a`},
		"org owner any case":   {Invite{ID: "inv", Role: "OWNER", Status: "pending"}, "organization role owner"},
		"project owner case":   {Invite{ID: "inv", Role: "reader", Status: "pending", Projects: []InviteProject{{ID: "proj_a", Role: "Owner"}}}, "owner of project proj_a"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			snap := Snapshot{Now: testNow, Invites: Loaded(tc.inv)}
			rr := EvaluateRule(snap, Rule{CheckID: "invite_high_privilege"})
			if len(rr.Errors) > 0 || len(rr.Findings) != 1 || !strings.Contains(rr.Findings[0].Observed, tc.want) {
				t.Fatalf("want one finding observing %q, got %+v errors %v", tc.want, rr.Findings, rr.Errors)
			}
		})
	}
	snap := Snapshot{Now: testNow, Invites: Loaded(Invite{ID: "inv", Role: "Reader", Status: "pending", Projects: []InviteProject{{ID: "p", Role: "MEMBER"}}})}
	if rr := EvaluateRule(snap, Rule{CheckID: "invite_high_privilege"}); !rr.Passed() {
		t.Fatalf("known low roles in any case must pass: %+v", rr.Findings)
	}
}

// A workspace owner whose status is absent may be inactive: counting it as
// an active owner could hide "no active owner"; it is reported instead.
func TestOwnerCountWorkspaceStatusAbsentIsReported(t *testing.T) {
	snap := Snapshot{Now: testNow, WorkspaceUsers: Loaded(WorkspaceUser{ID: "wu_1", Email: "a@example.com", Role: "account-owner"})}
	rr := EvaluateRule(snap, Rule{CheckID: "owner_count", Params: Params{"scope": StringValue("workspace")}})
	for _, f := range rr.Findings {
		if f.SubjectID == "wu_1" && strings.Contains(f.Observed, "status not reported") {
			return
		}
	}
	t.Fatalf("want a status-not-reported finding, got %+v errors %v", rr.Findings, rr.Errors)
}
