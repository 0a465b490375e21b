package posture

import (
	"time"
)

// Conversations are the largest collection a plan can read (every message of
// every conversation), so checks declare how far back they look and the
// provider reads with since_timestamp from the start of the widest window,
// not the whole history.

// ConversationDays returns how many whole days back (from the start of the
// evaluation's UTC day) the check reads conversations with the given
// parameters; 0 when it declares no window (it then needs the whole history
// if it reads conversations at all).
func (c Check) ConversationDays(params Params) int {
	if c.conversations == nil {
		return 0
	}
	return max(0, c.conversations(c.bestEffortParams(params)))
}

// ConversationWindowDays is the window of the one conversation read that
// serves every rule: the longest window any rule needing conversations
// declares. It is 0 (read the whole history) when a rule needs
// conversations without declaring a window, and when no rule needs
// conversations.
//
// There is no floor: a plan whose only conversation check looks back 30 days
// reads 30 days. Checks evaluated one by one (each openai_posture_check on
// its own) share reads in the loader instead: a read covers every narrower
// window, so the widest read of a plan serves the narrower checks
// (internal/snapshot conversation_reads.go).
func ConversationWindowDays(rules []Rule) int {
	days := 0
	for _, r := range rules {
		c, ok := LookupCheck(r.CheckID)
		if !ok || !needsCollection(c.Needs(r.Params), CollectionConversations) {
			continue
		}
		d := c.ConversationDays(r.Params)
		if d == 0 {
			return 0
		}
		days = max(days, d)
	}
	return days
}

// ConversationReadDays is the window a read serving a days-day look back
// (the DLP content check's lookback_days) asks for: exactly that window (0,
// the whole history, stays 0). A wider read of the same plan serves it when
// there is one (the loader shares reads by coverage).
func ConversationReadDays(days int) int {
	return max(0, days)
}

// conversationWindowStart is the first instant a check with a days-day
// window judges: the start of now's UTC day, days days back. The loader
// reads from the same instant (internal/snapshot windowStart).
func conversationWindowStart(now time.Time, days int64) time.Time {
	return now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -int(days))
}

// inConversationWindow reports whether a conversation last active at t falls
// in a window starting at start. A conversation without last_active_at is
// kept: the read returned it, and leaving it out could hide a file.
func inConversationWindow(t *time.Time, start time.Time) bool {
	return t == nil || !t.Before(start)
}

func needsCollection(ids []CollectionID, id CollectionID) bool {
	for _, c := range ids {
		if c == id {
			return true
		}
	}
	return false
}
