package posture

import (
	"strings"
	"testing"
)

// Red-team round 4: the sub-keys of the gate's checks. Each asserts the
// safe behaviour; an attack that succeeds skips with "REDTEAM4 FAIL"
// unless REDTEAM_RUN=1.

// spend_limit's maximum is in USD a month, and the threshold is compared
// as USD cents whatever interval and currency the API reports. Both are
// open strings (the spec shows only "month" and "USD"): a limit of 500 a
// week, or of 900 in another currency, passes a 1000 USD a month maximum
// silently, where an unknown value should be a finding ("cannot judge").
func TestRedTeam4SpendLimitOtherIntervalOrCurrencyPasses(t *testing.T) {
	rule := Rule{CheckID: "spend_limit", Params: Params{"max_monthly_usd": IntValue(1000)}}
	var passed []string
	for name, sl := range map[string]SpendLimit{
		"500 USD a week (about 2170 a month)": {Configured: true, ThresholdCents: int64Ptr(50000), Currency: "usd", Interval: "week", EnforcementStatus: "enforcing"},
		"100 USD a day (about 3000 a month)":  {Configured: true, ThresholdCents: int64Ptr(10000), Currency: "usd", Interval: "day", EnforcementStatus: "enforcing"},
		"900 a month in an unknown currency":  {Configured: true, ThresholdCents: int64Ptr(90000), Currency: "xau", Interval: "month", EnforcementStatus: "enforcing"},
		"interval not reported":               {Configured: true, ThresholdCents: int64Ptr(90000), Currency: "usd", Interval: "", EnforcementStatus: "enforcing"},
	} {
		snap := emptySnapshot()
		snap.SpendLimit = LoadedValue(sl)
		rr := EvaluateRule(snap, rule)
		if len(rr.Errors) == 0 && rr.Passed() {
			passed = append(passed, name)
		}
	}
	// Control: the same check flags a monthly USD limit over the maximum.
	snap := emptySnapshot()
	snap.SpendLimit = LoadedValue(SpendLimit{Configured: true, ThresholdCents: int64Ptr(200000), Currency: "usd", Interval: "month", EnforcementStatus: "enforcing"})
	if rr := EvaluateRule(snap, rule); rr.Passed() {
		t.Fatalf("control: 2000 USD a month passes a 1000 USD maximum")
	}
	if len(passed) > 0 {
		msg := "spend_limit passes a limit it cannot compare with max_monthly_usd: " + strings.Join(passed, "; ") +
			" (fix: when max_monthly_usd is set and interval is not \"month\" or currency not \"usd\" (or either is empty), report a sub-key such as interval:<v>/currency:<v>/interval_not_reported instead of comparing)"
		t.Fatal(msg)
	}
}
