package openaisim

import (
	"fmt"
	"regexp"
	"strings"
)

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// hostedTools are the tools of ProjectHostedToolPermissions (S1).
var hostedTools = []string{"file_search", "web_search", "image_generation", "mcp", "code_interpreter"}

// Validate checks what the strict decoder cannot: unique ids, cross references, the
// audit event type enum, the workspace id format. Errors name the JSON path.
func (f *Fixture) Validate() error {
	seen := func(kind string) func(path, id string) error {
		ids := map[string]string{}
		return func(path, id string) error {
			if id == "" {
				return fixErr(path, "empty id")
			}
			if prev, dup := ids[id]; dup {
				return fixErr(path, "duplicate %s id %q (also at %s)", kind, id, prev)
			}
			ids[id] = path
			return nil
		}
	}
	users := map[string]*OrgUser{}
	uid := seen("user")
	for i := range f.Users {
		u := &f.Users[i]
		if err := uid(fmt.Sprintf("users[%d].id", i), u.ID); err != nil {
			return err
		}
		users[u.ID] = u
	}
	inv := seen("invite")
	for i, v := range f.Invites {
		if err := inv(fmt.Sprintf("invites[%d].id", i), v.ID); err != nil {
			return err
		}
	}
	ak := seen("admin key")
	for i, k := range f.AdminAPIKeys {
		if err := ak(fmt.Sprintf("admin_api_keys[%d].id", i), k.ID); err != nil {
			return err
		}
	}
	pid := seen("project")
	keyID := seen("project api key")
	projects := map[string]bool{}
	for i := range f.Projects {
		p := &f.Projects[i]
		base := fmt.Sprintf("projects[%d]", i)
		if err := pid(base+".id", p.ID); err != nil {
			return err
		}
		projects[p.ID] = true
		for tool := range p.HostedToolPermissions {
			if !contains(hostedTools, tool) {
				return fixErr(base+".hosted_tool_permissions."+tool, "unknown hosted tool; valid choices: %s", strings.Join(hostedTools, ", "))
			}
		}
		for j, pu := range p.Users {
			if _, ok := users[pu.ID]; !ok && pu.Email == "" {
				return fixErr(fmt.Sprintf("%s.users[%d].id", base, j), "project user %q is not an org user (add it to users or give name and email)", pu.ID)
			}
		}
		sas := map[string]bool{}
		for _, sa := range p.ServiceAccounts {
			sas[sa.ID] = true
		}
		for j, k := range p.APIKeys {
			kp := fmt.Sprintf("%s.api_keys[%d]", base, j)
			if err := keyID(kp+".id", k.ID); err != nil {
				return err
			}
			switch k.Owner.Type {
			case "user":
				if _, ok := users[k.Owner.ID]; !ok && k.Owner.Email == "" {
					return fixErr(kp+".owner.id", "key owner %q is not an org user (add it to users or give name and email)", k.Owner.ID)
				}
			case "service_account":
				if !sas[k.Owner.ID] && k.Owner.Name == "" {
					return fixErr(kp+".owner.id", "key owner %q is not a service account of project %q", k.Owner.ID, p.ID)
				}
			}
		}
	}
	for i, v := range f.Invites {
		for j, pr := range v.Projects {
			if !projects[pr.ID] {
				return fixErr(fmt.Sprintf("invites[%d].projects[%d].id", i, j), "unknown project %q", pr.ID)
			}
		}
	}
	cid := seen("certificate")
	for i, c := range f.Certificates {
		if err := cid(fmt.Sprintf("certificates[%d].id", i), c.ID); err != nil {
			return err
		}
	}
	lid := seen("audit log")
	for i, e := range f.AuditLogs {
		p := fmt.Sprintf("audit_logs[%d]", i)
		if err := lid(p+".id", e.ID); err != nil {
			return err
		}
		if !contains(auditLogEventTypes, e.Type) {
			return fixErr(p+".type", "invalid value %q; valid choices (AuditLogEventType): %s", e.Type, strings.Join(auditLogEventTypes, ", "))
		}
		for name, raw := range map[string][]byte{"actor": e.Actor, "details": e.Details} {
			if len(raw) > 0 && strings.TrimSpace(string(raw))[0] != '{' && strings.TrimSpace(string(raw)) != "null" {
				return fixErr(p+"."+name, "want an object")
			}
		}
	}
	if err := f.validateRBAC(users); err != nil {
		return err
	}
	return f.Workspace.validate()
}

func (w *Workspace) validate() error {
	if !uuidRe.MatchString(w.ID) {
		return fixErr("workspace.id", "want a UUID like 8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b, got %q", w.ID)
	}
	ids := map[string]bool{}
	for i, u := range w.Users {
		if ids[u.ID] {
			return fixErr(fmt.Sprintf("workspace.users[%d].id", i), "duplicate workspace user id %q", u.ID)
		}
		ids[u.ID] = true
	}
	for _, coll := range []struct {
		name string
		list []GPT
	}{{"gpts", w.GPTs}, {"projects", w.Projects}} {
		gids := map[string]bool{}
		for i, g := range coll.list {
			p := fmt.Sprintf("workspace.%s[%d]", coll.name, i)
			if gids[g.ID] {
				return fixErr(p+".id", "duplicate id %q", g.ID)
			}
			gids[g.ID] = true
			if len(g.Configs) == 0 {
				return fixErr(p+".configs", "at least one config version is required")
			}
		}
	}
	conv := map[string]bool{}
	for i, c := range w.Conversations {
		p := fmt.Sprintf("workspace.conversations[%d]", i)
		if conv[c.ID] {
			return fixErr(p+".id", "duplicate conversation id %q", c.ID)
		}
		conv[c.ID] = true
		if !ids[c.UserID] && c.UserEmail == "" {
			return fixErr(p+".user_id", "conversation user %q is not a workspace user (add it or give user_email)", c.UserID)
		}
	}
	return nil
}
