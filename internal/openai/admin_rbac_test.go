package openai

import (
	"net/http"
	"strings"
	"testing"
)

// TestListRolesFollowsNext pages a style-B list through `next`, not the id
// of the last item, and decodes a role without permissions as unknown.
func TestListRolesFollowsNext(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("after") {
		case "":
			writeJSON(w, 200, `{"object":"list","data":[{"object":"role","id":"role_a","name":"A","description":null,"permissions":["api.groups.write"],"resource_type":"api.organization","predefined_role":false}],"has_more":true,"next":"cursor-2"}`)
		case "cursor-2":
			writeJSON(w, 200, `{"object":"list","data":[{"object":"role","id":"role_b","name":"B","description":null,"resource_type":"api.organization","predefined_role":false}],"has_more":false,"next":null}`)
		default:
			writeJSON(w, 400, `{"error":{"message":"bad cursor"}}`)
		}
	})
	roles, err := c.ListRoles(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(roles) != 2 || roles[0].Permissions == nil || (*roles[0].Permissions)[0] != "api.groups.write" || roles[1].Permissions != nil {
		t.Fatalf("roles = %+v", roles)
	}
}

// TestListGroupsHasMoreWithoutNext refuses a page that says more follows
// but gives no cursor: the list would be silently partial.
func TestListGroupsHasMoreWithoutNext(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"object":"list","data":[{"id":"group_a","name":"A","created_at":1,"is_scim_managed":false,"group_type":"group"}],"has_more":true,"next":null}`)
	})
	_, err := c.ListGroups(testCtx(t))
	if err == nil || !strings.Contains(err.Error(), "no next cursor") {
		t.Fatalf("err = %v", err)
	}
}
