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
	sim, err := openaisim.New(openaisim.CleanOrg())
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
