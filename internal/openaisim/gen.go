package openaisim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// GenParams sizes a generated org (Generate). Every count is exact: the fixture holds
// that many objects, so a benchmark can compute its request floor from the parameters
// or from the fixture itself.
type GenParams struct {
	// Seed makes the fixture reproducible: the same parameters give the same fixture.
	Seed uint64

	OrgUsers     int // Admin API organization users
	Invites      int // organization invites (mostly accepted, a few pending)
	AdminAPIKeys int
	Certificates int
	// AuditEvents are spread evenly over the last AuditDays days (newest first), so a
	// plan whose risky_admin_events lookback covers AuditDays reads all of them.
	AuditEvents int
	AuditDays   int
	// TenantAuditEvents are tenant-scoped audit events (served only with tenant_only=true),
	// spread over AuditDays like AuditEvents; every bad one is an SSO connection change.
	// TargetGenParams leaves it 0: cmd/benchposture's request floor counts every fixture
	// audit event in the window as one the default query returns.
	TenantAuditEvents int

	Projects                  int // API platform projects; every ArchivedEvery-th is archived
	ArchivedEvery             int // 0 = no archived project
	KeysPerProject            int // project API keys per project
	UsersPerProject           int // project members per project
	ServiceAccountsPerProject int

	WorkspaceUsers int // ChatGPT workspace users
	GPTs           int // custom GPTs, each with 1-3 config versions and 0-3 tools
	// SharedUsersPerGPT is the mean number of directly shared users per GPT; every
	// WideShareEvery-th GPT is shared with WideShareUsers users instead (several pages
	// of shared_users).
	SharedUsersPerGPT int
	WideShareEvery    int
	WideShareUsers    int
	ChatGPTProjects   int // ChatGPT (workspace) projects
	Conversations     int // conversations, each with MessagesPerConversation messages
	MessagesPerConv   int
	// ConversationDays spreads the conversations' last activity uniformly over
	// this many days back from now (0 = 60), e.g. 730 for an org with two
	// years of history, where a since_timestamp read of a short window
	// returns only a small part of it.
	ConversationDays int

	// ViolationEvery makes every n-th object of a kind break its check (an old key, an
	// inactive user, a GPT with an unauthenticated action...), so a plan has findings
	// in proportion to the org. 0 = a clean org.
	ViolationEvery int
}

// TargetGenParams is the size of the scale target in the benchmark issue: 100,000 org
// users, 50,000 workspace users, 20,000 GPTs, 2,000 projects with 10,000 keys, 20,000
// invites and audit events. Conversations are kept modest (2,000).
func TargetGenParams() GenParams {
	return GenParams{
		Seed:                      1,
		OrgUsers:                  100_000,
		Invites:                   20_000,
		AdminAPIKeys:              48,
		Certificates:              32,
		AuditEvents:               20_000,
		AuditDays:                 6,
		Projects:                  2_000,
		ArchivedEvery:             20,
		KeysPerProject:            5,
		UsersPerProject:           8,
		ServiceAccountsPerProject: 2,
		WorkspaceUsers:            50_000,
		GPTs:                      20_000,
		SharedUsersPerGPT:         3,
		WideShareEvery:            500,
		WideShareUsers:            150,
		ChatGPTProjects:           1_600,
		Conversations:             2_000,
		MessagesPerConv:           3,
		ViolationEvery:            100,
	}
}

// BaseGenParams is TargetGenParams divided by 16, so Scaled(16) is the target size.
func BaseGenParams() GenParams { return TargetGenParams().Scaled(1.0 / 16) }

// Scaled multiplies every collection size by f (at least 1 of each, rounded), keeping
// the per-project and per-GPT shapes, the seed and the violation rate.
func (p GenParams) Scaled(f float64) GenParams {
	s := func(n int) int {
		if n == 0 {
			return 0
		}
		return max(1, int(math.Round(float64(n)*f)))
	}
	p.OrgUsers, p.Invites, p.AdminAPIKeys, p.Certificates = s(p.OrgUsers), s(p.Invites), s(p.AdminAPIKeys), s(p.Certificates)
	p.AuditEvents, p.Projects, p.WorkspaceUsers, p.GPTs = s(p.AuditEvents), s(p.Projects), s(p.WorkspaceUsers), s(p.GPTs)
	p.ChatGPTProjects, p.Conversations, p.TenantAuditEvents = s(p.ChatGPTProjects), s(p.Conversations), s(p.TenantAuditEvents)
	return p
}

// generatedWorkspaceID is the workspace UUID of every generated org.
const generatedWorkspaceID = "7b3e9c1d-2f4a-4b6c-8d0e-1a2b3c4d5e6f"

// lookupWindow bounds the org users that project members and user-owned keys point at.
// The simulator resolves such references by a linear scan of the users, so keeping
// them among the first users keeps a large fixture cheap to serve (it changes nothing
// the provider sees).
const lookupWindow = 500

// Generate builds a deterministic org of the given size. It is valid (Validate passes)
// for any non-negative parameters with OrgUsers >= 1 and WorkspaceUsers >= 1. Times are
// relative to the simulator's clock, so the same fixture judges the same way whenever
// it is served.
//
// The steps run in a fixed order because they share one random stream: reordering them
// (or adding a draw to one) changes every later object. TestGenerateOutputIsPinned
// guards the output.
func Generate(p GenParams) *Fixture {
	p.OrgUsers, p.WorkspaceUsers = max(1, p.OrgUsers), max(1, p.WorkspaceUsers)
	g := &generator{p: p, rng: rand.New(rand.NewPCG(p.Seed, 0x6f70656e616973)), f: newGeneratedFixture(p)}
	// Admin API
	g.orgUsers()
	g.invites()
	g.adminAPIKeys()
	g.certificates()
	g.auditLogs()
	g.tenantAuditLogs()
	g.projects()
	// Compliance API
	g.workspaceUsers()
	g.gpts()
	g.chatGPTProjects()
	g.conversations()
	return g.f
}

// generator is the state Generate's steps share: the parameters, the one random
// stream, the fixture being filled, and the running file number.
type generator struct {
	p      GenParams
	rng    *rand.Rand
	f      *Fixture
	fileNo int
}

// bad reports whether the i-th object of a kind is a seeded violation.
func (g *generator) bad(i int) bool {
	return g.p.ViolationEvery > 0 && i%g.p.ViolationEvery == g.p.ViolationEvery-1
}

// daysAgo and hoursAgo are times n days / hours before the simulator's clock.
func daysAgo(n int) Time  { return Rel(time.Duration(-n) * 24 * time.Hour) }
func hoursAgo(n int) Time { return Rel(time.Duration(-n) * time.Hour) }

func boolPtr(b bool) *bool { return &b }

// newGeneratedFixture is the org-level part: settings that pass every check.
func newGeneratedFixture(p GenParams) *Fixture {
	return &Fixture{
		Comment: fmt.Sprintf("Generated org (openaisim.Generate, seed %d): %d org users, %d workspace users, %d GPTs, %d projects x %d keys, %d invites, %d audit events, %d conversations.",
			p.Seed, p.OrgUsers, p.WorkspaceUsers, p.GPTs, p.Projects, p.KeysPerProject, p.Invites, p.AuditEvents, p.Conversations),
		Organization: Organization{
			ID: "org-gen", Name: "Generated Org", DataRetention: "zero_data_retention",
			SpendLimit: &SpendLimit{ThresholdAmount: 5_000_000, Currency: "USD", Interval: "month", Enforcement: "enforcing"},
		},
		Workspace: Workspace{ID: generatedWorkspaceID},
	}
}

func wsUserID(i int) string { return fmt.Sprintf("user-gen%07d", i) }

// genUUID is a deterministic UUID-shaped id (version 4 layout) for kind and n.
func genUUID(kind, n int) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", kind, n)
}
