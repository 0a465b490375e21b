package posture

import (
	"fmt"
	"sort"
	"time"
)

// Result is the evaluation of a baseline against a snapshot.
type Result struct {
	// GeneratedAt is the snapshot's Now.
	GeneratedAt time.Time
	// Rules are in check id order (declaration order among equal ids).
	Rules []RuleResult
}

// RuleResult is the outcome of one rule.
type RuleResult struct {
	CheckID     string
	Title       string
	Severity    Severity
	Enforcement string
	// Findings are sorted by subject id, then sub-key. Waived findings are
	// included with Waived set.
	Findings []Finding
	// Errors are data the check could not read (it failed closed) or an
	// invalid rule. A rule with errors has not passed.
	Errors   []DataError
	Warnings []string
}

// Unwaived returns the findings no waiver suppresses.
func (r RuleResult) Unwaived() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if !f.Waived {
			out = append(out, f)
		}
	}
	return out
}

// Passed reports whether the rule has no errors and no unwaived findings.
func (r RuleResult) Passed() bool { return len(r.Errors) == 0 && len(r.Unwaived()) == 0 }

// Evaluate runs every rule against snap. It never panics on bad input: an
// invalid rule, a zero snap.Now or unreadable data become per-rule errors.
func Evaluate(snap Snapshot, rules []Rule) Result {
	ordered := append([]Rule{}, rules...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].CheckID < ordered[j].CheckID })
	res := Result{GeneratedAt: snap.Now}
	for _, r := range ordered {
		res.Rules = append(res.Rules, EvaluateRule(snap, r))
	}
	return res
}

// EvaluateRule runs one rule against snap.
func EvaluateRule(snap Snapshot, rule Rule) RuleResult {
	c, ok := LookupCheck(rule.CheckID)
	if !ok {
		return RuleResult{CheckID: rule.CheckID, Enforcement: rule.enforcement(),
			Errors: []DataError{{CheckID: rule.CheckID, Cause: unknownCheck(rule.CheckID).Error()}}}
	}
	rr := RuleResult{CheckID: c.ID, Title: c.Title, Severity: c.Severity, Enforcement: rule.enforcement()}
	warnings, errs := ValidateRuleAt(rule, snap.Now)
	rr.Warnings = warnings
	if len(errs) > 0 {
		for _, err := range errs {
			rr.Errors = append(rr.Errors, DataError{CheckID: c.ID, Cause: "invalid rule: " + err.Error()})
		}
		return rr
	}
	if snap.Now.IsZero() {
		rr.Errors = append(rr.Errors, DataError{CheckID: c.ID, Cause: "the snapshot has no evaluation time (Now); ages and waiver expiry cannot be judged"})
		return rr
	}
	params, _, _ := resolveParams(&c, rule.Params)
	e := &evalContext{check: &c, snap: &snap, params: params}
	c.run(e)
	rr.Errors = append(rr.Errors, e.errors...)
	rr.Warnings = append(rr.Warnings, e.warnings...)

	findings := e.findings
	dedupeFingerprints(c.ID, findings)
	for i := range findings {
		f := &findings[i]
		f.CheckID, f.Severity, f.Enforcement, f.Remediation = c.ID, c.Severity, rr.Enforcement, c.Remediation
	}
	sortFindings(findings)
	rr.Warnings = append(rr.Warnings, applyWaivers(findings, rule.Waivers, snap.Now, c.ID)...)
	rr.Findings = findings
	return rr
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		if a.SubjectID != b.SubjectID {
			return a.SubjectID < b.SubjectID
		}
		return a.SubKey < b.SubKey
	})
}

// Findings returns every finding of every rule, sorted by check id, subject
// id and sub-key.
func (r Result) Findings() []Finding {
	var out []Finding
	for _, rr := range r.Rules {
		out = append(out, rr.Findings...)
	}
	sortFindings(out)
	return out
}

// Errors returns every rule error.
func (r Result) Errors() []DataError {
	var out []DataError
	for _, rr := range r.Rules {
		out = append(out, rr.Errors...)
	}
	return out
}

// Warnings returns every rule warning.
func (r Result) Warnings() []string {
	var out []string
	for _, rr := range r.Rules {
		out = append(out, rr.Warnings...)
	}
	return out
}

// Failed reports whether a plan should fail: a rule with enforcement "error"
// has an unwaived finding, or any rule could not be evaluated.
func (r Result) Failed() bool {
	for _, rr := range r.Rules {
		if len(rr.Errors) > 0 || (rr.Enforcement == EnforcementError && len(rr.Unwaived()) > 0) {
			return true
		}
	}
	return false
}

// duplicateSeparator starts the suffix dedupeFingerprints gives a repeated
// identity. A NUL cannot be typed into a name in the ChatGPT or platform
// UI, so an owner cannot choose a sub-key that reads like our suffix
// (a file literally named "key.pem#2" once could); dedupeFingerprints also
// checks that each suffixed fingerprint is unused, so even a NUL in API data
// cannot make two findings share one.
const duplicateSeparator = "\x00#"

// dedupeFingerprints sets each finding's Fingerprint. Two findings with one
// identity (duplicate ids in API data, two files of one name) would collide
// in state and share a waiver; every one after the first gets the sub-key
// suffix duplicateSeparator+n, with the smallest n whose fingerprint no
// other finding has, so a suffixed identity can never take one that a
// finding holds as reported (which an accepted waiver may name).
func dedupeFingerprints(checkID string, findings []Finding) {
	taken := make(map[string]bool, len(findings))
	for i := range findings {
		f := &findings[i]
		f.Fingerprint = Fingerprint(checkID, f.SubjectID, f.SubKey)
		taken[f.Fingerprint] = true
	}
	first := make(map[string]bool, len(findings))
	for i := range findings {
		f := &findings[i]
		if !first[f.Fingerprint] {
			first[f.Fingerprint] = true
			continue
		}
		// Bounded: each n either is free or is held by one of the
		// findings (as reported or suffixed), so at most 2*len(findings)+1 tries.
		for n := 2; n <= 2*len(findings)+2; n++ {
			key := fmt.Sprintf("%s%s%d", f.SubKey, duplicateSeparator, n)
			if fp := Fingerprint(checkID, f.SubjectID, key); !taken[fp] {
				f.SubKey, f.Fingerprint = key, fp
				taken[fp] = true
				break
			}
		}
	}
}
