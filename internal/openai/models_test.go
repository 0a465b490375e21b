package openai

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTimestampDecoding(t *testing.T) {
	var v struct {
		A, B, C, D, E, F Timestamp
	}
	if err := json.Unmarshal([]byte(`{"A":1711471533,"B":1692158096.299021,"C":null,"E":"2024-01-02T03:04:05Z","F":"1711471533"}`), &v); err != nil {
		t.Fatal(err)
	}
	if !v.A.Valid || v.A.Time.Unix() != 1711471533 {
		t.Errorf("int: %+v", v.A)
	}
	if !v.B.Valid || v.B.Time.Unix() != 1692158096 || v.B.Time.Nanosecond()/1000 != 299021 {
		t.Errorf("float: %+v", v.B)
	}
	if v.C.Valid || !v.C.Present || v.C.String() != "null" {
		t.Errorf("null: %+v", v.C)
	}
	if v.D.Valid || v.D.Present || v.D.String() != "missing" {
		t.Errorf("missing: %+v", v.D)
	}
	if !v.E.Valid || v.E.Time.Year() != 2024 || !v.F.Valid {
		t.Errorf("strings: %+v %+v", v.E, v.F)
	}
	b, _ := json.Marshal(v.A)
	if string(b) != "1711471533" {
		t.Errorf("marshal %s", b)
	}
	if err := json.Unmarshal([]byte(`{"A":"yesterday"}`), &v); err == nil {
		t.Error("bad timestamp accepted")
	}
}

func TestInviteInvitedAtVsCreatedAt(t *testing.T) {
	var old, cur, both Invite
	_ = json.Unmarshal([]byte(`{"id":"invite-1","email":"a@example.com","role":"reader","status":"pending","invited_at":1000,"expires_at":2000}`), &old)
	_ = json.Unmarshal([]byte(`{"id":"invite-2","email":"b@example.com","role":"owner","status":"accepted","created_at":1500,"expires_at":null,"accepted_at":1600,"projects":[{"id":"proj_1","role":"member"}]}`), &cur)
	_ = json.Unmarshal([]byte(`{"id":"invite-3","created_at":3000,"invited_at":1}`), &both)
	if !old.CreatedAt.Valid || old.CreatedAt.Time.Unix() != 1000 || old.Email != "a@example.com" {
		t.Errorf("invited_at: %+v", old)
	}
	if cur.CreatedAt.Time.Unix() != 1500 || cur.ExpiresAt.Valid || !cur.AcceptedAt.Valid || len(cur.Projects) != 1 {
		t.Errorf("created_at: %+v", cur)
	}
	if both.CreatedAt.Time.Unix() != 3000 {
		t.Errorf("created_at should win: %+v", both)
	}
}

func TestRecipientsArrayOrList(t *testing.T) {
	const arr = `{"id":"g-1","sharing":{"visibility":"workspace-with-link","recipients":[{"id":"user-1","email":"r@example.com","permissions":{"can_read":true,"can_write":false}}]}}`
	const list = `{"id":"g-2","sharing":{"visibility":"invite-only","recipients":{"object":"list","data":[{"id":"user-2"},{"id":"user-3"}],"last_id":"user-3","has_more":true}}}`
	const absent = `{"id":"g-3","sharing":{"visibility":"gpt-store"}}`
	var a, l, n GPT
	for s, v := range map[string]*GPT{arr: &a, list: &l, absent: &n} {
		if err := json.Unmarshal([]byte(s), v); err != nil {
			t.Fatal(err)
		}
	}
	if len(a.Sharing.Recipients.Users) != 1 || !Bool(a.Sharing.Recipients.Users[0].Permissions.CanRead) || !a.Sharing.Recipients.Present {
		t.Errorf("array: %+v", a.Sharing.Recipients)
	}
	if len(l.Sharing.Recipients.Users) != 2 || !l.Sharing.Recipients.HasMore {
		t.Errorf("list: %+v", l.Sharing.Recipients)
	}
	if n.Sharing.Recipients.Present || String(n.Sharing.Visibility) != "gpt-store" {
		t.Errorf("absent: %+v", n.Sharing)
	}
}

func TestNestedListsAndUnknownFields(t *testing.T) {
	const body = `{"object":"compliance.workspace.gpt","id":"g-1","created_at":1692158096.5,"owner_email":"o@example.com","future_field":{"x":1},
	 "latest_config":{"object":"list","last_id":"gzm_cnf_1","has_more":false,"data":[{"id":"gzm_cnf_1","name":"HR","instructions":"be nice",
	   "version_author":{"id":"user-1","email":"o@example.com"},
	   "files":{"object":"list","data":[{"object":"compliance.workspace.gpt.file_info","id":"file-1","name":"policy.pdf"}],"has_more":false},
	   "tools":{"object":"list","last_id":null,"has_more":false,"data":[{"type":"code_interpreter","created_at":1.5},{"type":"custom_action","action_domain":"api.example.com","auth_type":"oauth"},{"type":"brand_new_tool"}]}}]}}`
	var g GPT
	if err := json.Unmarshal([]byte(body), &g); err != nil {
		t.Fatal(err)
	}
	cfg := g.Latest()
	if cfg == nil || String(cfg.Name) != "HR" || len(cfg.Files.Data) != 1 || len(cfg.Tools.Data) != 3 || String(cfg.Tools.Data[1].ActionDomain) != "api.example.com" || cfg.Tools.Data[2].Type != "brand_new_tool" {
		t.Fatalf("%+v", cfg)
	}
}

func TestHostedToolPermissions(t *testing.T) {
	var h HostedToolPermissions
	if err := json.Unmarshal([]byte(`{"object":"x","file_search":{"enabled":true},"web_search":{"enabled":false},"mcp":null,"future_tool":{"enabled":true}}`), &h); err != nil {
		t.Fatal(err)
	}
	if !Bool(h.FileSearch.Enabled) || Bool(h.WebSearch.Enabled) || h.WebSearch.Enabled == nil || h.MCP != nil || h.CodeInterpreter != nil || !Bool(h.Tools["future_tool"].Enabled) || len(h.Tools) != 3 {
		t.Fatalf("%+v", h)
	}
}

func TestAuditLogFilterAndDetails(t *testing.T) {
	var q url.Values
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		q = r.URL.Query()
		writeJSON(w, 200, `{"object":"list","data":[{"id":"audit_log-1","type":"project.archived","effective_at":1722461446,"actor":{"type":"api_key","api_key":{"id":"key_t","type":"user","user":{"id":"user-1","email":"u@example.com"}}},"project.archived":{"id":"proj_abc"}}],"first_id":"audit_log-1","last_id":"audit_log-1","has_more":false}`)
	})
	gte := time.Unix(1700000000, 0)
	lt := time.Unix(1800000000, 0)
	logs, err := c.ListAuditLogs(testCtx(t), AuditLogFilter{
		EffectiveAtGTE: &gte, EffectiveAtLT: &lt, EventTypes: []string{"project.archived", "api_key.created"},
		ProjectIDs: []string{"proj_abc"}, ActorIDs: []string{"user-1"}, ActorEmails: []string{"u@example.com"},
		ResourceIDs: []string{"ws__conn"}, TenantOnly: true,
	})
	if err != nil || len(logs) != 1 {
		t.Fatalf("%v %v", err, logs)
	}
	if q.Get("effective_at[gte]") != "1700000000" || q.Get("effective_at[lt]") != "1800000000" || q.Has("effective_at[gt]") ||
		strings.Join(q["event_types[]"], ",") != "project.archived,api_key.created" || q.Get("project_ids[]") != "proj_abc" ||
		q.Get("actor_ids[]") != "user-1" || q.Get("actor_emails[]") != "u@example.com" || q.Get("resource_ids[]") != "ws__conn" ||
		q.Get("tenant_only") != "true" || q.Get("limit") != "100" {
		t.Fatalf("query %v", q)
	}
	if string(logs[0].Details) != `{"id":"proj_abc"}` || logs[0].Actor.APIKey.User.ID != "user-1" {
		t.Fatalf("%+v", logs[0])
	}
}

func TestConversationsSinceFirstPageOnlyAndDedupe(t *testing.T) {
	var queries []url.Values
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q)
		switch q.Get("after") {
		case "":
			writeJSON(w, 200, `{"object":"list","data":[{"id":"c1","last_active_at":100,"title":"old"},{"id":"c2","last_active_at":90}],"last_id":"c2","has_more":true}`)
		default:
			writeJSON(w, 200, `{"object":"list","data":[{"id":"c1","last_active_at":200.5,"title":"new"},{"id":"c3","last_active_at":80}],"last_id":"c3","has_more":false}`)
		}
	})
	since := time.Unix(1717000000, 0)
	convs, err := c.ListConversations(testCtx(t), ConversationFilter{Since: &since, UserIDs: []string{"user-1", "user-2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(queries) != 2 || queries[0].Get("since_timestamp") != "1717000000" || queries[1].Has("since_timestamp") ||
		queries[1].Get("after") != "c2" || queries[0].Get("limit") != "500" || len(queries[1]["users"]) != 2 {
		t.Fatalf("queries %v", queries)
	}
	if len(convs) != 3 || convs[0].ID != "c1" || String(convs[0].Title) != "new" || convs[2].ID != "c3" {
		t.Fatalf("convs %+v", convs)
	}
}

func TestConversationsUserBatches(t *testing.T) {
	var sizes []int
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		sizes = append(sizes, len(r.URL.Query()["users"]))
		writeJSON(w, 200, `{"object":"list","data":[{"id":"c1","last_active_at":1}],"last_id":"c1","has_more":false}`)
	})
	ids := make([]string, 150)
	for i := range ids {
		ids[i] = "user-" + strings.Repeat("x", i%5) + string(rune('a'+i%26))
	}
	convs, err := c.ListConversations(testCtx(t), ConversationFilter{UserIDs: ids})
	if err != nil || len(convs) != 1 || len(sizes) != 2 || sizes[0] != 99 || sizes[1] != 51 {
		t.Fatalf("%v %d %v", err, len(convs), sizes)
	}
}
