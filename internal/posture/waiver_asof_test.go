package posture

import (
	"context"
	"testing"
	"time"
)

// A waiver written with a time of day must not keep suppressing for the rest
// of that day because checks are judged as of the day's start (red-team find).
func TestTimedWaiverDoesNotOutliveItsExpiry(t *testing.T) {
	created := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	src := &recordingSource{snap: Snapshot{AdminAPIKeys: Loaded(AdminAPIKey{ID: "key_a", CreatedAt: &created, LastUsedAt: &created})}}
	rule := Rule{CheckID: "admin_key_rotation", Waivers: []Waiver{{Subject: "key_a", Justification: "migration", Expires: "2026-12-01T00:00:01Z"}}}
	res := Run(context.Background(), src, Selection{Rules: []Rule{rule}, Now: time.Date(2026, 12, 1, 23, 0, 0, 0, time.UTC)})
	f := res.Findings()
	if len(f) != 1 || f[0].Waived || !f[0].WaiverExpired {
		t.Fatalf("23 hours after its expiry the waiver must no longer suppress: %+v", f)
	}
	until, err := ParseWaiverExpiry("2026-12-01T18:00:00+02:00")
	if err != nil || !until.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("an RFC 3339 expiry ends at the start of its UTC day, got %s %v", until, err)
	}
}

// Red-team finds: a Kelvin sign must not fold to k; a wildcard that waives
// every subject is flagged; two events sharing an id cannot hide the risky one.
func TestWaiverAndAuditDedupHardening(t *testing.T) {
	f := Finding{SubjectID: "key_a"}
	if (Waiver{Subject: "\u212Aey_a", Justification: "x", Expires: "2027-01-01"}).matches(f) {
		t.Error("a Kelvin sign matched k")
	}
	if !(Waiver{Subject: "KEY_A", Justification: "x", Expires: "2027-01-01"}).matches(f) {
		t.Error("ASCII case must still fold")
	}
	findings := []Finding{{SubjectID: "key_a"}, {SubjectID: "key_b"}}
	warnings := applyWaivers(findings, []Waiver{{Subject: "k*", Justification: "x", Expires: "2027-01-01"}}, testNow, "admin_key_rotation")
	if len(warnings) != 1 || !findingsAllWaived(findings) {
		t.Fatalf("want one broad-wildcard warning, got %v", warnings)
	}
	at := testNow.Add(-time.Hour)
	snap := emptySnapshot()
	snap.Now = testNow
	snap.AuditLogs = Loaded(AuditEvent{ID: "audit_1", Type: "login.succeeded", EffectiveAt: &at}, AuditEvent{ID: "audit_1", Type: "scim.disabled", EffectiveAt: &at})
	rr := EvaluateRule(snap, Rule{CheckID: "risky_admin_events"})
	found := false
	for _, f := range rr.Findings {
		found = found || f.SubjectName == "scim.disabled"
	}
	if !found {
		t.Fatalf("scim.disabled hidden behind a login with the same id: %+v %v", rr.Findings, rr.Errors)
	}
}

func findingsAllWaived(fs []Finding) bool { return allWaived(fs) }
