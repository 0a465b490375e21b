package snapshot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// checkRBACFetchedOnce: group members and roles once per group, user roles
// once per user who is not a service account.
func checkRBACFetchedOnce(t *testing.T, sim *openaisim.Server) {
	t.Helper()
	f := sim.Fixture()
	groups := len(f.Groups)
	for _, key := range []string{openai.EndpointGroupUsers, openai.EndpointGroupRoles} {
		if got := sim.RequestCount(key); got != groups {
			t.Errorf("%s requested %d times for %d groups", key, got, groups)
		}
	}
	users := 0
	for _, u := range f.Users {
		if u.IsServiceAccount == nil || !*u.IsServiceAccount {
			users++
		}
	}
	if got := sim.RequestCount(openai.EndpointUserRoles); got != users {
		t.Errorf("user roles requested %d times for %d users", got, users)
	}
}

// TestOwnerCountUnreadableUserRolesFailsClosed: one user's role list
// refused makes owner_count an error naming that endpoint, never a pass.
func TestOwnerCountUnreadableUserRolesFailsClosed(t *testing.T) {
	fx := openaisim.CleanOrg()
	// A custom administrative role (held by nobody) is what makes per-user
	// role lists worth reading at all.
	fx.Roles = append(fx.Roles, openaisim.Role{ID: "role_sim_admin", Name: "Admin", Permissions: []string{"api.groups.write"}})
	sim, err := openaisim.New(fx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	sim.InjectFault(openai.EndpointUserRoles, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 403, Times: 1})
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(), AdminRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := []posture.Rule{{CheckID: "owner_count", Params: posture.Params{"scope": posture.StringValue("org")}}}
	res := posture.Evaluate(New(client).PostureSnapshot(context.Background(), rules, time.Now()), rules)
	r := res.Rules[0]
	if r.Passed() || len(r.Errors) == 0 || r.Errors[0].Collection != posture.CollectionOrgUserRoles ||
		!strings.Contains(r.Errors[0].Endpoint, "/organization/users/") {
		t.Fatalf("owner_count with an unreadable user role list: passed=%v errors=%v", r.Passed(), r.Errors)
	}
}

// TestUserRolesSkippedWhenNoRoleMatters: the API lists role assignments
// only per user; when no role could make a user owner-equivalent beyond
// their own role field, those requests are not made and owner_count still
// judges the organization (the clean org passes).
func TestUserRolesSkippedWhenNoRoleMatters(t *testing.T) {
	sim, err := openaisim.New(openaisim.CleanOrg())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(), AdminRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	rules := []posture.Rule{{CheckID: "owner_count", Params: posture.Params{"scope": posture.StringValue("org")}}}
	res := posture.Evaluate(New(client).PostureSnapshot(context.Background(), rules, time.Now()), rules)
	if !res.Rules[0].Passed() {
		t.Fatalf("clean org: %+v %v", res.Rules[0].Findings, res.Rules[0].Errors)
	}
	if got := sim.RequestCount(openai.EndpointUserRoles); got != 0 {
		t.Fatalf("per-user roles read %d times although no role matters", got)
	}
	if sim.RequestCount(openai.EndpointRoles) != 1 {
		t.Fatal("the role list decides; it must be read once")
	}
}
