package openaisim

import (
	"encoding/json"
	"fmt"
	"time"
)

// bigOrg is the sample org grown so every list spans several pages at its maximum page
// size. Counts are chosen to not be multiples of the page sizes.
func bigOrg() *Fixture {
	f := SampleOrg()
	day := func(n int) Time { return Rel(time.Duration(-n) * 24 * time.Hour) }
	for i := 0; i < 130; i++ {
		f.Users = append(f.Users, OrgUser{ID: fmt.Sprintf("user_big_%03d", i), Name: "Big", Email: fmt.Sprintf("big%03d@example.com", i), Role: "reader", AddedAt: day(i + 1), APIKeyLastUsedAt: day(1)})
		f.Invites = append(f.Invites, Invite{ID: fmt.Sprintf("invite-big-%03d", i), Email: fmt.Sprintf("inv%03d@example.com", i), Role: "reader", Status: "accepted", CreatedAt: day(i + 1)})
		f.Certificates = append(f.Certificates, Certificate{ID: fmt.Sprintf("cert_big_%03d", i), Name: "big", CreatedAt: day(i + 1), ValidAt: day(i + 1), ExpiresAt: Rel(400 * 24 * time.Hour), Active: false})
		f.AdminAPIKeys = append(f.AdminAPIKeys, AdminAPIKey{ID: fmt.Sprintf("key_big_admin_%03d", i), Name: "big", CreatedAt: day(i + 1), Owner: KeyOwner{Type: "user", ID: "user_sim_alice"}})
		f.Projects = append(f.Projects, Project{ID: fmt.Sprintf("proj_big_%03d", i), Name: "big", CreatedAt: day(i + 1)})
	}
	for i := 0; i < 7; i++ { // some archived ones too
		f.Projects[len(f.Projects)-1-i*3].Status = "archived"
	}
	p := &f.Projects[0] // proj_sim_default
	for i := 0; i < 150; i++ {
		id := fmt.Sprintf("user_big_%03d", i%130)
		if i < 110 {
			p.Users = append(p.Users, ProjectUser{ID: id, Role: "member", AddedAt: day(1)})
		}
		p.ServiceAccounts = append(p.ServiceAccounts, ServiceAccount{ID: fmt.Sprintf("svc_acct_big_%03d", i), Name: "big", Role: "member", CreatedAt: day(2)})
		access := "active"
		if i%3 == 0 {
			access = "inactive"
		}
		p.APIKeys = append(p.APIKeys, ProjectAPIKey{ID: fmt.Sprintf("key_big_proj_%03d", i), Name: "big", CreatedAt: day(3), OwnerProjectAccess: access,
			Owner: KeyOwner{Type: "service_account", ID: fmt.Sprintf("svc_acct_big_%03d", i)}})
	}
	for i := 0; i < 230; i++ {
		f.AuditLogs = append(f.AuditLogs, AuditLogEvent{ID: fmt.Sprintf("audit_log-big-%03d", i), Type: "login.succeeded", EffectiveAt: Rel(time.Duration(-i-100) * time.Hour),
			Actor: json.RawMessage(`{"type":"session","session":{"user":{"id":"user_big_001","email":"big001@example.com"}}}`)})
	}
	w := &f.Workspace
	for i := 0; i < 450; i++ {
		w.Users = append(w.Users, WSUser{ID: fmt.Sprintf("user-big-%03d", i), Email: fmt.Sprintf("ws%03d@example.com", i), Role: "standard-user", Status: "active", CreatedAt: day(10)})
	}
	g := &w.GPTs[0]
	for i := 0; i < 230; i++ {
		g.SharedUsers = append(g.SharedUsers, WSUser{ID: fmt.Sprintf("user-big-%03d", i), Email: fmt.Sprintf("ws%03d@example.com", i)})
	}
	for i := 0; i < 45; i++ {
		g.Configs = append(g.Configs, GPTConfig{ID: fmt.Sprintf("gzm_cnf_big_%03d", i), Name: "old", CreatedAt: day(200 + i)})
	}
	for i := 0; i < 130; i++ {
		w.GPTs = append(w.GPTs, GPT{ID: fmt.Sprintf("g-Big%03d", i), OwnerID: "user-ws-alice", OwnerEmail: "alice@example.com", CreatedAt: day(5),
			Sharing: Sharing{Visibility: "invite-only"}, Configs: []GPTConfig{{ID: fmt.Sprintf("gzm_cnf_bigg_%03d", i), Name: "big"}}})
		w.Projects = append(w.Projects, GPT{ID: fmt.Sprintf("g-p-Big%03d", i), OwnerID: "user-ws-alice", CreatedAt: day(5),
			Sharing: Sharing{Visibility: "invite-only"}, Configs: []GPTConfig{{ID: fmt.Sprintf("pr_cnf_big_%03d", i), Name: "big"}}})
	}
	for i := 0; i < 1100; i++ {
		w.Conversations = append(w.Conversations, Conversation{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), UserID: fmt.Sprintf("user-big-%03d", i%450),
			CreatedAt: Rel(time.Duration(-i-1) * time.Hour), Title: "big",
			Messages: []Message{{ID: fmt.Sprintf("10000000-0000-4000-8000-%012d", i), Role: "user", Content: "hi", CreatedAt: Rel(time.Duration(-i-1) * time.Hour)}}})
	}
	return f
}
