package posture

import (
	"fmt"
	"strings"
)

// orgRetentionTypes are the organization data retention types the Admin API
// accepts.
var orgRetentionTypes = []string{
	"zero_data_retention", "modified_abuse_monitoring",
	"enhanced_zero_data_retention", "enhanced_modified_abuse_monitoring",
}

func orgSubject() Finding {
	return Finding{SubjectKind: "organization", SubjectID: "organization", SubjectName: "organization"}
}

var _ = register(Check{
	ID: "spend_limit", Title: "No enforcing hard spend limit", Severity: SeverityMedium,
	Description: "Flags an organization without a hard spend limit, with one that is not enforcing, or (when max_monthly_usd is set) with one above it, or one in another currency or interval than USD a month (or with either not reported), which cannot be compared with the maximum. A leaked key is bounded only by the spend limit.",
	Data:        "Admin API GET /organization/spend_limit: threshold_amount (cents), enforcement.status. No limit configured is a finding; a limit that could not be read is an error.",
	Remediation: "Set a hard spend limit (POST /v1/organization/spend_limit) at a level the business accepts, and keep it enforcing.",
	SubjectKind: "organization",
	Params: []ParamSpec{
		{Name: "max_monthly_usd", Kind: ParamInt, Default: IntValue(0), HasRange: true, Min: 0, Max: 100000000, Description: "Highest acceptable monthly limit in USD; 0 accepts any amount."},
		{Name: "require_enforcing", Kind: ParamBool, Default: BoolValue(true), Description: "Require enforcement.status \"enforcing\"."},
	},
	needs: needs(CollectionSpendLimit),
	run:   runSpendLimit,
})

func runSpendLimit(e *evalContext) {
	if !e.need(CollectionSpendLimit, e.snap.SpendLimit) {
		return
	}
	sl := e.snap.SpendLimit.Item
	maxUSD := e.params.int("max_monthly_usd")
	allowed := "a hard spend limit"
	if e.params.boolean("require_enforcing") {
		allowed = "an enforcing hard spend limit"
	}
	if maxUSD > 0 {
		allowed += fmt.Sprintf(" of at most %d USD a month", maxUSD)
	}
	// One finding per problem, each with its sub-key: a waiver accepting a
	// non-enforcing limit does not cover a later raise past the maximum, and
	// the over-maximum sub-key names the amount, so a waiver accepting one
	// limit does not cover a further raise.
	problem := func(subKey, observed string) {
		f := orgSubject()
		f.SubKey, f.Observed, f.Allowed = subKey, observed, allowed
		e.report(f)
	}
	if !sl.Configured {
		problem("not_configured", "no spend limit configured")
		return
	}
	if e.params.boolean("require_enforcing") && !sameWord(sl.EnforcementStatus, "enforcing") {
		if sl.EnforcementStatus == "" {
			problem("enforcement_not_reported", "enforcement status not reported")
		} else {
			problem("enforcement:"+strings.ToLower(sl.EnforcementStatus), "enforcement status "+sl.EnforcementStatus)
		}
	}
	if maxUSD > 0 {
		// currency and interval are open strings (only USD and month exist
		// today): a threshold in another unit cannot be compared with a
		// maximum in USD a month, so it is a finding, never a pass.
		switch {
		case strings.TrimSpace(sl.Interval) == "":
			problem("interval_not_reported", "spend limit interval not reported; cannot compare with a monthly maximum")
		case !sameWord(sl.Interval, "month"):
			problem("interval:"+asciiLower(sl.Interval), fmt.Sprintf("spend limit per %s; cannot compare with a monthly maximum", UntrustedText(sl.Interval)))
		case strings.TrimSpace(sl.Currency) == "":
			problem("currency_not_reported", "spend limit currency not reported; cannot compare with a maximum in USD")
		case !sameWord(sl.Currency, "usd"):
			problem("currency:"+asciiLower(sl.Currency), fmt.Sprintf("spend limit in %s; cannot compare with a maximum in USD", UntrustedText(sl.Currency)))
		case sl.ThresholdCents == nil:
			problem("threshold_not_reported", "threshold_amount not reported")
		case *sl.ThresholdCents > maxUSD*100:
			problem(fmt.Sprintf("threshold_above_max:%d", *sl.ThresholdCents), fmt.Sprintf("limit %s a %s", usd(*sl.ThresholdCents, sl.Currency), firstNonEmpty(sl.Interval, "month")))
		}
	}
}

var _ = register(Check{
	ID: "data_retention", Title: "Data retention differs from the declared mode", Severity: SeverityHigh, OptIn: true,
	Description: "Flags an organization whose data retention type is not the declared mode, and (unless include_projects is false) active projects overriding it with another type. Projects set to organization_default inherit and pass.",
	Data:        "Admin API GET /organization/data_retention and /organization/projects/{id}/data_retention: type.",
	Remediation: "Set the retention type to the declared mode (POST /v1/organization/data_retention), and reset project overrides to organization_default.",
	SubjectKind: "organization",
	Params: []ParamSpec{
		{Name: "mode", Kind: ParamString, Required: true, Choices: orgRetentionTypes, Description: "The declared retention type."},
		{Name: "include_projects", Kind: ParamBool, Default: BoolValue(true), Description: "Also judge per-project overrides."},
	},
	needs: func(p resolvedParams) []CollectionID {
		ids := []CollectionID{CollectionOrgDataRetention}
		if p.boolean("include_projects") {
			ids = append(ids, CollectionProjectDataRetention)
		}
		return ids
	},
	run: runDataRetention,
})

func runDataRetention(e *evalContext) {
	mode := strings.ToLower(e.params.str("mode"))
	allowed := "retention type " + mode
	if e.need(CollectionOrgDataRetention, e.snap.OrgDataRetention) {
		if t := e.snap.OrgDataRetention.Item.Type; !sameWord(t, mode) {
			f := orgSubject()
			f.SubKey = retentionSubKey(t)
			f.Observed, f.Allowed = "retention type "+firstNonEmpty(t, "not reported"), allowed
			e.report(f)
		}
	}
	if !e.params.boolean("include_projects") || !e.need(CollectionProjects, e.snap.Projects) {
		return
	}
	for _, p := range activeProjects(e.snap.Projects.Items) {
		if !e.needFor(CollectionProjectDataRetention, p.ID, p.DataRetention) {
			continue
		}
		t := p.DataRetention.Item.Type
		if sameWord(t, mode) || sameWord(t, "organization_default") {
			continue
		}
		f := projectSubject(p)
		f.SubKey = retentionSubKey(t)
		f.Observed, f.Allowed = "retention type "+firstNonEmpty(t, "not reported"), allowed+" or organization_default"
		e.report(f)
	}
}

// retentionSubKey keys a data_retention finding by the type observed: a
// waiver accepting one deviating type does not cover a change to another.
func retentionSubKey(t string) string {
	if strings.TrimSpace(t) == "" {
		return "type_not_reported"
	}
	return "type:" + strings.ToLower(strings.TrimSpace(t))
}

var _ = register(Check{
	ID: "certificate_expiry", Title: "mTLS certificate expiring", Severity: SeverityMedium,
	Description: "Flags active organization mTLS certificates expiring within days_ahead days (or already expired). When it lapses, clients relying on it stop working.",
	Data:        "Admin API GET /organization/certificates: active, certificate_details.expires_at (an active certificate without expires_at is reported).",
	Remediation: "Upload a renewed certificate, activate it, then deactivate the old one.",
	SubjectKind: "certificate",
	Params: []ParamSpec{{
		Name: "days_ahead", Kind: ParamInt, Default: IntValue(30), HasRange: true, Min: 1, Max: 3650, WarnBelow: 7,
		Description: "How many days before expiry to start flagging.",
	}},
	needs: needs(CollectionCertificates),
	run:   runCertificateExpiry,
})

func runCertificateExpiry(e *evalContext) {
	if !e.need(CollectionCertificates, e.snap.Certificates) {
		return
	}
	ahead := e.params.int("days_ahead")
	for _, c := range e.snap.Certificates.Items {
		if !c.Active {
			continue
		}
		f := Finding{SubjectID: c.ID, SubjectName: firstNonEmpty(c.Name, c.ID)}
		f.Allowed = "expiry more than " + days(ahead) + " away"
		if c.ExpiresAt == nil {
			f.Observed = "expires_at not reported"
			e.report(f)
			continue
		}
		left := -e.ageDays(*c.ExpiresAt)
		switch {
		case !e.now().Before(*c.ExpiresAt):
			f.Observed = "expired on " + date(*c.ExpiresAt)
		case left < ahead:
			f.Observed = fmt.Sprintf("expires on %s (in %s)", date(*c.ExpiresAt), days(left))
		default:
			continue
		}
		e.report(f)
	}
}

func usd(cents int64, currency string) string {
	return fmt.Sprintf("%d.%02d %s", cents/100, cents%100, firstNonEmpty(strings.ToUpper(currency), "USD"))
}
