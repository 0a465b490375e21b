package posture

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Waiver accepts a finding for a while, with a reason. It is the reviewed,
// expiring exception of a baseline: the justification and expiry are the
// audit trail.
type Waiver struct {
	// Subject matches a finding's subject id, name or email,
	// case-insensitively; "*" matches any run of characters.
	Subject string
	// Justification is required and non-empty.
	Justification string
	// Expires is required: a date "YYYY-MM-DD" (valid through the end of
	// that day, UTC) or an RFC 3339 timestamp.
	Expires string
}

// ParseWaiverExpiry parses a waiver expiry and returns the first instant at
// which the waiver no longer applies. A date is valid through its whole day
// in UTC, so "2026-06-30" stops suppressing at 2026-07-01T00:00:00Z.
func ParseWaiverExpiry(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("expires is required (YYYY-MM-DD or RFC 3339)")
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d.AddDate(0, 0, 1), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("expires %q is not a date (YYYY-MM-DD) or an RFC 3339 timestamp (2006-01-02T15:04:05Z)", s)
	}
	return t, nil
}

// validate returns errors naming the offending field; i is the waiver's
// index for messages.
func (w Waiver) validate(checkID string, i int) []error {
	var errs []error
	where := fmt.Sprintf("check %s waiver %d", checkID, i)
	if strings.TrimSpace(w.Subject) == "" {
		errs = append(errs, fmt.Errorf("%s: subject is required (an id, name or email; * is a wildcard)", where))
	}
	if strings.TrimSpace(w.Justification) == "" {
		errs = append(errs, fmt.Errorf("%s (subject %q): justification is required and must not be empty", where, w.Subject))
	}
	if _, err := ParseWaiverExpiry(w.Expires); err != nil {
		errs = append(errs, fmt.Errorf("%s (subject %q): %v", where, w.Subject, err))
	}
	return errs
}

// matches reports whether the waiver's subject matches the finding.
func (w Waiver) matches(f Finding) bool {
	re := subjectPattern(w.Subject)
	for _, s := range []string{f.SubjectID, f.SubjectName, f.SubjectEmail} {
		if s != "" && re.MatchString(s) {
			return true
		}
	}
	return false
}

func subjectPattern(subject string) *regexp.Regexp {
	parts := strings.Split(strings.TrimSpace(subject), "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("(?is)^" + strings.Join(parts, ".*") + "$")
}

// applyWaivers sets the waiver fields of each finding and returns warnings
// for waivers that matched nothing. An unexpired matching waiver suppresses;
// if only expired ones match, the finding says when the latest expired.
func applyWaivers(findings []Finding, waivers []Waiver, now time.Time, checkID string) []string {
	used := make([]bool, len(waivers))
	for fi := range findings {
		f := &findings[fi]
		var expired *Waiver
		var expiredAt time.Time
		for wi := range waivers {
			w := waivers[wi]
			until, err := ParseWaiverExpiry(w.Expires)
			if err != nil || !w.matches(*f) {
				continue
			}
			used[wi] = true
			if now.Before(until) {
				f.Waived, f.WaiverExpired = true, false
				f.WaiverJustification, f.WaiverExpires = w.Justification, w.Expires
				break
			}
			if expired == nil || until.After(expiredAt) {
				expired, expiredAt = &waivers[wi], until
			}
		}
		if !f.Waived && expired != nil {
			f.WaiverExpired = true
			f.WaiverJustification, f.WaiverExpires = expired.Justification, expired.Expires
		}
	}
	var warnings []string
	for wi, w := range waivers {
		if !used[wi] && len(w.validate(checkID, wi)) == 0 {
			warnings = append(warnings, fmt.Sprintf("check %s: waiver for %q matches no finding (stale waiver; remove it)", checkID, w.Subject))
		}
	}
	return warnings
}
