package posture

import (
	"context"
	"testing"
	"time"
)

// recordingSource serves a fixed snapshot and records what it was asked.
type recordingSource struct {
	snap Snapshot
	reqs []DataRequest
}

func (s *recordingSource) Snapshot(_ context.Context, req DataRequest) Snapshot {
	s.reqs = append(s.reqs, req)
	out := s.snap
	out.Now = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) // Run must not trust the source's clock
	return out
}

func TestAsOfIsTheStartOfTheUTCDay(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, now := range []time.Time{
		day.Add(time.Second), day.Add(12 * time.Hour), day.Add(24*time.Hour - time.Second),
		time.Date(2026, 12, 1, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600)).Add(-5 * time.Hour), // 2026-12-01 23:30 UTC
	} {
		if got := AsOf(now); !got.Equal(day) {
			t.Errorf("AsOf(%s) = %s, want %s", now.UTC(), got, day)
		}
	}
}

// A key that turns older than max_age_days during the day is judged the same
// way all day: at the start of the day it was not yet too old.
func TestRunJudgesAsOfTheDayWhateverTheTime(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	created := day.Add(-90*24*time.Hour + 6*time.Hour) // 90 days old at 06:00
	snap := Snapshot{AdminAPIKeys: Loaded(AdminAPIKey{ID: "key_a", Name: "a", CreatedAt: &created, LastUsedAt: &created})}
	src := &recordingSource{snap: snap}
	rules := []Rule{{CheckID: "admin_key_rotation", Params: Params{"max_age_days": IntValue(89)}}}

	// Judged at the instant, the verdict flips during the day: that is what
	// the as-of rule prevents.
	late := snap
	late.Now = day.Add(24*time.Hour - time.Second)
	if rr := EvaluateRule(late, rules[0]); len(rr.Findings) != 1 {
		t.Fatalf("precondition: at 23:59:59 the key is 90 days old and must be flagged, got %+v", rr.Findings)
	}
	for _, now := range []time.Time{day.Add(time.Second), day.Add(12 * time.Hour), day.Add(24*time.Hour - time.Second)} {
		res := Run(context.Background(), src, Selection{Rules: rules, Now: now})
		if !res.GeneratedAt.Equal(day) {
			t.Fatalf("GeneratedAt %s, want %s", res.GeneratedAt, day)
		}
		if got := res.Findings(); len(got) != 0 || len(res.Errors()) != 0 {
			t.Fatalf("at %s: want the start-of-day verdict (no finding), got %+v %v", now, got, res.Errors())
		}
	}
}

func TestRunAsksForWhatTheChecksDeclare(t *testing.T) {
	src := &recordingSource{}
	now := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	Run(context.Background(), src, Selection{Now: now, Rules: []Rule{
		{CheckID: "admin_key_rotation"},
		{CheckID: "risky_admin_events", Params: Params{"lookback_days": IntValue(200)}},
	}})
	if len(src.reqs) != 1 {
		t.Fatalf("want one snapshot request, got %d", len(src.reqs))
	}
	req := src.reqs[0]
	for _, id := range []CollectionID{CollectionAdminAPIKeys, CollectionAuditLogs, CollectionTenantAuditLogs} {
		if !req.Needs(id) {
			t.Errorf("request lacks %s: %v", id, req.Collections)
		}
	}
	if req.Needs(CollectionGPTs) {
		t.Errorf("request asks for GPTs no rule reads: %v", req.Collections)
	}
	if req.Audit.Days != 200 || len(req.Audit.TenantEventTypes) == 0 {
		t.Errorf("audit need %+v, want 200 days and the tenant-scoped risky types", req.Audit)
	}
	if !req.AsOf.Equal(AsOf(now)) {
		t.Errorf("as-of %s, want %s", req.AsOf, AsOf(now))
	}
}

func TestSeverityAtLeast(t *testing.T) {
	if !SeverityHigh.AtLeast(SeverityMedium) || SeverityLow.AtLeast(SeverityMedium) || !SeverityCritical.AtLeast(SeverityCritical) {
		t.Fatal("severity ranking wrong")
	}
	if Severity("bogus").AtLeast(SeverityLow) {
		t.Fatal("an unknown severity must rank below low")
	}
	if _, err := ParseSeverity("High"); err == nil {
		t.Fatal("severities are lower case; a wrong spelling must be an error naming the choices")
	}
}
