package openaisim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// TestGenerateOutputIsPinned pins the generated fixture byte for byte (as JSON) for a
// few sizes, so a refactor of Generate cannot silently change the orgs the benchmarks
// and demos run against. If a change to the generated org is intended, update the
// hashes in the same commit and say why in its message.
func TestGenerateOutputIsPinned(t *testing.T) {
	// Literal parameters (not BaseGenParams) so retuning the benchmark sizes does not
	// move the pins. ViolationEvery 5 exercises every seeded-violation branch.
	withViolations := GenParams{Seed: 1, OrgUsers: 313, Invites: 63, AdminAPIKeys: 6, Certificates: 4,
		AuditEvents: 63, AuditDays: 6, Projects: 12, ArchivedEvery: 4, KeysPerProject: 5, UsersPerProject: 8,
		ServiceAccountsPerProject: 2, WorkspaceUsers: 156, GPTs: 63, SharedUsersPerGPT: 3, WideShareEvery: 20,
		WideShareUsers: 30, ChatGPTProjects: 5, Conversations: 12, MessagesPerConv: 3, ViolationEvery: 5}
	clean := withViolations
	clean.ViolationEvery, clean.ArchivedEvery, clean.Seed = 0, 0, 7
	tiny := GenParams{Seed: 3, OrgUsers: 1, WorkspaceUsers: 1}
	for name, tc := range map[string]struct {
		p    GenParams
		want string
	}{
		"violations": {withViolations, "2887d8ec8f3f232dfce4b558e4a3cc6bdb043b278737e28e607165a9a923a37d"},
		"clean":      {clean, "30843c5ea69af661f1a645eff0f9482e7f91d1277ca7bc269243b7421bc2fdaa"},
		"tiny":       {tiny, "689612cc75c29101b8fcfa8d89b65530836168c0c28344f067ac5f4b6a8ed4c2"},
	} {
		b, err := json.Marshal(Generate(tc.p))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != tc.want {
			t.Errorf("%s: Generate(%+v) hash %s, want %s", name, tc.p, got, tc.want)
		}
	}
}
