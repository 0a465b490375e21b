package openai

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// ConversationFilter selects conversations.
type ConversationFilter struct {
	// Since keeps conversations last updated at or after this time
	// (since_timestamp). Nil means all.
	Since *time.Time
	// UserIDs restricts to these users. More than 99 are split into several
	// queries (the API accepts fewer than 100) and merged.
	UserIDs []string
}

// ListConversations returns conversations with their messages, deduplicated
// by id. The API orders by an unexposed last-update time, so a conversation
// updated while paging can appear twice; the copy with the later
// last_active_at (or, on a tie, the later one seen) wins, at the position of
// its first appearance.
//
// since_timestamp is sent on the first request only: the API ignores it when
// `after` is present, and sending it anyway would hide that from readers of
// the request log.
func (c *Client) ListConversations(ctx context.Context, f ConversationFilter) ([]Conversation, error) {
	if err := c.checkCredentials(apiCompliance); err != nil {
		return nil, err
	}
	var batches [][]string
	for ids := f.UserIDs; len(ids) > 0; {
		n := min(len(ids), complianceUsersFilterMax)
		batches = append(batches, ids[:n])
		ids = ids[n:]
	}
	if len(batches) == 0 {
		batches = [][]string{nil}
	}

	index := map[string]int{}
	var out []Conversation
	for _, users := range batches {
		q := url.Values{"limit": {complianceConversationsLimit}, "file_format": {fileFormatID}}
		if f.Since != nil {
			q.Set("since_timestamp", strconv.FormatInt(f.Since.Unix(), 10))
		}
		for _, u := range users {
			q.Add("users", u)
		}
		convs, err := listAll(ctx, c, listSpec[Conversation]{
			api: apiCompliance, key: EndpointComplianceConversations, path: c.compliancePath("/conversations"),
			query: q, firstPageOnly: []string{"since_timestamp"},
			id: func(cv *Conversation) string { return cv.ID },
		})
		if err != nil {
			return nil, err
		}
		for _, cv := range convs {
			i, seen := index[cv.ID]
			if !seen {
				index[cv.ID] = len(out)
				out = append(out, cv)
				continue
			}
			prev := out[i].LastActiveAt
			if !prev.Valid || !cv.LastActiveAt.Valid || !cv.LastActiveAt.Time.Before(prev.Time) {
				out[i] = cv
			}
		}
	}
	return out, nil
}
