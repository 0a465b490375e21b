package posture

import (
	"fmt"
	"time"
)

// Enforcement says what a violation of a rule does to a plan.
const (
	// EnforcementError fails the plan.
	EnforcementError = "error"
	// EnforcementWarn reports warnings only.
	EnforcementWarn = "warn"
)

// Rule is one check as declared in a baseline (one openai_posture_check).
type Rule struct {
	CheckID string
	// Params override the check's defaults.
	Params Params
	// Enforcement is "error" (the default when empty) or "warn".
	Enforcement string
	Waivers     []Waiver
	// MaxWaiverDays bounds how far after the as-of date a waiver may
	// expire; 0 means DefaultMaxWaiverDays. It is checked only when the
	// as-of time is known (ValidateRuleAt with a non-zero time, Evaluate).
	MaxWaiverDays int
}

// maxWaiverDays resolves MaxWaiverDays (0 = the default).
func (r Rule) maxWaiverDays() int {
	if r.MaxWaiverDays == 0 {
		return DefaultMaxWaiverDays
	}
	return r.MaxWaiverDays
}

func (r Rule) enforcement() string {
	if r.Enforcement == "" {
		return EnforcementError
	}
	return r.Enforcement
}

// ValidateRule checks a rule as written: the check id, every parameter, the
// enforcement and every waiver. Errors name the field and the valid choices;
// warnings flag thresholds loosened past their floor.
func ValidateRule(rule Rule) (warnings []string, errs []error) {
	return ValidateRuleAt(rule, time.Time{})
}

// ValidateRuleAt is ValidateRule plus, at a known as-of time now, an error
// for each waiver expiring more than MaxWaiverDays after now's date and a
// warning for each waiver already expired at now. An expired waiver is not an error: expiry naturally passes
// while the configuration sits in git, and that is exactly when the finding
// must come back.
func ValidateRuleAt(rule Rule, now time.Time) (warnings []string, errs []error) {
	c, ok := LookupCheck(rule.CheckID)
	if !ok {
		return nil, []error{&RuleError{Err: unknownCheck(rule.CheckID)}}
	}
	_, warnings, errs = resolveParams(&c, rule.Params)
	if e := rule.Enforcement; e != "" && e != EnforcementError && e != EnforcementWarn {
		errs = append(errs, ruleErrorf([]any{"enforcement"}, "check %s: enforcement %q is not valid; valid: %s, %s", c.ID, e, EnforcementError, EnforcementWarn))
	}
	maxDays := rule.maxWaiverDays()
	if maxDays < 1 || maxDays > MaxWaiverDaysLimit {
		// max_waiver_days is a provider attribute, outside the rule's own
		// attributes: the provider places it at the rule.
		errs = append(errs, ruleErrorf([]any{"max_waiver_days"}, "check %s: max_waiver_days %d is not valid; it must be between 1 and %d (0 or unset means %d)", c.ID, rule.MaxWaiverDays, MaxWaiverDaysLimit, DefaultMaxWaiverDays))
		maxDays = DefaultMaxWaiverDays
	}
	for i, w := range rule.Waivers {
		werrs := w.validate(c.ID, i)
		if c.WaiversNameFinding && w.Finding == "" && len(werrs) == 0 {
			werrs = append(werrs, ruleErrorf([]any{"waivers", i, "finding"}, "check %s: waiver %d (subject %q) must name the finding it accepts (finding = its fingerprint, shown in the plan and in accepted_findings): this check reports what the subject's owner uploads or writes, so a waiver of the whole subject would also accept what they add later", c.ID, i, w.Subject))
		}
		errs = append(errs, werrs...)
		if msg := w.placeholderWarning(c.ID, i); msg != "" {
			warnings = append(warnings, msg)
		}
		if len(werrs) > 0 || now.IsZero() {
			continue
		}
		if err := w.validateLength(c.ID, i, now, maxDays); err != nil {
			errs = append(errs, err)
			continue
		}
		if until, _ := ParseWaiverExpiry(w.Expires); !now.Before(until) {
			warnings = append(warnings, fmt.Sprintf("check %s: waiver for %q expired on %s and no longer suppresses", c.ID, w.Subject, w.Expires))
		}
	}
	return warnings, errs
}
