package posture

import (
	"strings"
	"testing"
)

// A timestamp beyond the clock-skew tolerance is implausible: where a date
// decides a pass (age, last use, grace period), it is a finding.
func TestFutureTimestampsAreFindings(t *testing.T) {
	const want = "is in the future: implausible"
	cases := []struct {
		name    string
		rule    Rule
		mut     func(*Snapshot)
		subject string
		field   string
	}{
		{"admin key created in the future", Rule{CheckID: "admin_key_rotation"}, func(s *Snapshot) {
			s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "k", CreatedAt: ahead(30), LastUsedAt: ago(1)})
		}, "k", "created_at"},
		{"project key created in the future", Rule{CheckID: "project_key_rotation"}, func(s *Snapshot) {
			k := projectKey("k")
			k.CreatedAt = ahead(3)
			withProjectKey(s, k)
		}, "k", "created_at"},
		{"admin key used in the future", Rule{CheckID: "admin_key_unused"}, func(s *Snapshot) {
			s.AdminAPIKeys = Loaded(AdminAPIKey{ID: "k", CreatedAt: ago(300), LastUsedAt: ahead(400)})
		}, "k", "last_used_at"},
		{"never-used key created in the future", Rule{CheckID: "project_key_unused"}, func(s *Snapshot) {
			k := projectKey("k")
			k.CreatedAt, k.LastUsedAt = ahead(100), nil
			withProjectKey(s, k)
		}, "k", "created_at"},
		{"org user active in the future", Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("org")}}, func(s *Snapshot) {
			s.OrgUsers = Loaded(OrgUser{ID: "u", Email: "u@example.com", Role: strPtr("reader"), APIKeyLastUsedAt: ahead(10), AddedAt: ago(400)})
		}, "u", "last activity"},
		{"org user added in the future", Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("org")}}, func(s *Snapshot) {
			s.OrgUsers = Loaded(OrgUser{ID: "u", Email: "u@example.com", Role: strPtr("reader"), AddedAt: ahead(10)})
		}, "u", "added_at"},
		{"workspace conversation in the future", Rule{CheckID: "user_inactive", Params: Params{"scope": StringValue("workspace")}}, func(s *Snapshot) {
			s.WorkspaceUsers = Loaded(WorkspaceUser{ID: "w", Email: "w@example.com", Role: "standard-user", Status: "active", CreatedAt: ago(400)})
			s.Conversations = Loaded(Conversation{ID: "c1", UserID: "w", LastActiveAt: ago(200)}, Conversation{ID: "c2", UserID: "w", LastActiveAt: ahead(5)})
		}, "w", "last activity"},
		{"invite sent in the future", Rule{CheckID: "invite_stale"}, func(s *Snapshot) {
			s.Invites = Loaded(Invite{ID: "inv", Email: "x@example.com", Role: "reader", Status: "pending", CreatedAt: ahead(20)})
		}, "inv", "created_at"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := emptySnapshot()
			tc.mut(&snap)
			rr := run(t, snap, tc.rule)
			f, ok := findingFor(rr, tc.subject)
			if !ok || !strings.Contains(f.Observed, tc.field+" ") || !strings.Contains(f.Observed, want) {
				t.Errorf("want a finding on %s %q; got %s", tc.field, want, observedFor(rr))
			}
		})
	}
}

// Within the tolerance (data read later on the as-of day, small clock skew)
// a timestamp is plausible.
func TestNearFutureTimestampsWithinTolerancePass(t *testing.T) {
	snap := emptySnapshot()
	snap.AdminAPIKeys = Loaded(AdminAPIKey{ID: "k", CreatedAt: ahead(1), LastUsedAt: ahead(1)})
	for _, id := range []string{"admin_key_rotation", "admin_key_unused"} {
		if rr := run(t, snap, Rule{CheckID: id}); !rr.Passed() {
			t.Errorf("%s: a timestamp a day ahead failed: %s", id, observedFor(rr))
		}
	}
}
