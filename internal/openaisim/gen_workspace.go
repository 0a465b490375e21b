package openaisim

import "fmt"

// The Compliance API steps of Generate, in the order they draw from the random stream.

// workspaceUsers: recent members (not yet judged inactive); bad ones joined 200+ days
// ago and have no conversation in the window (user_inactive). The first two own the
// workspace.
func (g *generator) workspaceUsers() {
	w := &g.f.Workspace
	w.Users = make([]WSUser, g.p.WorkspaceUsers)
	for i := range w.Users {
		created := daysAgo(1 + g.rng.IntN(60))
		if g.bad(i) {
			created = daysAgo(200 + g.rng.IntN(300)) // user_inactive
		}
		role := "standard-user"
		if i < 2 {
			role = "account-owner"
		}
		w.Users[i] = WSUser{ID: wsUserID(i), Email: fmt.Sprintf("member%06d@example.com", i), Name: fmt.Sprintf("Member %d", i),
			CreatedAt: created, Role: role, Status: "active"}
	}
}

// wsUser is the i-th workspace user (wrapping), reduced to what a reference carries.
func (g *generator) wsUser(i int) WSUser {
	u := g.f.Workspace.Users[i%len(g.f.Workspace.Users)]
	return WSUser{ID: u.ID, Email: u.Email, Name: u.Name}
}

// newFiles returns n files with fresh ids; when sensitive, the first is a .pem
// (dlp_*_file).
func (g *generator) newFiles(n int, sensitive bool) []File {
	var out []File
	for j := 0; j < n; j++ {
		name := fmt.Sprintf("notes-%d.md", g.fileNo)
		if sensitive && j == 0 {
			name = fmt.Sprintf("server-%d.pem", g.fileNo) // dlp_*_file
		}
		out = append(out, File{ID: fmt.Sprintf("file-gen-%07d", g.fileNo), Name: name, CreatedAt: daysAgo(5)})
		g.fileNo++
	}
	return out
}

// gpts: custom GPTs with shared users, 1-3 config versions and seeded risky tools.
func (g *generator) gpts() {
	w := &g.f.Workspace
	w.GPTs = make([]GPT, g.p.GPTs)
	for i := range w.GPTs {
		w.GPTs[i] = g.gpt(i)
	}
}

func (g *generator) gpt(i int) GPT {
	p := g.p
	owner := g.wsUser(g.rng.IntN(len(g.f.Workspace.Users)))
	gp := GPT{ID: fmt.Sprintf("g-gen%07d", i), CreatedAt: daysAgo(10 + g.rng.IntN(300)), OwnerID: owner.ID, OwnerEmail: owner.Email,
		BuilderName: owner.Name, Sharing: Sharing{Visibility: "invite-only", Permissions: Permissions{CanRead: true}}}
	if g.bad(i) {
		gp.Sharing.Visibility = []string{"anyone-with-link", "gpt-store", "workspace"}[g.rng.IntN(3)] // gpt_public_*
		gp.OwnerID, gp.OwnerEmail = "user-gone-"+gp.ID, "gone@example.com"                            // gpt_orphaned
	}
	nShared := g.rng.IntN(2*p.SharedUsersPerGPT + 1)
	if p.WideShareEvery > 0 && i%p.WideShareEvery == p.WideShareEvery-1 {
		nShared = p.WideShareUsers
	}
	gp.SharedUsers = []WSUser{} // explicit, so an unshared GPT answers an empty list
	for j := 0; j < nShared; j++ {
		u := g.wsUser(i*7 + j)
		perm := Permissions{CanRead: true}
		if g.bad(i+j+5) && j == 0 {
			perm.CanWrite = true                                      // gpt_shared_editable
			u.Email = fmt.Sprintf("partner%d@partner.example.net", i) // gpt_external_share
		}
		gp.SharedUsers = append(gp.SharedUsers, u)
		gp.Sharing.Recipients = append(gp.Sharing.Recipients, Recipient{ID: u.ID, Email: u.Email, Permissions: perm})
	}
	nConfigs := 1 + g.rng.IntN(3)
	for c := 0; c < nConfigs; c++ {
		gp.Configs = append(gp.Configs, g.gptConfig(i, c, owner))
	}
	return gp
}

// gptConfig is config version c of GPT i; only the newest (c == 0) carries files and
// tools, which is what the checks judge.
func (g *generator) gptConfig(i, c int, owner WSUser) GPTConfig {
	cfg := GPTConfig{ID: fmt.Sprintf("gzm_cnf_gen%07d_%d", i, c), Name: fmt.Sprintf("GPT %d", i),
		Description: "A generated GPT.", CreatedAt: daysAgo(10 + c*30), Instructions: "Answer questions about internal documentation politely.",
		VersionAuthor: &VersionAuthor{ID: owner.ID, Email: owner.Email}}
	if c != 0 {
		return cfg
	}
	cfg.Files = g.newFiles(g.rng.IntN(3), g.bad(i+11))
	if g.rng.IntN(2) == 0 {
		cfg.Tools = append(cfg.Tools, Tool{Type: "dall-e"})
	}
	if g.bad(i + 29) {
		cfg.Tools = append(cfg.Tools, Tool{Type: "browser"}) // gpt_web_browsing
	}
	if g.bad(i + 31) {
		cfg.Tools = append(cfg.Tools, Tool{Type: "code_interpreter"}) // gpt_code_interpreter
	}
	if g.bad(i + 13) {
		cfg.Tools = append(cfg.Tools, Tool{Type: "custom_action", ActionDomain: "api.unknown.example.org", AuthType: "none",
			ActionOpenAPIRaw: `{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{}}`})
	}
	if g.bad(i + 19) {
		cfg.Instructions += " Use key " + fakeOpenAIKeyN(i) + " for the API." // dlp_gpt_instructions (openai-prefixed-api-key)
	}
	return cfg
}

// chatGPTProjects: workspace projects with 1-2 files; bad ones hold a .pem.
func (g *generator) chatGPTProjects() {
	w := &g.f.Workspace
	w.Projects = make([]GPT, g.p.ChatGPTProjects)
	for i := range w.Projects {
		owner := g.wsUser(g.rng.IntN(len(w.Users)))
		w.Projects[i] = GPT{ID: fmt.Sprintf("g-p-gen%06d", i), CreatedAt: daysAgo(20), OwnerID: owner.ID, OwnerEmail: owner.Email,
			Sharing: Sharing{Visibility: "invite-only"},
			Configs: []GPTConfig{{ID: fmt.Sprintf("pr_cnf_gen%06d", i), Name: fmt.Sprintf("Project %d", i), CreatedAt: daysAgo(20),
				Files: g.newFiles(1+g.rng.IntN(2), g.bad(i+23))}}}
	}
}

// conversations: MessagesPerConv alternating messages each, last active within the
// last ConversationDays days (default 60); the first message of a bad one attaches a
// .pem (dlp_conversation_file).
func (g *generator) conversations() {
	p, w := g.p, &g.f.Workspace
	w.Conversations = make([]Conversation, p.Conversations)
	spanDays := p.ConversationDays
	if spanDays <= 0 {
		spanDays = 60
	}
	for i := range w.Conversations {
		u := w.Users[g.rng.IntN(len(w.Users))]
		start := 1 + g.rng.IntN(24*spanDays)
		c := Conversation{ID: genUUID(0x1, i), UserID: u.ID, CreatedAt: hoursAgo(start), Title: fmt.Sprintf("Conversation %d", i)}
		for m := 0; m < p.MessagesPerConv; m++ {
			msg := Message{ID: genUUID(0x2, i*max(1, p.MessagesPerConv)+m), CreatedAt: hoursAgo(max(0, start-m)), Role: []string{"user", "assistant"}[m%2],
				Content: "Summarise the attached quarterly report."}
			if m > 0 {
				msg.ParentID = c.Messages[m-1].ID
			}
			if m == 0 && g.bad(i) {
				msg.Files = g.newFiles(1, true) // dlp_conversation_file
			}
			c.Messages = append(c.Messages, msg)
		}
		w.Conversations[i] = c
	}
}
