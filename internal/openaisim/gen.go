package openaisim

import (
	"encoding/json"
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
	p.ChatGPTProjects, p.Conversations = s(p.ChatGPTProjects), s(p.Conversations)
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
func Generate(p GenParams) *Fixture {
	rng := rand.New(rand.NewPCG(p.Seed, 0x6f70656e616973))
	day := func(n int) Time { return Rel(time.Duration(-n) * 24 * time.Hour) }
	hour := func(n int) Time { return Rel(time.Duration(-n) * time.Hour) }
	bad := func(i int) bool { return p.ViolationEvery > 0 && i%p.ViolationEvery == p.ViolationEvery-1 }
	bptr := func(b bool) *bool { return &b }
	p.OrgUsers, p.WorkspaceUsers = max(1, p.OrgUsers), max(1, p.WorkspaceUsers)

	f := &Fixture{
		Comment: fmt.Sprintf("Generated org (openaisim.Generate, seed %d): %d org users, %d workspace users, %d GPTs, %d projects x %d keys, %d invites, %d audit events, %d conversations.",
			p.Seed, p.OrgUsers, p.WorkspaceUsers, p.GPTs, p.Projects, p.KeysPerProject, p.Invites, p.AuditEvents, p.Conversations),
		Organization: Organization{
			ID: "org-gen", Name: "Generated Org", DataRetention: "zero_data_retention",
			SpendLimit: &SpendLimit{ThresholdAmount: 5_000_000, Currency: "USD", Interval: "month", Enforcement: "enforcing"},
		},
		Workspace: Workspace{ID: generatedWorkspaceID},
	}

	// --- Admin API ---
	f.Users = make([]OrgUser, p.OrgUsers)
	for i := range f.Users {
		role := "reader"
		if i < 3 {
			role = "owner"
		}
		lastUsed := hour(1 + rng.IntN(24*30))
		if bad(i) {
			lastUsed = day(120 + rng.IntN(200)) // user_inactive
		}
		f.Users[i] = OrgUser{
			ID: fmt.Sprintf("user_gen_%06d", i), Name: fmt.Sprintf("User %d", i), Email: fmt.Sprintf("user%06d@example.com", i),
			Role: role, AddedAt: day(100 + rng.IntN(900)), APIKeyLastUsedAt: lastUsed, IsSCIMManaged: bptr(!bad(i + 7)),
		}
	}
	f.Invites = make([]Invite, p.Invites)
	for i := range f.Invites {
		v := Invite{ID: fmt.Sprintf("invite-gen-%06d", i), Email: fmt.Sprintf("invitee%06d@example.com", i), Role: "reader", Status: "accepted"}
		created := 10 + rng.IntN(700)
		v.CreatedAt, v.ExpiresAt, v.AcceptedAt = day(created), day(created-7), day(created-1)
		if i%10 == 0 { // a few pending ones, recent unless seeded stale / privileged
			v.Status, v.AcceptedAt = "pending", Time{}
			created = 1 + rng.IntN(5)
			if bad(i) {
				created = 30 + rng.IntN(30) // invite_stale
			}
			v.CreatedAt, v.ExpiresAt = day(created), Rel(time.Duration(7-created)*24*time.Hour)
			if bad(i + 10) {
				v.Role = "owner" // invite_high_privilege
			}
		}
		f.Invites[i] = v
	}
	f.AdminAPIKeys = make([]AdminAPIKey, p.AdminAPIKeys)
	for i := range f.AdminAPIKeys {
		k := AdminAPIKey{ID: fmt.Sprintf("key_gen_admin_%05d", i), Name: fmt.Sprintf("admin-%d", i),
			CreatedAt: day(1 + rng.IntN(60)), LastUsedAt: hour(1 + rng.IntN(48)), ExpiresAt: Rel(80 * 24 * time.Hour),
			Owner: KeyOwner{Type: "user", ID: f.Users[i%min(3, len(f.Users))].ID}}
		if bad(i) {
			k.CreatedAt, k.LastUsedAt, k.ExpiresAt = day(200), Time{}, Time{} // rotation, unused, no expiry
		}
		f.AdminAPIKeys[i] = k
	}
	f.Certificates = make([]Certificate, p.Certificates)
	for i := range f.Certificates {
		expires := Rel(time.Duration(100+rng.IntN(300)) * 24 * time.Hour)
		if bad(i) {
			expires = Rel(10 * 24 * time.Hour) // certificate_expiry
		}
		f.Certificates[i] = Certificate{ID: fmt.Sprintf("cert_gen_%05d", i), Name: fmt.Sprintf("cert-%d", i),
			CreatedAt: day(300), ValidAt: day(300), ExpiresAt: expires, Active: true}
	}
	auditSpan := time.Duration(max(1, p.AuditDays)) * 24 * time.Hour
	f.AuditLogs = make([]AuditLogEvent, p.AuditEvents)
	for i := range f.AuditLogs {
		u := f.Users[rng.IntN(len(f.Users))]
		at := -time.Duration(float64(auditSpan) * (float64(i) + 0.5) / float64(max(1, p.AuditEvents)))
		f.AuditLogs[i] = AuditLogEvent{ID: fmt.Sprintf("audit_log-gen-%07d", i), Type: "login.succeeded",
			EffectiveAt: Rel(at.Truncate(time.Second)),
			Actor:       json.RawMessage(fmt.Sprintf(`{"type":"session","session":{"user":{"id":%q,"email":%q}}}`, u.ID, u.Email))}
	}

	f.Projects = make([]Project, p.Projects)
	for i := range f.Projects {
		pr := Project{ID: fmt.Sprintf("proj_gen_%05d", i), Name: fmt.Sprintf("Project %d", i), CreatedAt: day(30 + rng.IntN(600)),
			DataRetention: "organization_default",
			HostedToolPermissions: map[string]bool{"file_search": true, "web_search": true, "image_generation": true,
				"code_interpreter": true, "mcp": bad(i)}, // project_hosted_tools
			ModelPermissions: &ModelPermissions{Mode: "allow_list", ModelIDs: []string{"gpt-4.1", "o4-mini"}}}
		if i == 0 {
			pr.ID, pr.Name = "proj_sim_production", "Production" // the demo baseline's key_user_owned scope
		}
		if bad(i + 3) {
			pr.ModelPermissions = nil // project_model_permissions
			pr.DataRetention = "none" // data_retention
		}
		archived := p.ArchivedEvery > 0 && i%p.ArchivedEvery == p.ArchivedEvery-1
		if archived {
			pr.Status, pr.ArchivedAt = "archived", day(10)
		}
		for j := 0; j < p.UsersPerProject; j++ {
			u := f.Users[(i*p.UsersPerProject+j)%min(lookupWindow, len(f.Users))]
			role := "member"
			if j == 0 {
				role = "owner"
			}
			if !containsProjectUser(pr.Users, u.ID) {
				pr.Users = append(pr.Users, ProjectUser{ID: u.ID, Role: role, AddedAt: day(20)})
			}
		}
		for j := 0; j < p.ServiceAccountsPerProject; j++ {
			pr.ServiceAccounts = append(pr.ServiceAccounts, ServiceAccount{ID: fmt.Sprintf("svc_acct_gen_%05d_%02d", i, j),
				Name: fmt.Sprintf("bot-%d-%d", i, j), Role: "member", CreatedAt: day(25)})
		}
		for j := 0; j < p.KeysPerProject; j++ {
			n := i*p.KeysPerProject + j
			k := ProjectAPIKey{ID: fmt.Sprintf("key_gen_proj_%06d", n), Name: fmt.Sprintf("key-%d", n),
				CreatedAt: day(1 + rng.IntN(60)), LastUsedAt: hour(1 + rng.IntN(72))}
			switch {
			case p.ServiceAccountsPerProject > 0 && j%4 != 3:
				k.Owner = KeyOwner{Type: "service_account", ID: pr.ServiceAccounts[j%p.ServiceAccountsPerProject].ID}
			case len(pr.Users) > 0:
				k.Owner = KeyOwner{Type: "user", ID: pr.Users[j%len(pr.Users)].ID}
			default:
				k.Owner = KeyOwner{Type: "user", ID: f.Users[0].ID}
			}
			if bad(n) {
				k.CreatedAt, k.LastUsedAt = day(150), Time{} // project_key_rotation, project_key_unused
			}
			if bad(n + 17) {
				k.OwnerProjectAccess = "inactive" // key_owner_lost_access
			}
			pr.APIKeys = append(pr.APIKeys, k)
		}
		f.Projects[i] = pr
	}

	// --- Compliance API ---
	w := &f.Workspace
	w.Users = make([]WSUser, p.WorkspaceUsers)
	for i := range w.Users {
		created := day(1 + rng.IntN(60)) // recent members are not yet judged inactive
		if bad(i) {
			created = day(200 + rng.IntN(300)) // user_inactive (no conversation in the window)
		}
		role := "standard-user"
		if i < 2 {
			role = "account-owner"
		}
		w.Users[i] = WSUser{ID: wsUserID(i), Email: fmt.Sprintf("member%06d@example.com", i), Name: fmt.Sprintf("Member %d", i),
			CreatedAt: created, Role: role, Status: "active"}
	}
	wsUser := func(i int) WSUser {
		u := w.Users[i%len(w.Users)]
		return WSUser{ID: u.ID, Email: u.Email, Name: u.Name}
	}
	fileNo := 0
	newFiles := func(n int, sensitive bool) []File {
		var out []File
		for j := 0; j < n; j++ {
			name := fmt.Sprintf("notes-%d.md", fileNo)
			if sensitive && j == 0 {
				name = fmt.Sprintf("server-%d.pem", fileNo) // dlp_*_file
			}
			out = append(out, File{ID: fmt.Sprintf("file-gen-%07d", fileNo), Name: name, CreatedAt: day(5)})
			fileNo++
		}
		return out
	}
	w.GPTs = make([]GPT, p.GPTs)
	for i := range w.GPTs {
		owner := wsUser(rng.IntN(len(w.Users)))
		g := GPT{ID: fmt.Sprintf("g-gen%07d", i), CreatedAt: day(10 + rng.IntN(300)), OwnerID: owner.ID, OwnerEmail: owner.Email,
			BuilderName: owner.Name, Sharing: Sharing{Visibility: "invite-only", Permissions: Permissions{CanRead: true}}}
		if bad(i) {
			g.Sharing.Visibility = []string{"anyone-with-link", "gpt-store", "workspace"}[rng.IntN(3)] // gpt_public_*
			g.OwnerID, g.OwnerEmail = "user-gone-"+g.ID, "gone@example.com"                            // gpt_orphaned
		}
		nShared := rng.IntN(2*p.SharedUsersPerGPT + 1)
		if p.WideShareEvery > 0 && i%p.WideShareEvery == p.WideShareEvery-1 {
			nShared = p.WideShareUsers
		}
		g.SharedUsers = []WSUser{} // explicit, so an unshared GPT answers an empty list
		for j := 0; j < nShared; j++ {
			u := wsUser(i*7 + j)
			perm := Permissions{CanRead: true}
			if bad(i+j+5) && j == 0 {
				perm.CanWrite = true                                      // gpt_shared_editable
				u.Email = fmt.Sprintf("partner%d@partner.example.net", i) // gpt_external_share
			}
			g.SharedUsers = append(g.SharedUsers, u)
			g.Sharing.Recipients = append(g.Sharing.Recipients, Recipient{ID: u.ID, Email: u.Email, Permissions: perm})
		}
		nConfigs := 1 + rng.IntN(3)
		for c := 0; c < nConfigs; c++ {
			cfg := GPTConfig{ID: fmt.Sprintf("gzm_cnf_gen%07d_%d", i, c), Name: fmt.Sprintf("GPT %d", i),
				Description: "A generated GPT.", CreatedAt: day(10 + c*30), Instructions: "Answer questions about internal documentation politely.",
				VersionAuthor: &VersionAuthor{ID: owner.ID, Email: owner.Email}}
			if c == 0 {
				cfg.Files = newFiles(rng.IntN(3), bad(i+11))
				if rng.IntN(2) == 0 {
					cfg.Tools = append(cfg.Tools, Tool{Type: "dall-e"})
				}
				if bad(i + 29) {
					cfg.Tools = append(cfg.Tools, Tool{Type: "browser"}) // gpt_web_browsing
				}
				if bad(i + 31) {
					cfg.Tools = append(cfg.Tools, Tool{Type: "code_interpreter"}) // gpt_code_interpreter
				}
				if bad(i + 13) {
					cfg.Tools = append(cfg.Tools, Tool{Type: "custom_action", ActionDomain: "api.unknown.example.org", AuthType: "none",
						ActionOpenAPIRaw: `{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{}}`})
				}
				if bad(i + 19) {
					cfg.Instructions += " Use key sk-proj-" + fmt.Sprintf("%040d", i) + " for the API." // dlp_gpt_instructions
				}
			}
			g.Configs = append(g.Configs, cfg)
		}
		w.GPTs[i] = g
	}
	w.Projects = make([]GPT, p.ChatGPTProjects)
	for i := range w.Projects {
		owner := wsUser(rng.IntN(len(w.Users)))
		w.Projects[i] = GPT{ID: fmt.Sprintf("g-p-gen%06d", i), CreatedAt: day(20), OwnerID: owner.ID, OwnerEmail: owner.Email,
			Sharing: Sharing{Visibility: "invite-only"},
			Configs: []GPTConfig{{ID: fmt.Sprintf("pr_cnf_gen%06d", i), Name: fmt.Sprintf("Project %d", i), CreatedAt: day(20),
				Files: newFiles(1+rng.IntN(2), bad(i+23))}}}
	}
	w.Conversations = make([]Conversation, p.Conversations)
	for i := range w.Conversations {
		u := w.Users[rng.IntN(len(w.Users))]
		start := 1 + rng.IntN(24*60)
		c := Conversation{ID: genUUID(0x1, i), UserID: u.ID, CreatedAt: hour(start), Title: fmt.Sprintf("Conversation %d", i)}
		for m := 0; m < p.MessagesPerConv; m++ {
			msg := Message{ID: genUUID(0x2, i*max(1, p.MessagesPerConv)+m), CreatedAt: hour(max(0, start-m)), Role: []string{"user", "assistant"}[m%2],
				Content: "Summarise the attached quarterly report."}
			if m > 0 {
				msg.ParentID = c.Messages[m-1].ID
			}
			if m == 0 && bad(i) {
				msg.Files = newFiles(1, true) // dlp_conversation_file
			}
			c.Messages = append(c.Messages, msg)
		}
		w.Conversations[i] = c
	}
	return f
}

func containsProjectUser(us []ProjectUser, id string) bool {
	for _, u := range us {
		if u.ID == id {
			return true
		}
	}
	return false
}

func wsUserID(i int) string { return fmt.Sprintf("user-gen%07d", i) }

// genUUID is a deterministic UUID-shaped id (version 4 layout) for kind and n.
func genUUID(kind, n int) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", kind, n)
}
