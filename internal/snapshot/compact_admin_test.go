package snapshot

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// field renders one optional JSON member: absent, null or the value.
func field(r *rand.Rand, name, value string) string {
	switch r.Intn(3) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%q: null,", name)
	}
	return fmt.Sprintf("%q: %s,", name, value)
}

func object(members string) string { return "{" + strings.TrimSuffix(members, ",") + "}" }

// randomInvites are invites with every optional member absent, null or
// sent, in random combinations (seeded), plus the older invited_at.
func randomInvites(t *testing.T, n int) []openai.Invite {
	r := rand.New(rand.NewSource(1))
	out := make([]openai.Invite, n)
	for i := range out {
		projects := []string{`[]`, `[{"id":"proj_a","role":"owner"}]`, `[{"id":"proj_a","role":"member"},{"id":"proj_b","role":"owner"}]`}[r.Intn(3)]
		created := field(r, "created_at", "1700000000")
		if r.Intn(4) == 0 {
			created = field(r, "invited_at", "1690000000")
		}
		doc := object(`"object":"organization.invite","id":"invite-` + fmt.Sprint(i) + `",` +
			field(r, "email", `"a@example.com"`) + field(r, "role", `"owner"`) + field(r, "status", `"pending"`) +
			created + field(r, "expires_at", "1800000000") + field(r, "accepted_at", "1750000000") +
			field(r, "projects", projects))
		if err := json.Unmarshal([]byte(doc), &out[i]); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
	}
	return out
}

// The compact invites give the checks exactly what converting the decoded
// invites gives, and rebuild for openai_invites every field it reads.
func TestCompactInvitesRebuildWhatTheAPISent(t *testing.T) {
	raw := randomInvites(t, 400)
	c := AppendInvites(CompactInvites{}, raw[:150])
	c = AppendInvites(c, raw[150:]) // as pages arrive
	for i, want := range raw {
		if got := c.Engine[i]; !reflect.DeepEqual(got, convertInvite(want)) {
			t.Fatalf("invite %d: engine form %+v, converting the decoded invite gives %+v", i, got, convertInvite(want))
		}
		want.Object = "" // not kept: nobody reads it
		if want.Projects != nil && len(want.Projects) == 0 {
			want.Projects = []openai.InviteProjectRef{}
		}
		if got := c.Decoded(i); !reflect.DeepEqual(got, want) {
			t.Fatalf("invite %d rebuilt as\n%+v\nthe API sent\n%+v", i, got, want)
		}
	}
}

// randomProjectKeys are project API keys with every optional member absent,
// null or sent, an owner of either kind (or both, or neither), in random
// combinations (seeded).
func randomProjectKeys(t *testing.T, n int) []openai.ProjectAPIKey {
	r := rand.New(rand.NewSource(2))
	ref := func(kind string) string {
		switch r.Intn(4) {
		case 0:
			return ""
		case 1:
			return fmt.Sprintf("%q: null,", kind)
		}
		return fmt.Sprintf("%q: %s,", kind, object(`"id":"`+kind+`-`+fmt.Sprint(r.Intn(9))+`",`+
			field(r, "name", `"Ann"`)+field(r, "email", `"ann@example.com"`)+field(r, "role", `"owner"`)+
			field(r, "created_at", "1600000000")))
	}
	out := make([]openai.ProjectAPIKey, n)
	for i := range out {
		owner := object(field(r, "type", []string{`"user"`, `"service_account"`}[r.Intn(2)]) + ref("user") + ref("service_account"))
		doc := object(`"object":"organization.project.api_key","id":"key_` + fmt.Sprint(i) + `",` +
			field(r, "name", `"ci"`) + field(r, "redacted_value", `"sk-...TESTONLY"`) +
			field(r, "created_at", "1700000000") + field(r, "last_used_at", "1710000000") +
			field(r, "owner_project_access", `"inactive"`) + `"owner":` + owner)
		if err := json.Unmarshal([]byte(doc), &out[i]); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		out[i].ProjectID = "proj_" + fmt.Sprint(i%3) // as the client sets it
	}
	return out
}

// The compact project keys give the checks exactly what converting the
// decoded keys gives, and rebuild for openai_project_api_keys every field it
// reads (whichever owner reference it picks).
func TestCompactProjectKeysRebuildWhatTheAPISent(t *testing.T) {
	raw := randomProjectKeys(t, 600)
	c := AppendProjectKeys(CompactProjectKeys{}, raw)
	for i, want := range raw {
		if got := c.Engine[i]; !reflect.DeepEqual(got, convertProjectKey(want)) {
			t.Fatalf("key %d: engine form %+v, converting the decoded key gives %+v", i, got, convertProjectKey(want))
		}
		// Not kept: nobody reads them.
		want.Object = ""
		for _, r := range []**openai.ProjectAPIKeyOwnerRef{&want.Owner.User, &want.Owner.ServiceAccount} {
			if *r != nil {
				cp := **r
				cp.CreatedAt = openai.Timestamp{}
				*r = &cp
			}
		}
		if got := c.Decoded(i); !reflect.DeepEqual(got, want) {
			t.Fatalf("key %d rebuilt as\n%+v\nthe API sent\n%+v", i, got, want)
		}
	}
}
