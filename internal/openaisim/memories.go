package openaisim

import (
	"sort"
	"strconv"
)

// EndpointComplianceMemories lists workspace memories, one object per user
// (ascending user id, C1), with since_timestamp (inclusive, Unix seconds) and
// limit (default and max 200).
const EndpointComplianceMemories = "GET /compliance/workspaces/{workspace_id}/memories"

// Memory is one memory entry of a user's memory context.
type Memory struct {
	ID        string `json:"id" required:"true"`
	UserID    string `json:"user_id" required:"true"`
	ContextID string `json:"context_id,omitempty"` // default: the user id (primary context)
	Content   string `json:"content" required:"true"`
	UpdatedAt Time   `json:"updated_at,omitempty"`
}

func (s *Server) listMemories(rc *reqCtx) (any, *apiError) {
	limit, e := parseLimit(rc.q, 200, 200)
	if e != nil {
		return nil, e
	}
	var since *float64
	if v := rc.q.Get("since_timestamp"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, errInvalidParam("since_timestamp", "Invalid 'since_timestamp': expected Unix seconds, got %q.", v)
		}
		since = &f
	}
	type userMem struct {
		id      string
		entries []Memory
	}
	byUser := map[string]*userMem{}
	for _, m := range rc.fx.Workspace.Memories {
		if since != nil && !m.UpdatedAt.IsZero() && unixFloatSeconds(m.UpdatedAt.Resolve(rc.now)) < *since {
			continue
		}
		u := byUser[m.UserID]
		if u == nil {
			u = &userMem{id: m.UserID}
			byUser[m.UserID] = u
		}
		u.entries = append(u.entries, m)
	}
	users := make([]*userMem, 0, len(byUser))
	for _, u := range byUser {
		users = append(users, u)
	}
	sort.Slice(users, func(i, j int) bool { return users[i].id < users[j].id })
	render := func(u *userMem) any {
		var order []string
		contexts := map[string][]any{}
		for _, m := range u.entries {
			ctx := m.ContextID
			if ctx == "" {
				ctx = m.UserID
			}
			if _, ok := contexts[ctx]; !ok {
				order = append(order, ctx)
			}
			contexts[ctx] = append(contexts[ctx], map[string]any{
				"object": "compliance.workspace.user.memory.context.entry", "id": m.ID, "content": m.Content,
				"updated_at": tsFloat(m.UpdatedAt, rc.now),
			})
		}
		var ctxs []any
		for _, c := range order {
			ctxs = append(ctxs, map[string]any{"object": "compliance.workspace.user.memory.context", "id": c, "memory_entries": contexts[c]})
		}
		return map[string]any{"object": "compliance.workspace.user.memory", "id": u.id, "memory_contexts": nonNilAny(ctxs)}
	}
	p := paginate(users, func(u *userMem) string { return u.id }, render, rc.q.Get("after"), "", limit)
	return p.compliance(), nil
}
