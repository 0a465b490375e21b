package provider

import (
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

func ptr[T any](v T) *T { return &v }

// selectedIDs returns the ids of the users that pass match, in order.
func selectedIDs(n int, id func(int) string, match func(int) bool) []string {
	out := []string{}
	for i := range n {
		if match(i) {
			out = append(out, id(i))
		}
	}
	return out
}

func TestOrgUserFilters(t *testing.T) {
	users := snapshot.AppendOrgUsers(snapshot.OrgUsers{}, []openai.User{
		{ID: "u-owner", Email: ptr("Owner@Example.com"), Role: ptr("owner"), IsSCIMManaged: ptr(true)},
		{ID: "u-reader", Email: ptr("reader@example.com"), Role: ptr("reader"), IsSCIMManaged: ptr(false)},
		{ID: "u-other", Email: ptr("someone@badexample.com"), Role: ptr("reader"), IsSCIMManaged: ptr(true)},
		// Email only in the nested account object: shown, so filtered on.
		{ID: "u-nested", User: &openai.UserAccount{Email: ptr("nested@example.com")}, Role: ptr("OWNER")},
		// Nothing optional sent: never matches a filter on those fields.
		{ID: "u-bare"},
	})
	str, null := types.StringValue, types.StringNull()
	all := orgUserFilters{Role: null, Email: null, EmailSuffix: null, IsSCIMManaged: types.BoolNull()}
	for _, tc := range []struct {
		name string
		edit func(*orgUserFilters)
		want []string
	}{
		{"none", func(*orgUserFilters) {}, []string{"u-owner", "u-reader", "u-other", "u-nested", "u-bare"}},
		{"role, any case", func(f *orgUserFilters) { f.Role = str("Owner") }, []string{"u-owner", "u-nested"}},
		{"exact email, any case", func(f *orgUserFilters) { f.Email = str("owner@EXAMPLE.com") }, []string{"u-owner"}},
		{"exact email is not a substring", func(f *orgUserFilters) { f.Email = str("example.com") }, []string{}},
		{"suffix with @", func(f *orgUserFilters) { f.EmailSuffix = str("@example.COM") }, []string{"u-owner", "u-reader", "u-nested"}},
		{"suffix without @", func(f *orgUserFilters) { f.EmailSuffix = str("example.com") }, []string{"u-owner", "u-reader", "u-other", "u-nested"}},
		{"scim true", func(f *orgUserFilters) { f.IsSCIMManaged = types.BoolValue(true) }, []string{"u-owner", "u-other"}},
		{"scim false", func(f *orgUserFilters) { f.IsSCIMManaged = types.BoolValue(false) }, []string{"u-reader"}},
		{"all together", func(f *orgUserFilters) {
			f.Role, f.EmailSuffix, f.IsSCIMManaged = str("reader"), str("@badexample.com"), types.BoolValue(true)
		}, []string{"u-other"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := all
			tc.edit(&f)
			got := selectedIDs(len(users.Engine), func(i int) string { return users.Engine[i].ID },
				func(i int) bool { return f.matches(users, i) })
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWorkspaceUserFilters(t *testing.T) {
	users := snapshot.AppendWorkspaceUsers(snapshot.WorkspaceUsers{}, []openai.WorkspaceUser{
		{ID: "w-owner", Email: ptr("owner@example.com"), Role: ptr("account-owner"), Status: ptr("active")},
		{ID: "w-admin", Email: ptr("Admin@Example.com"), Role: ptr("account-admin"), Status: ptr("inactive")},
		{ID: "w-gone", Email: ptr("gone@elsewhere.test"), Role: ptr("standard-user"), Status: ptr("deactivated")},
		{ID: "w-shout", Email: ptr("shout@example.com"), Role: ptr("Standard-User"), Status: ptr("ACTIVE")},
		{ID: "w-bare"},
	})
	str, null := types.StringValue, types.StringNull()
	all := workspaceUserFilters{Role: null, Email: null, EmailSuffix: null, Status: null}
	for _, tc := range []struct {
		name string
		edit func(*workspaceUserFilters)
		want []string
	}{
		{"none", func(*workspaceUserFilters) {}, []string{"w-owner", "w-admin", "w-gone", "w-shout", "w-bare"}},
		{"role as sent in another case", func(f *workspaceUserFilters) { f.Role = str("standard-user") }, []string{"w-gone", "w-shout"}},
		{"role, any case", func(f *workspaceUserFilters) { f.Role = str("ACCOUNT-ADMIN") }, []string{"w-admin"}},
		{"exact email", func(f *workspaceUserFilters) { f.Email = str("admin@example.com") }, []string{"w-admin"}},
		{"suffix", func(f *workspaceUserFilters) { f.EmailSuffix = str("@example.com") }, []string{"w-owner", "w-admin", "w-shout"}},
		{"active", func(f *workspaceUserFilters) { f.Status = str("Active") }, []string{"w-owner", "w-shout"}},
		// A status added after the spec (deactivated) is inactive, as the
		// checks read it; an absent status is neither.
		{"inactive", func(f *workspaceUserFilters) { f.Status = str("inactive") }, []string{"w-admin", "w-gone"}},
		{"together", func(f *workspaceUserFilters) { f.Status, f.EmailSuffix = str("inactive"), str("@example.com") }, []string{"w-admin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := all
			tc.edit(&f)
			got := selectedIDs(len(users.Engine), func(i int) string { return users.Engine[i].ID },
				func(i int) bool { return f.matches(users, i) })
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// filteredUsersOrg is the sample organization plus one outside contractor
// in each population, so that email_suffix has something to leave out.
func filteredUsersOrg() *openaisim.Fixture {
	f := openaisim.SampleOrg()
	f.Users = append(f.Users, openaisim.OrgUser{ID: "user_sim_contractor", Email: "Contractor@Partner.test", Role: "reader",
		AddedAt: openaisim.Rel(-10 * 24 * time.Hour), IsSCIMManaged: ptr(false)})
	f.Workspace.Users = append(f.Workspace.Users, openaisim.WSUser{ID: "user-ws-contractor", Email: "contractor@partner.test",
		Name: "Contractor", Role: "standard-user", Status: "active", CreatedAt: openaisim.Rel(-10 * 24 * time.Hour)})
	return f
}

// filteredUsersBlocks are several filtered blocks of both user data sources.
const filteredUsersBlocks = `
data "openai_users" "owners" {
  role = "OWNER"
}
data "openai_users" "alice" {
  email = "ALICE@example.com"
}
data "openai_users" "partner" {
  email_suffix = "@partner.TEST"
}
data "openai_users" "scim" {
  is_scim_managed = true
}
data "openai_users" "hand_made_readers" {
  role            = "reader"
  is_scim_managed = false
}
data "openai_workspace_users" "owners" {
  role = "account-owner"
}
data "openai_workspace_users" "inactive" {
  status = "inactive"
}
data "openai_workspace_users" "company_active" {
  email_suffix = "@example.com"
  status       = "ACTIVE"
}
data "openai_workspace_users" "bob" {
  email = "Bob@Example.com"
}
`

// usersChecks are posture checks over both user populations; each has a
// finding that the filters above would hide if they narrowed what the
// checks read: the two users not managed by SCIM, and a workspace with two
// account owners and admins (one of them an admin).
const usersChecks = `
resource "openai_posture_check" "not_scim" {
  check       = "user_not_scim"
  enforcement = "warn"
}
resource "openai_posture_check" "workspace_owners" {
  check       = "owner_count"
  enforcement = "warn"
  parameters  = { scope = "workspace", max_owners = 1 }
}
`

// TestAccUsersFilters: the filters of openai_users and openai_workspace_users
// list only the matching users, reject values outside the documented enums
// naming the valid ones, and leave what the posture checks read untouched.
func TestAccUsersFilters(t *testing.T) {
	sim := startSimulator(t, filteredUsersOrg())
	ids := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, 0, len(want))
		for _, id := range want {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)}))
		}
		return knownvalue.ListExact(checks)
	}
	users := func(address string, want ...string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(address, tfjsonpath.New("users"), ids(want...))
	}
	finding := func(id string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"subject_id": knownvalue.StringExact(id)})
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(sim) + `data "openai_users" "bad" { role = "admin" }`,
			ExpectError: regexp.MustCompile(`(?s)role.*value must be one of:.*"owner".*"reader"`),
		}, {
			Config:      providerBlock(sim) + `data "openai_workspace_users" "bad" { role = "owner" }`,
			ExpectError: regexp.MustCompile(`(?s)role.*value must be one of:.*"account-owner".*"account-admin".*"standard-user"`),
		}, {
			Config:      providerBlock(sim) + `data "openai_workspace_users" "bad" { status = "deactivated" }`,
			ExpectError: regexp.MustCompile(`(?s)status.*value must be one of:.*"active".*"inactive"`),
		}, {
			Config:      providerBlock(sim) + `data "openai_users" "bad" { email_suffix = "" }`,
			ExpectError: regexp.MustCompile(`(?s)email_suffix.*at least 1`),
		}, {
			Config: providerBlock(sim) + filteredUsersBlocks + usersChecks,
			ConfigStateChecks: []statecheck.StateCheck{
				users("data.openai_users.owners", "user_sim_alice", "user_sim_bob", "user_sim_owner3", "user_sim_owner4", "user_sim_owner5"),
				users("data.openai_users.alice", "user_sim_alice"),
				users("data.openai_users.partner", "user_sim_contractor"),
				listSize("data.openai_users.scim", "users", len(filteredUsersOrg().Users)-2),
				users("data.openai_users.hand_made_readers", "user_sim_not_scim", "user_sim_contractor"),
				statecheck.ExpectKnownValue("data.openai_users.partner", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("email"),
					knownvalue.StringExact("Contractor@Partner.test")),
				statecheck.ExpectKnownValue("data.openai_users.owners", tfjsonpath.New("role"), knownvalue.StringExact("OWNER")),

				users("data.openai_workspace_users.owners", "user-ws-alice"),
				users("data.openai_workspace_users.inactive", "user-ws-departed"),
				users("data.openai_workspace_users.company_active", "user-ws-alice", "user-ws-bob", "user-ws-carol", "user-ws-dan",
					"user-ws-dormant", "user-ws-erin", "user-ws-frank"), // the simulator lists by id
				users("data.openai_workspace_users.bob", "user-ws-bob"),

				// The checks still read everyone.
				statecheck.ExpectKnownValue("openai_posture_check.not_scim", tfjsonpath.New("findings"),
					knownvalue.ListExact([]knownvalue.Check{finding("user_sim_contractor"), finding("user_sim_not_scim")})),
				statecheck.ExpectKnownValue("openai_posture_check.workspace_owners", tfjsonpath.New("passed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("openai_posture_check.workspace_owners", tfjsonpath.New("findings"), knownvalue.ListSizeExact(1)),
			},
		}},
	})
}

// TestAccUsersFiltersShareListing: many filtered blocks of both user data
// sources, beside the posture checks, cost exactly the requests of one
// unfiltered block each: the filters pick from the one shared listing.
func TestAccUsersFiltersShareListing(t *testing.T) {
	t.Parallel()
	run := func(config string) map[string]int {
		sim := startSimulator(t, filteredUsersOrg())
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: providerBlock(sim) + config}},
		})
		return sim.RequestCounts()
	}
	one := run(`
data "openai_users" "all" {}
data "openai_workspace_users" "all" {}
` + usersChecks)
	many := run(filteredUsersBlocks + usersChecks)
	for _, endpoint := range []string{openai.EndpointUsers, openai.EndpointComplianceUsers} {
		if one[endpoint] == 0 {
			t.Errorf("%s was never requested: %v", endpoint, one)
		}
	}
	if !maps.Equal(one, many) {
		t.Fatalf("request counts differ:\none unfiltered block each: %v\nnine filtered blocks:      %v", one, many)
	}
}
