package posture

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// What a waiver's Subject is compared with (Waiver.Match).
const (
	// WaiverMatchID compares the finding's subject id: an identifier the
	// API assigns, which the subject's owner cannot choose. The default.
	WaiverMatchID = "id"
	// WaiverMatchName compares the subject's display name. Weaker: whoever
	// owns a GPT, key or project chooses its name, so a renamed subject can
	// take over another one's waiver.
	WaiverMatchName = "name"
	// WaiverMatchEmail compares the subject's email (a user's, an invite's,
	// or the owner's email of a GPT or key).
	WaiverMatchEmail = "email"
)

// WaiverMatchChoices are the valid values of Waiver.Match (empty means id).
var WaiverMatchChoices = []string{WaiverMatchID, WaiverMatchName, WaiverMatchEmail}

// DefaultMaxWaiverDays is the longest a waiver may run, counted from the
// as-of date, when Rule.MaxWaiverDays is 0.
const DefaultMaxWaiverDays = 365

// MaxWaiverDaysLimit is the largest accepted Rule.MaxWaiverDays (ten years).
const MaxWaiverDaysLimit = 3650

// Waiver accepts a finding for a while, with a reason. It is the reviewed,
// expiring exception of a baseline: the justification and expiry are the
// audit trail.
type Waiver struct {
	// Subject is compared with the field Match names, case-insensitively;
	// "*" matches any run of characters. A subject of only "*" is rejected:
	// it would waive every finding of the check.
	Subject string
	// Match is "id" (the default when empty), "name" or "email".
	Match string
	// Justification is required and non-empty.
	Justification string
	// Expires is required: a date "YYYY-MM-DD" (valid through the end of
	// that day, UTC) or an RFC 3339 timestamp.
	Expires string
	// Finding, when set, is the fingerprint (Finding.Fingerprint: 32
	// lowercase hex digits) of the one finding the waiver accepts; the
	// subject must still match too. Without it a waiver accepts every
	// finding of its subject, including violations that appear after the
	// waiver was reviewed (a new external recipient of an accepted GPT).
	// The adoption baseline always sets it, so new violations fail.
	Finding string
}

// fingerprintPattern is the form of Finding.Fingerprint.
var fingerprintPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (w Waiver) match() string {
	if strings.TrimSpace(w.Match) == "" {
		return WaiverMatchID
	}
	return strings.ToLower(strings.TrimSpace(w.Match))
}

// ParseWaiverExpiry parses a waiver expiry and returns the first instant at
// which the waiver no longer applies. A date is valid through its whole day
// in UTC, so "2026-06-30" stops suppressing at 2026-07-01T00:00:00Z. An RFC
// 3339 timestamp stops suppressing at the start of its UTC day: checks are
// judged as of the start of the day (posture.AsOf), so a waiver that ran
// until the instant would keep suppressing for up to a day after it.
func ParseWaiverExpiry(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("expires is required (YYYY-MM-DD or RFC 3339)")
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return checkExpiryYear(s, d.AddDate(0, 0, 1))
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("expires %q is not a date (YYYY-MM-DD) or an RFC 3339 timestamp (2006-01-02T15:04:05Z)", s)
	}
	return checkExpiryYear(s, t.UTC().Truncate(24*time.Hour))
}

// wellKnownIDPrefixes are the prefixes the APIs give ids of one kind (GPTs
// "g-", projects "g-p-" and "proj_", users "user-", keys "key_", files
// "file-", ...). A pattern whose only text is one of them, with or without
// its separator ("g-*", "*user-*", "key*"), matches every subject of that
// kind. Shorter patterns ("k*") are only warned about when they waive every
// finding (applyWaivers).
var wellKnownIDPrefixes = []string{"g-p-", "g-", "user-", "user_", "key_", "proj_", "file-", "file_", "org-", "invite-", "svcacct_", "group_", "group-", "account-", "conv-", "conv_", "ws-"}

// idPrefixWildcard reports whether a wildcard subject's only text (with "*"
// removed) is a well-known id prefix, with or without its separator: it
// waives as much as "*" alone.
func idPrefixWildcard(subject string) bool {
	if !strings.Contains(subject, "*") {
		return false
	}
	text := asciiLower(strings.ReplaceAll(subject, "*", ""))
	for _, p := range wellKnownIDPrefixes {
		if text == p || text == strings.TrimRight(p, "-_") {
			return true
		}
	}
	return false
}

// validate returns errors naming the offending field; i is the waiver's
// index for messages.
func (w Waiver) validate(checkID string, i int) []error {
	var errs []error
	where := fmt.Sprintf("check %s waiver %d", checkID, i)
	subject := strings.TrimSpace(w.Subject)
	switch {
	case subject == "":
		errs = append(errs, ruleErrorf(waiverPath(i, "subject"), "%s: subject is required (an id, or a name or email with match; * is a wildcard)", where))
	case !utf8.ValidString(subject):
		errs = append(errs, ruleErrorf(waiverPath(i, "subject"), "%s: subject %q is not valid UTF-8", where, w.Subject))
	case strings.Trim(subject, "*") == "":
		errs = append(errs, ruleErrorf(waiverPath(i, "subject"), "%s: subject %q would waive every finding of the check; name the subject (an id such as \"key_abc\", or a pattern such as \"g-team*\")", where, w.Subject))
	case sameWord(w.match(), WaiverMatchID) && idPrefixWildcard(subject):
		errs = append(errs, ruleErrorf(waiverPath(i, "subject"), "%s: subject %q matches every id of its kind, like \"*\", so it would waive every finding of the check; name the subject (an id such as \"key_abc\", or a pattern with more than the id prefix such as \"g-team*\")", where, w.Subject))
	}
	if !containsFold(WaiverMatchChoices, w.match()) {
		errs = append(errs, ruleErrorf(waiverPath(i, "match"), "%s (subject %q): match %q is not valid; valid: %s (default id)", where, w.Subject, w.Match, strings.Join(WaiverMatchChoices, ", ")))
	}
	if strings.TrimSpace(w.Justification) == "" {
		errs = append(errs, ruleErrorf(waiverPath(i, "justification"), "%s (subject %q): justification is required and must not be empty", where, w.Subject))
	}
	if _, err := ParseWaiverExpiry(w.Expires); err != nil {
		errs = append(errs, ruleErrorf(waiverPath(i, "expires"), "%s (subject %q): %v", where, w.Subject, err))
	}
	if w.Finding != "" && !fingerprintPattern.MatchString(w.Finding) {
		errs = append(errs, ruleErrorf(waiverPath(i, "finding"), "%s (subject %q): finding %q is not a finding fingerprint; it must be exactly 32 lowercase hexadecimal characters (0-9, a-f), as in the keys of accepted_findings or the SARIF partial fingerprint", where, w.Subject, w.Finding))
	}
	return errs
}

// placeholderWarning is a warning when the waiver's justification is still
// the baseline's placeholder, or "". Only a warning: the adoption flow merges
// the rendered baseline first and replaces the placeholders in review, and
// failing on them would make day one fail.
func (w Waiver) placeholderWarning(checkID string, i int) string {
	if strings.TrimSpace(w.Justification) != BaselineJustification {
		return ""
	}
	return fmt.Sprintf("check %s waiver %d (subject %q): the justification is still the baseline placeholder %q; replace it with why the finding is accepted, who owns the fix and the ticket tracking it", checkID, i, w.Subject, BaselineJustification)
}

// validateLength rejects an expiry more than maxDays after the as-of date
// (the waiver may run through the end of that day). maxDays is already
// resolved (never 0).
func (w Waiver) validateLength(checkID string, i int, asOf time.Time, maxDays int) error {
	day := asOf.UTC().Truncate(24 * time.Hour)
	limit := day.AddDate(0, 0, maxDays+1)
	// An expiry that does not parse is validate's error, not this one's.
	if until, err := ParseWaiverExpiry(w.Expires); err == nil && until.After(limit) {
		return ruleErrorf(waiverPath(i, "expires"), "check %s waiver %d (subject %q): expires %s is more than %d days after %s; the maximum waiver length is %d days (provider attribute max_waiver_days)",
			checkID, i, w.Subject, strings.TrimSpace(w.Expires), maxDays, date(day), maxDays)
	}
	return nil
}

// matches reports whether the waiver's subject matches the finding's field
// that Match names and, when the waiver names a finding, the finding's
// fingerprint is that one. Only an exact Match choice matches anything.
func (w Waiver) matches(f Finding) bool {
	if w.Finding != "" && w.Finding != f.Fingerprint {
		return false
	}
	var s string
	switch w.match() {
	case WaiverMatchID:
		s = f.SubjectID
	case WaiverMatchName:
		s = f.SubjectName
	case WaiverMatchEmail:
		s = f.SubjectEmail
	default:
		return false
	}
	if s == "" {
		return false
	}
	re, err := subjectPattern(w.Subject)
	return err == nil && re.MatchString(asciiLower(s))
}

// asciiLower folds only A-Z. Waiver matching is case-insensitive for ASCII
// alone: Unicode folding would let a subject written with look-alikes (the
// Kelvin sign K folds to k) match ids its author never typed.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// subjectPattern compiles a waiver subject; it fails only on invalid UTF-8,
// which validate rejects.
func subjectPattern(subject string) (*regexp.Regexp, error) {
	parts := strings.Split(asciiLower(strings.TrimSpace(subject)), "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.Compile("(?s)^" + strings.Join(parts, ".*") + "$")
}

// applyWaivers sets the waiver fields of each finding and returns warnings
// for waivers that matched nothing. An unexpired matching waiver suppresses;
// if only expired ones match, the finding says when the latest expired.
// Invalid waivers never match.
func applyWaivers(findings []Finding, waivers []Waiver, now time.Time, checkID string) []string {
	used := make([]bool, len(waivers))
	// suppressed counts, per waiver, the distinct subjects it waived.
	suppressed := make([]map[string]bool, len(waivers))
	valid := make([]bool, len(waivers))
	for wi, w := range waivers {
		valid[wi] = len(w.validate(checkID, wi)) == 0
	}
	for fi := range findings {
		f := &findings[fi]
		var expired *Waiver
		var expiredAt time.Time
		for wi := range waivers {
			w := waivers[wi]
			if !valid[wi] || !w.matches(*f) {
				continue
			}
			until, _ := ParseWaiverExpiry(w.Expires)
			used[wi] = true
			if now.Before(until) {
				if suppressed[wi] == nil {
					suppressed[wi] = map[string]bool{}
				}
				suppressed[wi][f.SubjectID] = true
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
		if !used[wi] && valid[wi] {
			what := fmt.Sprintf("%q", w.Subject)
			if w.Finding != "" {
				what += " (finding " + w.Finding + ")"
			}
			warnings = append(warnings, fmt.Sprintf("check %s: waiver for %s matches no finding (stale waiver; remove it)", checkID, what))
		}
		// A wildcard that waives every subject of the check is a
		// disabled check in disguise: a new violation would be waived too.
		if n := len(suppressed[wi]); n >= 2 && strings.Contains(w.Subject, "*") && allWaived(findings) {
			warnings = append(warnings, fmt.Sprintf("check %s: waiver for %q waives every finding (%d subjects); a wildcard this broad also waives every new violation: name the subjects instead", checkID, w.Subject, n))
		}
	}
	return warnings
}

// allWaived reports whether every finding is waived.
func allWaived(findings []Finding) bool {
	for _, f := range findings {
		if !f.Waived {
			return false
		}
	}
	return true
}

// checkExpiryYear refuses expiries before 1970: no waiver is written for
// then, and year 0 would come back as Go's zero time, which callers read as
// "no expiry".
func checkExpiryYear(s string, until time.Time) (time.Time, error) {
	if until.Year() < 1970 {
		return time.Time{}, fmt.Errorf("expires %q is before 1970; write the date the waiver ends (YYYY-MM-DD)", s)
	}
	return until, nil
}
