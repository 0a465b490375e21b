package posture

import (
	"context"
	"time"
)

// This file is the one front door of posture evaluation: the resource and
// the findings data source both call Run with a Selection and a Source, so
// the clock, the data each check reads and the evaluation itself are decided
// here once and cannot disagree between the two entry points.

// AsOf is the instant a selection is judged at: the start of now's UTC day.
//
// Why the day and not the instant: Terraform plans again during apply, in a
// new process and possibly hours later, and a saved plan must see the same
// verdicts (a key that turns 91 days old at 14:00 must not fail an apply of a
// plan made at 09:00 with "inconsistent final plan"). Both entry points use
// it, so a key is judged the same way by openai_posture_check and
// openai_posture_findings at every time of day.
func AsOf(now time.Time) time.Time { return now.UTC().Truncate(24 * time.Hour) }

// Selection is what to evaluate: the rules (checks with their parameters,
// waivers and enforcement) and the wall-clock time of the evaluation.
type Selection struct {
	Rules []Rule
	// Now is when the evaluation runs; findings are judged as of AsOf(Now).
	Now time.Time
}

// DataRequest is what a Source must read for a selection: the collections
// its checks declare, the audit log window and tenant-scoped event types they
// declare, and the as-of instant the window counts back from.
type DataRequest struct {
	Collections []CollectionID
	Audit       AuditNeed
	// ConversationDays is how many whole days back (from the start of
	// AsOf's UTC day) conversations must be read; 0 means the whole history.
	ConversationDays int
	AsOf             time.Time
	// Content is what the DLP content checks read (file text, memories).
	Content ContentNeed
}

// Needs reports whether the request includes collection id.
func (r DataRequest) Needs(id CollectionID) bool {
	for _, c := range r.Collections {
		if c == id {
			return true
		}
	}
	return false
}

// Source reads the organization for a request. Implementations do the I/O
// (internal/snapshot); this package never does. A collection that cannot be
// read is recorded in the Snapshot as unreadable, never left empty: the
// checks that need it then fail closed.
type Source interface {
	Snapshot(ctx context.Context, req DataRequest) Snapshot
}

// Request returns what sel's checks read, as declared by each check.
func (sel Selection) Request() DataRequest {
	return DataRequest{Collections: Needs(sel.Rules), Audit: AuditNeeds(sel.Rules),
		ConversationDays: ConversationWindowDays(sel.Rules), AsOf: AsOf(sel.Now), Content: ContentNeeds(sel.Rules)}
}

// Run reads what sel needs from src and evaluates every rule as of
// AsOf(sel.Now). Result.GeneratedAt is that as-of instant, so reports of an
// unchanged posture are identical all day.
func Run(ctx context.Context, src Source, sel Selection) Result {
	req := sel.Request()
	snap := src.Snapshot(ctx, req)
	// The source must not choose the clock: the as-of instant is decided here.
	snap.Now = req.AsOf
	return Evaluate(snap, sel.Rules)
}
