package openaisim

import (
	"encoding/json"
	"fmt"
	"time"
)

// The Admin API steps of Generate, in the order they draw from the random stream.

// orgUsers: the first three are owners; every bad one has not used an API key for
// 120+ days (user_inactive), and a shifted set is not SCIM-managed (user_not_scim).
func (g *generator) orgUsers() {
	f := g.f
	f.Users = make([]OrgUser, g.p.OrgUsers)
	for i := range f.Users {
		role := "reader"
		if i < 3 {
			role = "owner"
		}
		lastUsed := hoursAgo(1 + g.rng.IntN(24*30))
		if g.bad(i) {
			lastUsed = daysAgo(120 + g.rng.IntN(200)) // user_inactive
		}
		f.Users[i] = OrgUser{
			ID: fmt.Sprintf("user_gen_%06d", i), Name: fmt.Sprintf("User %d", i), Email: fmt.Sprintf("user%06d@example.com", i),
			Role: role, AddedAt: daysAgo(100 + g.rng.IntN(900)), APIKeyLastUsedAt: lastUsed, IsSCIMManaged: boolPtr(!g.bad(i + 7)),
		}
	}
}

// invites: mostly accepted; every tenth pending (recent unless seeded stale or owner).
func (g *generator) invites() {
	f := g.f
	f.Invites = make([]Invite, g.p.Invites)
	for i := range f.Invites {
		v := Invite{ID: fmt.Sprintf("invite-gen-%06d", i), Email: fmt.Sprintf("invitee%06d@example.com", i), Role: "reader", Status: "accepted"}
		created := 10 + g.rng.IntN(700)
		v.CreatedAt, v.ExpiresAt, v.AcceptedAt = daysAgo(created), daysAgo(created-7), daysAgo(created-1)
		if i%10 == 0 {
			v.Status, v.AcceptedAt = "pending", Time{}
			created = 1 + g.rng.IntN(5)
			if g.bad(i) {
				created = 30 + g.rng.IntN(30) // invite_stale
			}
			v.CreatedAt, v.ExpiresAt = daysAgo(created), Rel(time.Duration(7-created)*24*time.Hour)
			if g.bad(i + 10) {
				v.Role = "owner" // invite_high_privilege
			}
		}
		f.Invites[i] = v
	}
}

// adminAPIKeys: owned by the org owners; bad ones are old, unused and never expire.
func (g *generator) adminAPIKeys() {
	f := g.f
	f.AdminAPIKeys = make([]AdminAPIKey, g.p.AdminAPIKeys)
	for i := range f.AdminAPIKeys {
		k := AdminAPIKey{ID: fmt.Sprintf("key_gen_admin_%05d", i), Name: fmt.Sprintf("admin-%d", i),
			CreatedAt: daysAgo(1 + g.rng.IntN(60)), LastUsedAt: hoursAgo(1 + g.rng.IntN(48)), ExpiresAt: Rel(80 * 24 * time.Hour),
			Owner: KeyOwner{Type: "user", ID: f.Users[i%min(3, len(f.Users))].ID}}
		if g.bad(i) {
			k.CreatedAt, k.LastUsedAt, k.ExpiresAt = daysAgo(200), Time{}, Time{} // rotation, unused, no expiry
		}
		f.AdminAPIKeys[i] = k
	}
}

// certificates: active; bad ones expire in 10 days (certificate_expiry).
func (g *generator) certificates() {
	f := g.f
	f.Certificates = make([]Certificate, g.p.Certificates)
	for i := range f.Certificates {
		expires := Rel(time.Duration(100+g.rng.IntN(300)) * 24 * time.Hour)
		if g.bad(i) {
			expires = Rel(10 * 24 * time.Hour) // certificate_expiry
		}
		f.Certificates[i] = Certificate{ID: fmt.Sprintf("cert_gen_%05d", i), Name: fmt.Sprintf("cert-%d", i),
			CreatedAt: daysAgo(300), ValidAt: daysAgo(300), ExpiresAt: expires, Active: true}
	}
}

// auditLogs: login.succeeded events of random org users, spread evenly over AuditDays
// (newest first).
func (g *generator) auditLogs() {
	f := g.f
	auditSpan := time.Duration(max(1, g.p.AuditDays)) * 24 * time.Hour
	f.AuditLogs = make([]AuditLogEvent, g.p.AuditEvents)
	for i := range f.AuditLogs {
		u := f.Users[g.rng.IntN(len(f.Users))]
		at := -time.Duration(float64(auditSpan) * (float64(i) + 0.5) / float64(max(1, g.p.AuditEvents)))
		f.AuditLogs[i] = AuditLogEvent{ID: fmt.Sprintf("audit_log-gen-%07d", i), Type: "login.succeeded",
			EffectiveAt: Rel(at.Truncate(time.Second)),
			Actor:       json.RawMessage(fmt.Sprintf(`{"type":"session","session":{"user":{"id":%q,"email":%q}}}`, u.ID, u.Email))}
	}
}

// tenantAuditTypes are the tenant-scoped types tenantAuditLogs cycles through (none of
// them is a posture risk); a bad event is an SSO connection change instead.
var tenantAuditTypes = []string{"tenant.user.added", "tenant.group.member.added", "tenant.user.updated", "tenant.policy.updated"}

// tenantAuditLogs appends tenant-scoped events by org owners, spread over AuditDays.
// It draws nothing from the random stream, so orgs without tenant events are the same
// as before tenant events existed.
func (g *generator) tenantAuditLogs() {
	f, n := g.f, g.p.TenantAuditEvents
	auditSpan := time.Duration(max(1, g.p.AuditDays)) * 24 * time.Hour
	for i := 0; i < n; i++ {
		u := f.Users[i%min(3, len(f.Users))]
		at := -time.Duration(float64(auditSpan) * (float64(i) + 0.25) / float64(n))
		typ, details := tenantAuditTypes[i%len(tenantAuditTypes)], fmt.Sprintf(`{"id":%q}`, f.Users[i%len(f.Users)].ID)
		if g.bad(i) {
			typ, details = "tenant.sso_connection.updated", `{"id":"sso_conn_gen"}` // risky_admin_events (SSO changed)
		}
		f.AuditLogs = append(f.AuditLogs, AuditLogEvent{ID: fmt.Sprintf("audit_log-gen-tenant-%07d", i), Type: typ,
			EffectiveAt: Rel(at.Truncate(time.Second)), Details: json.RawMessage(details),
			Actor: json.RawMessage(fmt.Sprintf(`{"type":"session","session":{"user":{"id":%q,"email":%q}}}`, u.ID, u.Email))})
	}
}

// projects: API platform projects with members, service accounts and keys. Project 0
// is "proj_sim_production" (the demo baseline's key_user_owned scope).
func (g *generator) projects() {
	g.f.Projects = make([]Project, g.p.Projects)
	for i := range g.f.Projects {
		g.f.Projects[i] = g.project(i)
	}
}

func (g *generator) project(i int) Project {
	p, f := g.p, g.f
	pr := Project{ID: fmt.Sprintf("proj_gen_%05d", i), Name: fmt.Sprintf("Project %d", i), CreatedAt: daysAgo(30 + g.rng.IntN(600)),
		DataRetention: "organization_default",
		HostedToolPermissions: map[string]bool{"file_search": true, "web_search": true, "image_generation": true,
			"code_interpreter": true, "mcp": g.bad(i)}, // project_hosted_tools
		ModelPermissions: &ModelPermissions{Mode: "allow_list", ModelIDs: []string{"gpt-4.1", "o4-mini"}}}
	if i == 0 {
		pr.ID, pr.Name = "proj_sim_production", "Production"
	}
	if g.bad(i + 3) {
		pr.ModelPermissions = nil // project_model_permissions
		pr.DataRetention = "none" // data_retention
	}
	if p.ArchivedEvery > 0 && i%p.ArchivedEvery == p.ArchivedEvery-1 {
		pr.Status, pr.ArchivedAt = "archived", daysAgo(10)
	}
	for j := 0; j < p.UsersPerProject; j++ {
		u := f.Users[(i*p.UsersPerProject+j)%min(lookupWindow, len(f.Users))]
		role := "member"
		if j == 0 {
			role = "owner"
		}
		if !containsProjectUser(pr.Users, u.ID) {
			pr.Users = append(pr.Users, ProjectUser{ID: u.ID, Role: role, AddedAt: daysAgo(20)})
		}
	}
	for j := 0; j < p.ServiceAccountsPerProject; j++ {
		pr.ServiceAccounts = append(pr.ServiceAccounts, ServiceAccount{ID: fmt.Sprintf("svc_acct_gen_%05d_%02d", i, j),
			Name: fmt.Sprintf("bot-%d-%d", i, j), Role: "member", CreatedAt: daysAgo(25)})
	}
	for j := 0; j < p.KeysPerProject; j++ {
		pr.APIKeys = append(pr.APIKeys, g.projectKey(&pr, i*p.KeysPerProject+j, j))
	}
	return pr
}

// projectKey is the j-th key of project pr (n-th key overall): three of four belong to
// a service account when the project has any, the rest to a member.
func (g *generator) projectKey(pr *Project, n, j int) ProjectAPIKey {
	k := ProjectAPIKey{ID: fmt.Sprintf("key_gen_proj_%06d", n), Name: fmt.Sprintf("key-%d", n),
		CreatedAt: daysAgo(1 + g.rng.IntN(60)), LastUsedAt: hoursAgo(1 + g.rng.IntN(72))}
	switch {
	case g.p.ServiceAccountsPerProject > 0 && j%4 != 3:
		k.Owner = KeyOwner{Type: "service_account", ID: pr.ServiceAccounts[j%g.p.ServiceAccountsPerProject].ID}
	case len(pr.Users) > 0:
		k.Owner = KeyOwner{Type: "user", ID: pr.Users[j%len(pr.Users)].ID}
	default:
		k.Owner = KeyOwner{Type: "user", ID: g.f.Users[0].ID}
	}
	if g.bad(n) {
		k.CreatedAt, k.LastUsedAt = daysAgo(150), Time{} // project_key_rotation, project_key_unused
	}
	if g.bad(n + 17) {
		k.OwnerProjectAccess = "inactive" // key_owner_lost_access
	}
	return k
}

func containsProjectUser(us []ProjectUser, id string) bool {
	for _, u := range us {
		if u.ID == id {
			return true
		}
	}
	return false
}
