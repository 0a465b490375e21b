package openaisim

import (
	"testing"
)

func rbacEndpointKey(key string) bool {
	for _, e := range rbacEndpoints() {
		if e.key == key {
			return true
		}
	}
	return false
}

// TestRBACListsPageWithNext walks each RBAC list one item per page through
// the style-B `next` cursor and checks it ends with next null.
func TestRBACListsPageWithNext(t *testing.T) {
	s := newSim(t, SampleOrg())
	f := SampleOrg()
	cases := []struct {
		path string
		want int
	}{
		{"/organization/roles", len(f.Roles)},
		{"/organization/groups", len(f.Groups)},
		{"/organization/groups/group_sim_platform_admins/users", 2},
		{"/organization/groups/group_sim_platform_admins/roles", 1},
		{"/organization/users/user_sim_owner3/roles", 1},
		{"/organization/users/user_sim_carol/roles", 0},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			after, n := "", 0
			for pages := 0; pages < 20; pages++ {
				url := s.AdminBaseURL() + c.path + "?limit=1"
				if after != "" {
					url += "&after=" + after
				}
				r := doGet(t, url, AdminKey)
				if r.status != 200 {
					t.Fatalf("%s: %d %s", url, r.status, r.raw)
				}
				data, _ := r.body["data"].([]any)
				n += len(data)
				if _, ok := r.body["next"]; !ok {
					t.Fatalf("%s: no next field: %s", url, r.raw)
				}
				if r.body["has_more"] != true {
					if r.body["next"] != nil {
						t.Fatalf("last page has next %v", r.body["next"])
					}
					break
				}
				after, _ = r.body["next"].(string)
			}
			if n != c.want {
				t.Fatalf("got %d items, want %d", n, c.want)
			}
		})
	}
	if r := doGet(t, s.AdminBaseURL()+"/organization/groups/group_nope/users", AdminKey); r.status != 404 {
		t.Fatalf("unknown group: %d", r.status)
	}
}

func TestRBACFixtureReferencesValidated(t *testing.T) {
	f := SampleOrg()
	f.Groups[0].RoleIDs = append(f.Groups[0].RoleIDs, "role_missing")
	if err := f.Validate(); err == nil {
		t.Fatal("unknown role id accepted")
	}
	f = SampleOrg()
	f.Groups[0].UserIDs = append(f.Groups[0].UserIDs, "user_missing")
	if err := f.Validate(); err == nil {
		t.Fatal("unknown user id accepted")
	}
}
