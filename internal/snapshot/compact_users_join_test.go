package snapshot

import (
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// Users sent with only the nested account keep its name and email at their
// own index once the pages are joined.
func TestJoinedUsersKeepNestedAccountsAtTheirIndex(t *testing.T) {
	s := func(v string) *string { return &v }
	flat := func(id string) openai.User {
		return openai.User{ID: id, Name: s("flat " + id), Email: s(id + "@flat.example")}
	}
	nested := func(id string) openai.User {
		u := openai.User{ID: id}
		u.User = &openai.UserAccount{Name: s("nested " + id), Email: s(id + "@nested.example")}
		return u
	}
	pages := []OrgUsers{
		AppendOrgUsers(OrgUsers{}, []openai.User{flat("a"), nested("b")}),
		AppendOrgUsers(OrgUsers{}, []openai.User{nested("c"), flat("d")}),
	}
	got := joinOrgUsers(pages)
	for i, want := range []struct{ name, email string }{
		{"flat a", "a@flat.example"}, {"nested b", "b@nested.example"}, {"nested c", "c@nested.example"}, {"flat d", "d@flat.example"},
	} {
		name, okN := got.Name(i)
		email, okE := got.Email(i)
		if name != want.name || email != want.email || !okN || !okE {
			t.Errorf("user %d: %q %v / %q %v, want %q / %q", i, name, okN, email, okE, want.name, want.email)
		}
	}
	if len(got.accounts) != 2 {
		t.Errorf("%d nested accounts kept, want 2 (only the users without flat fields)", len(got.accounts))
	}
}
