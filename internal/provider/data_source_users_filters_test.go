package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
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
		{ID: "w-bare"},
	})
	str, null := types.StringValue, types.StringNull()
	all := workspaceUserFilters{Role: null, Email: null, EmailSuffix: null, Status: null}
	for _, tc := range []struct {
		name string
		edit func(*workspaceUserFilters)
		want []string
	}{
		{"none", func(*workspaceUserFilters) {}, []string{"w-owner", "w-admin", "w-gone", "w-bare"}},
		{"role, any case", func(f *workspaceUserFilters) { f.Role = str("ACCOUNT-ADMIN") }, []string{"w-admin"}},
		{"exact email", func(f *workspaceUserFilters) { f.Email = str("admin@example.com") }, []string{"w-admin"}},
		{"suffix", func(f *workspaceUserFilters) { f.EmailSuffix = str("@example.com") }, []string{"w-owner", "w-admin"}},
		{"active", func(f *workspaceUserFilters) { f.Status = str("Active") }, []string{"w-owner"}},
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
