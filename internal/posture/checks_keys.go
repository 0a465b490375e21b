package posture

import (
	"fmt"
	"strings"
	"time"
)

// daysParam declares a whole-days threshold between 1 and 3650 days.
func daysParam(name string, def, warnAbove int64, desc string) ParamSpec {
	return ParamSpec{
		Name: name, Kind: ParamInt, Description: desc, Default: IntValue(def),
		HasRange: true, Min: 1, Max: 3650, WarnAbove: warnAbove,
	}
}

var _ = register(Check{
	ID: "admin_key_rotation", Title: "Admin API key not rotated", Severity: SeverityHigh,
	Description: "Flags organization admin API keys older than max_age_days. Admin keys can do anything in the organization; an old key has had more chances to leak.",
	Data:        "Admin API GET /organization/admin_api_keys: created_at (a key without created_at is reported: its age is unknown).",
	Remediation: "Create a new admin key, move automation to it, and delete the old one (Settings > Admin keys, or DELETE /v1/organization/admin_api_keys/{id}).",
	SubjectKind: "admin_api_key",
	Params:      []ParamSpec{daysParam("max_age_days", 90, 365, "Maximum key age in days.")},
	needs:       needs(CollectionAdminAPIKeys),
	run: func(e *evalContext) {
		if !e.need(CollectionAdminAPIKeys, e.snap.AdminAPIKeys) {
			return
		}
		for _, k := range e.snap.AdminAPIKeys.Items {
			checkKeyAge(e, adminKeySubject(k), k.CreatedAt)
		}
	},
})

var _ = register(Check{
	ID: "project_key_rotation", Title: "Project API key not rotated", Severity: SeverityHigh,
	Description: "Flags project API keys older than max_age_days in active projects.",
	Data:        "Admin API GET /organization/projects/{id}/api_keys: created_at.",
	Remediation: "Issue a new key (for a service account where possible), deploy it, then delete the old key in the project's API keys page.",
	SubjectKind: "project_api_key",
	Params:      []ParamSpec{daysParam("max_age_days", 90, 365, "Maximum key age in days.")},
	needs:       needs(CollectionProjectAPIKeys),
	run: func(e *evalContext) {
		forEachProjectKey(e, func(p Project, k ProjectAPIKey) {
			checkKeyAge(e, projectKeySubject(p, k), k.CreatedAt)
		})
	},
})

var _ = register(Check{
	ID: "admin_key_unused", Title: "Admin API key unused", Severity: SeverityMedium,
	Description: "Flags admin API keys not used for max_unused_days, or never used. A key that is never used should not exist. A key created less than max_unused_days ago is not yet flagged as never used.",
	Data:        "Admin API admin_api_keys: last_used_at (null = never used), created_at.",
	Remediation: "Delete admin keys nobody uses; unused keys are pure exposure.",
	SubjectKind: "admin_api_key",
	Params:      []ParamSpec{daysParam("max_unused_days", 45, 180, "Maximum days since last use.")},
	needs:       needs(CollectionAdminAPIKeys),
	run: func(e *evalContext) {
		if !e.need(CollectionAdminAPIKeys, e.snap.AdminAPIKeys) {
			return
		}
		for _, k := range e.snap.AdminAPIKeys.Items {
			checkKeyUse(e, adminKeySubject(k), k.CreatedAt, k.LastUsedAt)
		}
	},
})

var _ = register(Check{
	ID: "project_key_unused", Title: "Project API key unused", Severity: SeverityMedium,
	Description: "Flags project API keys not used for max_unused_days, or never used (after the same grace period from creation).",
	Data:        "Admin API projects/{id}/api_keys: last_used_at (null = never used), created_at.",
	Remediation: "Delete project keys nobody uses.",
	SubjectKind: "project_api_key",
	Params:      []ParamSpec{daysParam("max_unused_days", 45, 180, "Maximum days since last use.")},
	needs:       needs(CollectionProjectAPIKeys),
	run: func(e *evalContext) {
		forEachProjectKey(e, func(p Project, k ProjectAPIKey) {
			checkKeyUse(e, projectKeySubject(p, k), k.CreatedAt, k.LastUsedAt)
		})
	},
})

var _ = register(Check{
	ID: "key_no_expiry", Title: "Admin API key without expiry", Severity: SeverityLow, OptIn: true,
	Description: "Flags admin API keys created without an expiry. Opt-in: keys without expiry are the API's default.",
	Data:        "Admin API admin_api_keys: expires_at (null or absent = no expiry; the spec marks it required but its GET example omits it).",
	Remediation: "Replace the key with one created with expires_in_seconds, and rotate before it expires.",
	SubjectKind: "admin_api_key",
	needs:       needs(CollectionAdminAPIKeys),
	run: func(e *evalContext) {
		if !e.need(CollectionAdminAPIKeys, e.snap.AdminAPIKeys) {
			return
		}
		for _, k := range e.snap.AdminAPIKeys.Items {
			if k.ExpiresAt == nil {
				f := adminKeySubject(k)
				f.Observed, f.Allowed = "no expiry", "an expires_at date"
				e.report(f)
			}
		}
	},
})

var _ = register(Check{
	ID: "key_owner_lost_access", Title: "Project key whose owner lost access", Severity: SeverityHigh,
	Description: "Flags project API keys whose owner no longer has access to the project: the key still works for someone who was removed.",
	Data:        "Admin API projects/{id}/api_keys?owner_project_access=any: owner_project_access \"inactive\" (field new in the 2026 spec; a key without it is reported as not reported).",
	Remediation: "Delete the key, or transfer the workload to a service-account key owned by the project.",
	SubjectKind: "project_api_key",
	needs:       needs(CollectionProjectAPIKeys),
	run: func(e *evalContext) {
		forEachProjectKey(e, func(p Project, k ProjectAPIKey) {
			f := projectKeySubject(p, k)
			f.Allowed = "owner_project_access active"
			switch strings.ToLower(strings.TrimSpace(k.OwnerProjectAccess)) {
			case "active":
				return
			case "":
				f.SubKey = "owner_project_access_not_reported" // apart from a real loss of access
				f.Observed = "owner_project_access not reported"
			default:
				f.Observed = "owner_project_access " + k.OwnerProjectAccess
			}
			e.report(f)
		})
	},
})

var _ = register(Check{
	ID: "key_user_owned", Title: "User-owned key in a service project", Severity: SeverityMedium, OptIn: true,
	Description: "Flags project API keys owned by a person (not a service account) in the declared projects. Production workloads should not depend on a person's key.",
	Data:        "Admin API projects/{id}/api_keys: owner.type (\"user\" or \"service_account\").",
	Remediation: "Create a service account in the project, move the workload to its key, and delete the user's key.",
	SubjectKind: "project_api_key",
	Params: []ParamSpec{{
		Name: "projects", Kind: ParamStringList, Required: true,
		Description: "Project ids or names (case-insensitive) where only service-account keys are allowed; \"*\" means every project. Must not be empty.",
	}},
	needs: needs(CollectionProjectAPIKeys),
	validateParams: func(p resolvedParams) error {
		if len(p.list("projects")) == 0 {
			return paramError("projects", fmt.Errorf("projects is empty, so the check would judge no project and always pass; list project ids or names, or \"*\" for every project (or remove the check)"))
		}
		return nil
	},
	run: func(e *evalContext) {
		declared := e.params.list("projects")
		forEachProjectKey(e, func(p Project, k ProjectAPIKey) {
			if !projectDeclared(declared, p) || sameWord(k.OwnerType, "service_account") {
				return
			}
			f := projectKeySubject(p, k)
			f.Allowed = "service_account-owned keys only"
			if k.OwnerType == "" {
				f.Observed = "owner.type not reported"
			} else {
				f.Observed = fmt.Sprintf("owned by %s %s", k.OwnerType, nameOrID(k.OwnerID, k.OwnerEmail, k.OwnerName))
			}
			e.report(f)
		})
	},
})

func adminKeySubject(k AdminAPIKey) Finding {
	return Finding{SubjectID: k.ID, SubjectName: firstNonEmpty(k.Name, k.RedactedValue)}
}

func projectKeySubject(p Project, k ProjectAPIKey) Finding {
	name := firstNonEmpty(k.Name, k.RedactedValue)
	return Finding{SubjectID: k.ID, SubjectName: fmt.Sprintf("%s (project %s)", name, firstNonEmpty(p.Name, p.ID)), SubjectEmail: k.OwnerEmail}
}

// forEachProjectKey visits the keys of every active project, failing closed
// per project whose keys could not be read.
func forEachProjectKey(e *evalContext, fn func(Project, ProjectAPIKey)) {
	if !e.need(CollectionProjects, e.snap.Projects) {
		return
	}
	for _, p := range activeProjects(e.snap.Projects.Items) {
		if !e.needFor(CollectionProjectAPIKeys, p.ID, p.APIKeys) {
			continue
		}
		for _, k := range p.APIKeys.Items {
			fn(p, k)
		}
	}
}

func checkKeyAge(e *evalContext, f Finding, created *time.Time) {
	maxDays := e.params.int("max_age_days")
	f.Allowed = "at most " + days(maxDays) + " old"
	if created == nil {
		f.Observed = "created_at not reported (age unknown)"
		e.report(f)
		return
	}
	if e.implausibleFuture(created) {
		f.Observed = futureObserved("created_at", *created)
		e.report(f)
		return
	}
	if age := e.ageDays(*created); age > maxDays {
		f.Observed = fmt.Sprintf("%s old (created %s)", days(age), date(*created))
		e.report(f)
	}
}

func checkKeyUse(e *evalContext, f Finding, created, lastUsed *time.Time) {
	maxDays := e.params.int("max_unused_days")
	f.Allowed = "used within the last " + days(maxDays)
	for _, ts := range []struct {
		field string
		t     *time.Time
	}{{"last_used_at", lastUsed}, {"created_at", created}} {
		if e.implausibleFuture(ts.t) {
			f.Observed = futureObserved(ts.field, *ts.t)
			e.report(f)
			return
		}
	}
	if lastUsed != nil {
		if idle := e.ageDays(*lastUsed); idle > maxDays {
			f.Observed = fmt.Sprintf("last used %s ago (%s)", days(idle), date(*lastUsed))
			e.report(f)
		}
		return
	}
	if created != nil && e.ageDays(*created) <= maxDays {
		return // new key: never used yet, still within the grace period
	}
	f.Observed = "never used"
	if created != nil {
		f.Observed += fmt.Sprintf(" (created %s)", date(*created))
	}
	e.report(f)
}

// projectDeclared reports whether p is in a declared list of ids or names.
func projectDeclared(declared []string, p Project) bool {
	for _, d := range declared {
		if d == "*" || strings.EqualFold(d, p.ID) || (p.Name != "" && strings.EqualFold(d, p.Name)) {
			return true
		}
	}
	return false
}

// nameOrID shows the first non-empty of names (emails, names: chosen by
// their owner) quoted by UntrustedText, or else id as it is (assigned by the
// API). Observed texts name people and objects this way, so an owner's
// choice can never read as our wording ("x, allowed: none [waived ...]").
func nameOrID(id string, names ...string) string {
	if n := firstNonEmpty(names...); n != "" {
		return UntrustedText(n)
	}
	return id
}

// quotedOr shows an owner-chosen value quoted by UntrustedText, or missing
// (our wording, such as "(domain not reported)") when it is empty.
func quotedOr(v, missing string) string {
	if v == "" {
		return missing
	}
	return UntrustedText(v)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
