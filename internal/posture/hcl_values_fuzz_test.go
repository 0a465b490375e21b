package posture

import (
	"strings"
	"testing"
	"time"
)

// Fuzz targets for the parsers of HCL-facing values: waiver expiry dates,
// file patterns, domains and waiver subjects. Seeds run as normal tests.

func FuzzParseWaiverExpiry(f *testing.F) {
	for _, s := range []string{"2026-06-30", "2026-13-45", "next week", "", " 2026-01-01 ", "2026-06-30T00:00:00Z",
		"2026-06-30T00:00:00+25:00", "0000-01-01", "9999-12-31", "2026-02-29", "2024-02-29T23:59:60Z", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		until, err := ParseWaiverExpiry(s)
		if err != nil {
			if !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Fatalf("the error does not say what is accepted: %v", err)
			}
			return
		}
		if until.IsZero() {
			t.Fatalf("%q parsed to the zero time", s)
		}
		// A waiver validated with this expiry must not panic either, and a
		// valid expiry is never an error.
		w := Waiver{Subject: "x", Justification: "j", Expires: s}
		if errs := w.validate("admin_key_rotation", 0); len(errs) > 0 {
			t.Fatalf("ParseWaiverExpiry accepts %q but validate rejects it: %v", s, errs)
		}
	})
}

func FuzzFilePattern(f *testing.F) {
	for _, s := range []string{"*.pem", "re:(?i)salar(y|ies)", "id_rsa*", "re:(", "re:", "?", "[", "*payroll*", "re:a{1000}{1000}", "\xff*"} {
		f.Add(s, "secrets/server.pem")
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		p, err := compilePattern(pattern)
		if err != nil {
			if !strings.Contains(err.Error(), "pattern") {
				t.Fatalf("the error does not name the pattern: %v", err)
			}
			return
		}
		_ = p.match(name)
		if !strings.HasPrefix(pattern, regexPrefix) && !strings.ContainsAny(pattern, "*?") && !p.match(pattern) {
			t.Fatalf("the literal glob %q does not match itself", pattern)
		}
	})
}

func FuzzDomains(f *testing.F) {
	for _, s := range []string{"example.com", "*.example.com", "", "*", "https://api.example.com/x", "EXAMPLE.com.", "*.*.com", "a..b"} {
		f.Add(s, "api.example.com")
	}
	f.Fuzz(func(t *testing.T, domain, host string) {
		v := ListValue(domain)
		if err := validateDomains(v); err != nil {
			return
		}
		_ = domainAllowed([]string{domain}, host)
		_ = domainAllowed([]string{domain}, hostOf(host))
		_ = emailDomain(host)
	})
}

// FuzzRuleValidation: any rule as HCL could write it (check id, one int and
// one string parameter, enforcement, one waiver) validates and evaluates
// without panicking, and an invalid rule never passes.
func FuzzRuleValidation(f *testing.F) {
	f.Add("admin_key_rotation", "max_age_days", int64(90), "", "error", "key_1", "", "reviewed", "2099-01-01", 0)
	f.Add("owner_count", "min_owners", int64(5), "scope", "warn", "", "name", "", "next week", 30)
	f.Add("admin_key_rotaton", "x", int64(-1), "y", "fatal", "*", "email", "j", "2020-01-01", -1)
	f.Add("dlp_gpt_file", "patterns", int64(0), "re:(", "", "g-1", "owner", "j", "2026-13-45", 5000)
	f.Add("spend_limit", "max_monthly_usd", int64(0), "", "", " *** ", "id", "j", "2026-06-30", 0)
	f.Fuzz(func(t *testing.T, check, intParam string, n int64, strParam, enforcement, subject, match, justification, expires string, maxDays int) {
		params := Params{intParam: IntValue(n)}
		if strParam != "" {
			params[strParam] = StringValue(strParam)
		}
		w := Waiver{Subject: subject, Match: match, Justification: justification, Expires: expires}
		rule := Rule{CheckID: check, Params: params, Enforcement: enforcement, MaxWaiverDays: maxDays, Waivers: []Waiver{w}}
		_, errs := ValidateRuleAt(rule, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		for _, err := range errs {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
		}
		rr := EvaluateRule(Snapshot{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, rule)
		if rr.Passed() {
			// An empty snapshot has nothing loaded: every check must fail
			// closed, valid rule or not.
			t.Fatalf("rule %+v passed on a snapshot with no data", rule)
		}
		if len(errs) > 0 && len(rr.Errors) == 0 {
			t.Fatalf("an invalid rule evaluated without errors: %v", errs)
		}
		// A waiver that is only wildcards, or names an unknown match, is
		// never valid and never suppresses anything.
		werrs := w.validate("spend_limit", 0)
		if strings.Trim(strings.TrimSpace(subject), "*") == "" && len(werrs) == 0 {
			t.Fatalf("catch-all subject %q validated", subject)
		}
		fs := []Finding{{SubjectID: subject, SubjectName: subject, SubjectEmail: subject}}
		_ = applyWaivers(fs, []Waiver{w}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "spend_limit")
		if len(werrs) > 0 && (fs[0].Waived || fs[0].WaiverExpired) {
			t.Fatalf("an invalid waiver was applied: %+v", w)
		}
	})
}

// FuzzWaiverMatch: an id waiver never matches on the name or email a
// subject's owner chooses, whatever the subject pattern.
func FuzzWaiverMatch(f *testing.F) {
	f.Add("g-PressKit", "g-Evil", "g-PressKit")
	f.Add("g-*", "x", "g-1")
	f.Add("*@example.com", "u1", "a@example.com")
	f.Fuzz(func(t *testing.T, subject, id, name string) {
		w := Waiver{Subject: subject, Justification: "j", Expires: "2026-12-31"}
		byID := w.matches(Finding{SubjectID: id, SubjectName: name, SubjectEmail: name})
		if byID != w.matches(Finding{SubjectID: id}) {
			t.Fatalf("id waiver %q decided by name/email %q", subject, name)
		}
		if id == "" && byID {
			t.Fatal("matched an empty id")
		}
	})
}
