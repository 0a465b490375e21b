package posture

import (
	"fmt"
	"time"
)

// evalContext is what a check's run function sees: the snapshot, its resolved
// parameters, and sinks for findings and data errors.
type evalContext struct {
	check    *Check
	snap     *Snapshot
	params   resolvedParams
	findings []Finding
	errors   []DataError
	warnings []string
}

func (e *evalContext) now() time.Time { return e.snap.Now }

// need records a DataError and returns false unless the collection was read.
// Checks call it before touching a collection: that is what makes them fail
// closed.
func (e *evalContext) need(id CollectionID, r readable) bool {
	return e.needFor(id, "", r)
}

// needFor is need for a per-project or per-GPT collection; owner fills the
// endpoint's placeholder.
func (e *evalContext) needFor(id CollectionID, owner string, r readable) bool {
	s := r.state()
	if s.loaded {
		return true
	}
	e.errors = append(e.errors, newDataError(e.check.ID, id, owner, s))
	return false
}

// fail records an error that is not about a collection (for example a
// snapshot without Now).
func (e *evalContext) fail(format string, args ...any) {
	e.errors = append(e.errors, DataError{CheckID: e.check.ID, Cause: fmt.Sprintf(format, args...)})
}

// report records a finding; Evaluate fills in check id, severity,
// remediation, enforcement, fingerprint and waiver state.
func (e *evalContext) report(f Finding) {
	if f.SubjectKind == "" {
		f.SubjectKind = e.check.SubjectKind
	}
	e.findings = append(e.findings, f)
}

// ageDays is the number of whole days from t to now (negative in the future).
func (e *evalContext) ageDays(t time.Time) int64 {
	return int64(e.now().Sub(t) / (24 * time.Hour))
}

// futureTolerance is how far past the evaluation time a timestamp may lie
// before it is implausible. Checks judge as of the start of the UTC day, so
// data read later that day is legitimately up to a day "ahead"; one more day
// absorbs clock skew between the API and this machine.
const futureTolerance = 48 * time.Hour

// implausibleFuture reports whether t lies in the future beyond
// futureTolerance. A date that decides a pass (an age, a last use, a grace
// period) cannot be trusted then: a clock error or tampered data would
// otherwise make anything look new.
func (e *evalContext) implausibleFuture(t *time.Time) bool {
	return t != nil && t.After(e.now().Add(futureTolerance))
}

// futureObserved says which timestamp was implausible.
func futureObserved(field string, t time.Time) string {
	return fmt.Sprintf("%s %s is in the future: implausible (more than %d hours after the evaluation time)", field, t.UTC().Format(time.RFC3339), int(futureTolerance/time.Hour))
}

func date(t time.Time) string { return t.UTC().Format("2006-01-02") }

func plural(n int64, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func days(n int64) string { return plural(n, "day", "days") }

// activeProjects yields the projects that are not archived; key, tool and
// retention checks skip archived projects, which cannot be used (their keys
// are the business of archived_project_keys).
func activeProjects(ps []Project) []Project {
	var out []Project
	for _, p := range ps {
		if !p.Archived() {
			out = append(out, p)
		}
	}
	return out
}
