package openaisim

import (
	"net/url"
	"sort"
	"strconv"
	"time"
)

// Compliance API handlers (digest Part 2, C1 v1.1.1). Timestamps are float seconds.

func tsFloat(t Time, now time.Time) any {
	if t.IsZero() {
		return nil
	}
	return unixFloatSeconds(t.Resolve(now))
}

// putCreatedAt sets m["created_at"] only when t is set: C1 timestamps are
// non-nullable numbers, absent when unknown (e.g. for third-party GPTs).
func putCreatedAt(m map[string]any, t Time, now time.Time) {
	if !t.IsZero() {
		m["created_at"] = unixFloatSeconds(t.Resolve(now))
	}
}

func fullList(data []any, ids []string) complianceList {
	// Nested lists are complete: "has_more … will always be false" (C1 GPTConfig.files).
	return page{data: data, ids: ids}.compliance()
}

func fileFormat(q url.Values) (string, *apiError) {
	ff := orDefault(q.Get("file_format"), "url")
	if ff != "url" && ff != "id" {
		return "", errInvalidParam("file_format", "Invalid 'file_format': must be one of url, id.")
	}
	return ff, nil
}

// kindNames are the object type prefixes of GPTs and ChatGPT projects (C1).
type kindNames struct{ base, cfg string }

var (
	gptKind     = kindNames{"compliance.workspace.gpt", "compliance.workspace.gpt.configuration"}
	projectKind = kindNames{"compliance.workspace.project", "compliance.workspace.project.configuration"}
)

// downloadURL is a fake, unresolvable link.
// GUESS (digest §2.6 Files): real links are short-lived signed URLs; the simulator does
// not serve file content.
func downloadURL(kind, id string) string {
	return "https://files.openaisim.invalid/" + kind + "/" + url.PathEscape(id)
}

func renderFiles(rc *reqCtx, files []File, obj, kind, ff, userID string) complianceList {
	var data []any
	var ids []string
	for _, f := range files {
		var m map[string]any
		if ff == "id" {
			m = map[string]any{"object": obj + "_info", "id": f.ID, "name": f.Name}
			if userID != "" {
				m["user_id"] = userID
			}
		} else {
			m = map[string]any{"object": obj, "id": f.ID, "name": f.Name, "created_at": tsFloat(f.CreatedAt, rc.now), "download_url": downloadURL(kind, f.ID)}
			if f.Expired {
				m["created_at"], m["download_url"] = nil, nil
			}
			if f.CreatedAt.IsZero() {
				delete(m, "created_at")
			}
		}
		data = append(data, m)
		ids = append(ids, f.ID)
	}
	return fullList(data, ids)
}

func renderPerms(obj string, p Permissions) map[string]any {
	return map[string]any{"object": obj, "can_read": p.CanRead, "can_view_config": p.CanViewConfig, "can_write": p.CanWrite}
}

func renderConfig(rc *reqCtx, k kindNames, c GPTConfig, ff string) any {
	var tools []any
	for _, t := range c.Tools {
		m := map[string]any{"type": t.Type}
		putCreatedAt(m, t.CreatedAt, rc.now)
		if t.Type == "custom_action" {
			m["action_domain"] = t.ActionDomain
			m["action_openapi_raw"] = t.ActionOpenAPIRaw
			m["action_privacy_policy_url"] = t.ActionPrivacyPolicyURL
			if k == gptKind { // ProjectTool has no auth_type (C1)
				m["auth_type"] = t.AuthType
			}
		}
		tools = append(tools, m)
	}
	m := map[string]any{
		"object":                k.cfg,
		"id":                    c.ID,
		"name":                  c.Name,
		"description":           c.Description,
		"categories":            nonNil(c.Categories),
		"conversation_starters": nonNil(c.ConversationStarters),
		"instructions":          c.Instructions,
		"files":                 renderFiles(rc, c.Files, k.base+".file", k.base, ff, ""),
		// GUESS (digest §2.6): tools.last_id semantics are unconfirmed (tools have no id);
		// it is omitted.
		"tools": complianceList{Object: "list", Data: nonNilAny(tools)},
	}
	putCreatedAt(m, c.CreatedAt, rc.now)
	if c.VersionAuthor != nil && k == gptKind {
		m["version_author"] = map[string]any{"object": "compliance.workspace.gpt.version_author", "id": c.VersionAuthor.ID, "email": c.VersionAuthor.Email}
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilAny(s []any) []any {
	if s == nil {
		return []any{}
	}
	return s
}

func renderGPT(rc *reqCtx, k kindNames, g GPT, ff string) any {
	var recips []any
	for _, r := range g.Sharing.Recipients {
		recips = append(recips, map[string]any{
			"object": k.base + ".shared_user", "id": r.ID, "email": r.Email,
			"permissions": renderPerms(k.base+".permissions", r.Permissions),
		})
	}
	m := map[string]any{
		"object":       k.base,
		"id":           g.ID,
		"builder_name": orDefault(g.BuilderName, "Community Builder"),
		"sharing": map[string]any{
			"object":      k.base + ".sharing",
			"visibility":  g.Sharing.Visibility,
			"permissions": renderPerms(k.base+".permissions", g.Sharing.Permissions),
			// C1 models recipients as an array (C3 as a list object; digest PART 3 item 8).
			"recipients": nonNilAny(recips),
		},
		"latest_config": fullList([]any{renderConfig(rc, k, g.Configs[0], ff)}, []string{g.Configs[0].ID}),
	}
	putCreatedAt(m, g.CreatedAt, rc.now)
	if g.OwnerID != "" {
		m["owner_id"] = g.OwnerID
	}
	if g.OwnerEmail != "" {
		m["owner_email"] = g.OwnerEmail
	}
	if g.ThirdParty { // C1: "not provided for 3rd party Projects"
		delete(m, "created_at")
		delete(m, "owner_id")
		delete(m, "owner_email")
		delete(m, "sharing")
	}
	return m
}

func renderWSUser(rc *reqCtx, u WSUser) any {
	m := map[string]any{
		"object": "compliance.workspace.user", "id": u.ID, "email": u.Email, "name": u.Name,
		"role": orDefault(u.Role, "standard-user"), "status": orDefault(u.Status, "active"),
	}
	putCreatedAt(m, u.CreatedAt, rc.now)
	return m
}

func (s *Server) listWSUsers(rc *reqCtx) (any, *apiError) {
	limit, e := parseLimit(rc.q, 200, 200)
	if e != nil {
		return nil, e
	}
	users := append([]WSUser(nil), rc.fx.Workspace.Users...)
	sort.SliceStable(users, func(i, j int) bool { return users[i].ID < users[j].ID }) // C1: ascending user_id
	p := paginate(users, func(u WSUser) string { return u.ID },
		func(u WSUser) any { return renderWSUser(rc, u) }, rc.q.Get("after"), "", limit)
	return p.compliance(), nil
}

func (s *Server) listKind(rc *reqCtx, k kindNames, list []GPT) (any, *apiError) {
	limit, e := gptLimit(rc.q, rc.limitCap)
	if e != nil {
		return nil, e
	}
	ff, e := fileFormat(rc.q)
	if e != nil {
		return nil, e
	}
	p := paginate(list, func(g GPT) string { return g.ID },
		func(g GPT) any { return renderGPT(rc, k, g, ff) }, rc.q.Get("after"), "", limit)
	return p.compliance(), nil
}

func findGPT(list []GPT, id, what string) (*GPT, *apiError) {
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, errNotFound("The %s or workspace was not found: '%s'.", what, id)
}

func (s *Server) getKind(rc *reqCtx, k kindNames, list []GPT, id, what string) (any, *apiError) {
	ff, e := fileFormat(rc.q)
	if e != nil {
		return nil, e
	}
	g, e := findGPT(list, id, what)
	if e != nil {
		return nil, e
	}
	return renderGPT(rc, k, *g, ff), nil
}

func (s *Server) listConfigs(rc *reqCtx, k kindNames, list []GPT, id, what string) (any, *apiError) {
	limit, e := gptLimit(rc.q, rc.limitCap)
	if e != nil {
		return nil, e
	}
	ff, e := fileFormat(rc.q)
	if e != nil {
		return nil, e
	}
	g, e := findGPT(list, id, what)
	if e != nil {
		return nil, e
	}
	// Fixture order is newest first, as C1 orders configs "descending by updated time".
	p := paginate(g.Configs, func(c GPTConfig) string { return c.ID },
		func(c GPTConfig) any { return renderConfig(rc, k, c, ff) }, rc.q.Get("after"), "", limit)
	return p.compliance(), nil
}

func (s *Server) listShared(rc *reqCtx, list []GPT, id, what string) (any, *apiError) {
	g, e := findGPT(list, id, what)
	if e != nil {
		return nil, e
	}
	users := g.SharedUsers
	if users == nil {
		// Directly shared users default to the sharing recipients, enriched from the
		// workspace directory when the recipient is a workspace member.
		for _, r := range g.Sharing.Recipients {
			u := WSUser{ID: r.ID, Email: r.Email}
			for _, wu := range rc.fx.Workspace.Users {
				if wu.ID == r.ID {
					u = wu
				}
			}
			users = append(users, u)
		}
	}
	users = append([]WSUser(nil), users...)
	sort.SliceStable(users, func(i, j int) bool { return users[i].ID < users[j].ID }) // C1: ascending user_id
	s.stateMu.Lock()
	size := s.sharedPage
	s.stateMu.Unlock()
	// C1 defines no limit parameter here; the simulator pages at its own size.
	p := paginate(users, func(u WSUser) string { return u.ID },
		func(u WSUser) any { return renderWSUser(rc, u) }, rc.q.Get("after"), "", size)
	return p.compliance(), nil
}

func (s *Server) listGPTs(rc *reqCtx) (any, *apiError) {
	return s.listKind(rc, gptKind, rc.fx.Workspace.GPTs)
}

func (s *Server) getGPT(rc *reqCtx) (any, *apiError) {
	return s.getKind(rc, gptKind, rc.fx.Workspace.GPTs, rc.params["gpt_id"], "GPT")
}

func (s *Server) listGPTConfigs(rc *reqCtx) (any, *apiError) {
	return s.listConfigs(rc, gptKind, rc.fx.Workspace.GPTs, rc.params["gpt_id"], "GPT")
}

func (s *Server) listGPTSharedUsers(rc *reqCtx) (any, *apiError) {
	return s.listShared(rc, rc.fx.Workspace.GPTs, rc.params["gpt_id"], "GPT")
}

func (s *Server) listCProjects(rc *reqCtx) (any, *apiError) {
	return s.listKind(rc, projectKind, rc.fx.Workspace.Projects)
}

func (s *Server) getCProject(rc *reqCtx) (any, *apiError) {
	return s.getKind(rc, projectKind, rc.fx.Workspace.Projects, rc.params["project_id"], "Project")
}

func (s *Server) listCProjectConfigs(rc *reqCtx) (any, *apiError) {
	return s.listConfigs(rc, projectKind, rc.fx.Workspace.Projects, rc.params["project_id"], "Project")
}

func (s *Server) listCProjectSharedUsers(rc *reqCtx) (any, *apiError) {
	return s.listShared(rc, rc.fx.Workspace.Projects, rc.params["project_id"], "Project")
}

// --- conversations ---

// convLastActive is last_active_at, defaulting to the newest message (or created_at).
func convLastActive(c Conversation, now time.Time) time.Time {
	if !c.LastActiveAt.IsZero() {
		return c.LastActiveAt.Resolve(now)
	}
	last := c.CreatedAt.Resolve(now)
	for _, m := range c.Messages {
		if t := m.CreatedAt; !t.IsZero() && t.Resolve(now).After(last) {
			last = t.Resolve(now)
		}
	}
	return last
}

func (s *Server) renderConversation(rc *reqCtx, c Conversation, ff string) any {
	email := c.UserEmail
	if email == "" {
		for _, u := range rc.fx.Workspace.Users {
			if u.ID == c.UserID {
				email = u.Email
			}
		}
	}
	var msgs []any
	var ids []string
	for _, m := range c.Messages {
		mm := map[string]any{
			"object":     "compliance.workspace.conversation.message",
			"id":         m.ID,
			"created_at": tsFloat(m.CreatedAt, rc.now),
			"gpt_id":     nilIfEmpty(m.GPTID),
			"project_id": nilIfEmpty(m.ProjectID),
			// GUESS (digest PART 3 item 10): author.object / content.object / content.type
			// literal values are unconfirmed.
			"author": map[string]any{"object": "compliance.workspace.conversation.message.author", "role": m.Role, "tool_name": nilIfEmpty(m.ToolName)},
			"content": map[string]any{"object": "compliance.workspace.conversation.message.content", "type": "text",
				"value": m.Content, "annotations": []any{}},
			"files": renderFiles(rc, m.Files, "compliance.workspace.conversation.message.file", "conversation", ff, c.UserID),
		}
		// parent_id is a non-nullable uuid in C1; the root message has none, so it is omitted.
		if m.ParentID != "" {
			mm["parent_id"] = m.ParentID
		}
		msgs = append(msgs, mm)
		ids = append(ids, m.ID)
	}
	out := map[string]any{
		"object":         "compliance.workspace.conversation",
		"id":             c.ID,
		"workspace_id":   rc.fx.Workspace.ID,
		"user_id":        c.UserID,
		"user_email":     email,
		"created_at":     tsFloat(c.CreatedAt, rc.now),
		"last_active_at": unixFloatSeconds(convLastActive(c, rc.now)),
		"title":          c.Title,
		"messages":       fullList(msgs, ids),
	}
	return out
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *Server) listConversations(rc *reqCtx) (any, *apiError) {
	limit, e := parseLimit(rc.q, 500, 500)
	if e != nil {
		return nil, e
	}
	ff, e := fileFormat(rc.q)
	if e != nil {
		return nil, e
	}
	after := rc.q.Get("after")
	var since *float64
	// C1: since_timestamp "is ignored if after is present".
	if v := rc.q.Get("since_timestamp"); v != "" && after == "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, errInvalidParam("since_timestamp", "Invalid 'since_timestamp': expected Unix seconds, got %q.", v)
		}
		since = &f
	}
	users := qArray(rc.q, "users")
	// The simulator's "last update time" is last_active_at: since_timestamp keeps
	// conversations updated at or after it (C1), and the order is by it.
	type dated struct {
		c    *Conversation
		last time.Time
	}
	var list []dated
	for i := range rc.fx.Workspace.Conversations {
		c := &rc.fx.Workspace.Conversations[i]
		last := convLastActive(*c, rc.now)
		if since != nil && unixFloatSeconds(last) < *since {
			continue
		}
		if len(users) > 0 && !contains(users, c.UserID) {
			continue
		}
		list = append(list, dated{c, last})
	}
	// Ordered by last update time, oldest first (C1 orders by an unexposed "last
	// update time"; GUESS: ascending, which makes since_timestamp exports incremental).
	// Each conversation's time is computed once: an org with a million conversations
	// is sorted on every page.
	sort.SliceStable(list, func(i, j int) bool { return list[i].last.Before(list[j].last) })
	p := paginate(list, func(d dated) string { return d.c.ID },
		func(d dated) any { return s.renderConversation(rc, *d.c, ff) }, after, "", limit)
	return p.compliance(), nil
}
