package openai

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// EndpointComplianceMemories lists workspace memories, one object per user.
const EndpointComplianceMemories = "GET /compliance/workspaces/{workspace_id}/memories"

// complianceMemoriesLimit: default and max 200.
const complianceMemoriesLimit = "200"

// UserMemory is one user's memories (object compliance.workspace.user.memory;
// id is the user's id).
type UserMemory struct {
	Object         string          `json:"object"`
	ID             string          `json:"id"`
	MemoryContexts []MemoryContext `json:"memory_contexts"`
}

// MemoryContext groups memory entries (id may equal the user id for the
// primary context).
type MemoryContext struct {
	Object        string        `json:"object"`
	ID            string        `json:"id"`
	MemoryEntries []MemoryEntry `json:"memory_entries"`
}

// MemoryEntry is one remembered fact.
type MemoryEntry struct {
	Object    string    `json:"object"`
	ID        string    `json:"id"`
	Content   *string   `json:"content"`
	UpdatedAt Timestamp `json:"updated_at"`
}

// ListMemories returns every user's memories updated at or after since (all
// when since is nil).
func (c *Client) ListMemories(ctx context.Context, since *time.Time) ([]UserMemory, error) {
	q := url.Values{"limit": {complianceMemoriesLimit}}
	if since != nil {
		q.Set("since_timestamp", strconv.FormatInt(since.Unix(), 10))
	}
	return listAll(ctx, c, listSpec[UserMemory]{
		api: apiCompliance, key: EndpointComplianceMemories, path: c.compliancePath("/memories"),
		query: q,
		id:    func(m *UserMemory) string { return m.ID },
	})
}
