package posture

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// scopeParam lets a check that spans both APIs run on one of them only, so a
// provider without a compliance key can still use it.
var scopeParam = ParamSpec{
	Name: "scope", Kind: ParamString, Default: StringValue("all"),
	Choices:     []string{"all", "org", "workspace"},
	Description: "Which population to judge: \"org\" (Admin API users), \"workspace\" (Compliance API users) or \"all\".",
}

func scopeIncludes(p resolvedParams, which string) bool {
	s := strings.ToLower(p.str("scope"))
	return s == "all" || s == which
}

var _ = register(Check{
	ID: "user_inactive", Title: "Inactive user", Severity: SeverityMedium,
	Description: "Flags organization members with neither a dashboard login nor API key use, and active workspace members with no conversation activity, for max_inactive_days. Users added less than max_inactive_days ago are not flagged. Service accounts are skipped. A member whose api_key_last_used_at is not reported and who has no login in the window is reported as not judged, never as never used.",
	Data: "Admin API users: api_key_last_used_at (null = never used, absent = not reported), added_at; Admin API audit log over max_inactive_days: login.succeeded events, matched by actor session user id. Compliance API users (status, created_at) and conversations (user_id, last_active_at): the provider must read conversations active within the window. " +
		"Data: workspace user status values beyond active/inactive are unconfirmed (digest §2.6); \"inactive\" and \"deactivated\" are skipped as already deactivated; any other status is judged, since it may still be live. Statuses compare case-insensitively.",
	Remediation: "Remove or deactivate users who no longer need access (Admin API DELETE /organization/users/{id}; ChatGPT admin console for workspace users).",
	SubjectKind: "user",
	Params:      []ParamSpec{daysParam("max_inactive_days", 90, 365, "Maximum days without activity."), scopeParam},
	needs: func(p resolvedParams) []CollectionID {
		var ids []CollectionID
		if scopeIncludes(p, "org") {
			ids = append(ids, CollectionOrgUsers, CollectionAuditLogs)
		}
		if scopeIncludes(p, "workspace") {
			ids = append(ids, CollectionWorkspaceUsers, CollectionConversations)
		}
		return ids
	},
	// Logins count as activity: the audit log over the whole window.
	audit: func(p resolvedParams) AuditNeed {
		if !scopeIncludes(p, "org") {
			return AuditNeed{}
		}
		return AuditNeed{Days: int(p.int("max_inactive_days"))}
	},
	// Conversations active within the window: one day more than
	// max_inactive_days, since a user last active max_inactive_days days and
	// some hours before the as-of instant is not yet inactive.
	conversations: func(p resolvedParams) int {
		if !scopeIncludes(p, "workspace") {
			return 0
		}
		return userInactiveConversationDays(p.int("max_inactive_days"))
	},
	run: runUserInactive,
})

var _ = register(Check{
	ID: "owner_count", Title: "Owner count outside bounds", Severity: SeverityMedium,
	Description: "Flags an organization with more (or fewer) owners than allowed, and a workspace with more (or fewer) account owners and admins. Organization owners include owner-equivalent principals: users holding the predefined owner role or a custom organization role with administrative permissions, directly or as members of a group that holds one. Too many owners widen the blast radius of one phished account; fewer than one is a lock-out risk.",
	Data:        "Admin API users: role \"owner\" (a user without a role, or with a role other than owner/reader, is reported); roles assigned to each user (GET /organization/users/{user_id}/roles) and to each group, and group members (GET /organization/groups, /groups/{group_id}/roles, /groups/{group_id}/users): a role is owner-equivalent when it is the predefined owner role or an organization role with an administrative permission (see role_admin_permissions); a role whose permissions are not reported is reported; if any of these cannot be read the check fails closed. Service accounts are not counted. Compliance API users: role \"account-owner\"/\"account-admin\" not inactive/deactivated (an unknown role, or an owner/admin with an unknown status, is reported). Roles and statuses compare case-insensitively.",
	Remediation: "Demote owners who do not need full control to reader (or standard-user in the workspace).",
	SubjectKind: "organization",
	Params: []ParamSpec{
		{Name: "min_owners", Kind: ParamInt, Default: IntValue(1), HasRange: true, Min: 0, Max: 1000, Description: "Minimum number of owners."},
		{Name: "max_owners", Kind: ParamInt, Default: IntValue(4), HasRange: true, Min: 1, Max: 1000, WarnAbove: 10, Description: "Maximum number of owners."},
		scopeParam,
	},
	needs: func(p resolvedParams) []CollectionID {
		var ids []CollectionID
		if scopeIncludes(p, "org") {
			ids = append(append(ids, CollectionOrgUsers), ownerEquivalentNeeds...)
		}
		if scopeIncludes(p, "workspace") {
			ids = append(ids, CollectionWorkspaceUsers)
		}
		return ids
	},
	run: runOwnerCount,
	validateParams: func(p resolvedParams) error {
		if minOwners, maxOwners := p.int("min_owners"), p.int("max_owners"); minOwners > maxOwners {
			return paramError("min_owners", fmt.Errorf("min_owners (%d) is greater than max_owners (%d); min_owners must be at most max_owners", minOwners, maxOwners))
		}
		return nil
	},
})

var _ = register(Check{
	ID: "user_not_scim", Title: "User not managed by SCIM", Severity: SeverityLow, OptIn: true,
	Description: "Flags organization members not provisioned through SCIM: their access is not removed when they leave the identity provider. Opt-in: only organizations with SCIM want it.",
	Data:        "Admin API users: is_scim_managed. Data: the field is optional in the spec and its presence on list responses is unconfirmed (digest §1.6); a user without it is reported as not reported.",
	Remediation: "Provision the user through your identity provider's SCIM integration, or remove the manual account.",
	SubjectKind: "org_user",
	needs:       needs(CollectionOrgUsers),
	run: func(e *evalContext) {
		if !e.need(CollectionOrgUsers, e.snap.OrgUsers) {
			return
		}
		for _, u := range e.snap.OrgUsers.Items {
			if u.IsServiceAccount {
				continue
			}
			f := orgUserSubject(u)
			f.Allowed = "is_scim_managed true"
			switch {
			case u.IsSCIMManaged == nil:
				f.SubKey = "scim_not_reported" // apart from false: a waiver of one never covers the other
				f.Observed = "is_scim_managed not reported"
			case !*u.IsSCIMManaged:
				f.Observed = "is_scim_managed false"
			default:
				continue
			}
			e.report(f)
		}
	},
})

func orgUserSubject(u OrgUser) Finding {
	return Finding{SubjectKind: "org_user", SubjectID: u.ID, SubjectName: firstNonEmpty(u.Email, u.Name), SubjectEmail: u.Email}
}

func workspaceUserSubject(u WorkspaceUser) Finding {
	return Finding{SubjectKind: "workspace_user", SubjectID: u.ID, SubjectName: firstNonEmpty(u.Email, u.Name), SubjectEmail: u.Email}
}

func runUserInactive(e *evalContext) {
	maxDays := e.params.int("max_inactive_days")
	allowed := "activity within the last " + days(maxDays)
	if scopeIncludes(e.params, "org") {
		runOrgUserInactive(e, maxDays, allowed)
	}
	if !scopeIncludes(e.params, "workspace") {
		return
	}
	usersOK := e.need(CollectionWorkspaceUsers, e.snap.WorkspaceUsers)
	convOK := e.need(CollectionConversations, e.snap.Conversations)
	if !usersOK || !convOK {
		return
	}
	// The read covers this check's window (ConversationDays); an older
	// conversation it also returned (a wider window shared with another
	// check, or one updated without activity) only makes the observed text
	// more precise: the verdict is the same either way.
	last := map[string]time.Time{}
	for _, c := range e.snap.Conversations.Items {
		if c.LastActiveAt != nil && c.LastActiveAt.After(last[c.UserID]) {
			last[c.UserID] = *c.LastActiveAt
		}
	}
	for _, u := range e.snap.WorkspaceUsers.Items {
		if workspaceUserGone(u) { // an unknown status may still be live: judged
			continue
		}
		var lastActive *time.Time
		if t, ok := last[u.ID]; ok {
			lastActive = &t
		}
		f := workspaceUserSubject(u)
		f.Allowed = allowed
		if obs, inactive := inactivity(e, maxDays, lastActive, u.CreatedAt, "no conversation activity in the data read", "created_at"); inactive {
			f.Observed = obs
			e.report(f)
		}
	}
}

// userInactiveConversationDays is the conversation window user_inactive
// reads: idle days are whole days, so a user is inactive only when last
// active more than maxDays+1 days before the start of the as-of day.
func userInactiveConversationDays(maxDays int64) int { return int(maxDays) + 1 }

// inactivity decides whether a user is inactive. since is the join date that
// gives new users a grace period; when it is missing there is no grace.
func inactivity(e *evalContext, maxDays int64, last, since *time.Time, never, sinceField string) (string, bool) {
	if e.implausibleFuture(last) {
		return futureObserved("last activity", *last), true
	}
	if last == nil && e.implausibleFuture(since) {
		return futureObserved(sinceField, *since), true
	}
	if last != nil {
		idle := e.ageDays(*last)
		return fmt.Sprintf("last active %s ago (%s)", days(idle), date(*last)), idle > maxDays
	}
	if since == nil {
		return never + "; " + sinceField + " not reported", true
	}
	if e.ageDays(*since) <= maxDays {
		return "", false
	}
	return fmt.Sprintf("%s since %s", never, date(*since)), true
}

func runOwnerCount(e *evalContext) {
	minOwners, maxOwners := e.params.int("min_owners"), e.params.int("max_owners")
	if minOwners > maxOwners {
		e.fail("min_owners (%d) is greater than max_owners (%d)", minOwners, maxOwners)
		return
	}
	allowed := fmt.Sprintf("between %d and %d", minOwners, maxOwners)
	if scopeIncludes(e.params, "org") && e.need(CollectionOrgUsers, e.snap.OrgUsers) {
		owners := orgOwners(e)
		if addOwnerEquivalents(e, owners) {
			labels := make([]ownerLabel, 0, len(owners))
			for _, l := range owners {
				labels = append(labels, l)
			}
			reportOwnerCount(e, "organization", "organization", "owners", labels, minOwners, maxOwners, allowed)
		}
	}
	if scopeIncludes(e.params, "workspace") && e.need(CollectionWorkspaceUsers, e.snap.WorkspaceUsers) {
		reportOwnerCount(e, "workspace", "workspace", "account owners and admins", workspaceOwners(e), minOwners, maxOwners, allowed)
	}
}

// ownerLabel is one owner counted by owner_count. raw (email, name or id,
// and how the owner holds the role) keys the finding's owner set, as it
// always has, so fingerprints and waivers stay; text shows it in Observed
// with every name and email quoted (UntrustedText).
type ownerLabel struct{ raw, text string }

// personLabel labels a person by email, else name, else id.
func personLabel(id, email, name string) ownerLabel {
	return ownerLabel{raw: firstNonEmpty(email, name, id), text: nameOrID(id, email, name)}
}

// orgOwners lists the organization's users with role owner (user id ->
// label), reporting each user whose role cannot be judged.
func orgOwners(e *evalContext) map[string]ownerLabel {
	owners := map[string]ownerLabel{}
	for _, u := range e.snap.OrgUsers.Items {
		if u.IsServiceAccount {
			continue
		}
		if u.Role == nil {
			f := orgUserSubject(u)
			f.SubKey = "role_not_reported"
			f.Observed, f.Allowed = "role not reported; cannot tell whether this user is an owner", "a reported role"
			e.report(f)
			continue
		}
		if !isKnownRole(knownOrgRoles, *u.Role) {
			// An unknown role may be privileged: counting it either way
			// could pass a bound wrongly, so it is reported.
			f := orgUserSubject(u)
			// The role itself is in the sub-key: accepting one odd role
			// must not accept a later one (a new owner-level role).
			f.SubKey = "unknown_role:" + asciiLower(*u.Role)
			f.Observed = fmt.Sprintf("unknown role %s (not one of %s); cannot tell whether this user is an owner", UntrustedText(*u.Role), strings.Join(knownOrgRoles, ", "))
			f.Allowed = "a known role"
			e.report(f)
			continue
		}
		if isOrgOwner(*u.Role) {
			owners[u.ID] = personLabel(u.ID, u.Email, u.Name)
		}
	}
	return owners
}

// workspaceOwners lists the workspace's active owners and admins, reporting
// each member whose role or status cannot be judged.
func workspaceOwners(e *evalContext) []ownerLabel {
	var owners []ownerLabel
	for _, u := range e.snap.WorkspaceUsers.Items {
		if workspaceUserGone(u) {
			continue
		}
		if u.Role == "" {
			f := Finding{SubjectKind: "workspace_user", SubjectID: u.ID, SubjectName: firstNonEmpty(u.Email, u.Name, u.ID), SubjectEmail: u.Email, SubKey: "role_not_reported"}
			f.Observed, f.Allowed = "role not reported; the owner count cannot be trusted", "a reported role"
			e.report(f)
			continue
		}
		if !isKnownRole(knownWorkspaceRoles, u.Role) {
			f := Finding{SubjectKind: "workspace_user", SubjectID: u.ID, SubjectName: firstNonEmpty(u.Email, u.Name, u.ID), SubjectEmail: u.Email, SubKey: "unknown_role:" + asciiLower(u.Role)}
			f.Observed = fmt.Sprintf("unknown role %s (not one of %s); the owner count cannot be trusted", UntrustedText(u.Role), strings.Join(knownWorkspaceRoles, ", "))
			f.Allowed = "a known role"
			e.report(f)
			continue
		}
		if !isWorkspaceOwnerOrAdmin(u.Role) {
			continue
		}
		if !workspaceUserActive(u) {
			// Neither active nor a known inactive status (or none at
			// all): counting it or not could pass a bound wrongly.
			f := Finding{SubjectKind: "workspace_user", SubjectID: u.ID, SubjectName: firstNonEmpty(u.Email, u.Name, u.ID), SubjectEmail: u.Email, SubKey: "unknown_status:" + asciiLower(u.Status)}
			f.Observed = fmt.Sprintf("%s with unknown status %s; cannot tell whether this account counts", u.Role, UntrustedText(u.Status))
			if strings.TrimSpace(u.Status) == "" {
				f.Observed = u.Role + " with status not reported; cannot tell whether this account counts"
			}
			f.Allowed = "status active, inactive or deactivated"
			e.report(f)
			continue
		}
		owners = append(owners, personLabel(u.ID, u.Email, u.Name))
	}
	return owners
}

func reportOwnerCount(e *evalContext, kind, id, what string, owners []ownerLabel, minOwners, maxOwners int64, allowed string) {
	n := int64(len(owners))
	if n >= minOwners && n <= maxOwners {
		return
	}
	sort.Slice(owners, func(i, j int) bool { return owners[i].raw < owners[j].raw })
	raw, text := make([]string, len(owners)), make([]string, len(owners))
	for i, o := range owners {
		raw[i], text[i] = o.raw, o.text
	}
	observed := fmt.Sprintf("%d %s", n, what)
	if n > 0 {
		observed += ": " + strings.Join(text, ", ")
	}
	// Keyed by the owner set: a waiver accepts these owners, so one more
	// (or another) owner is a new finding to review, not a waived one.
	e.report(Finding{
		SubjectKind: kind, SubjectID: id, SubjectName: id,
		SubKey:   setSubKey("owners", raw),
		Observed: observed,
		Allowed:  allowed + " " + what,
	})
}

// runOrgUserInactive judges organization members by their latest dashboard
// login (audit log login.succeeded, actor = the user's session) and API key
// use, whichever is later.
func runOrgUserInactive(e *evalContext, maxDays int64, allowed string) {
	usersOK := e.need(CollectionOrgUsers, e.snap.OrgUsers)
	auditOK := e.need(CollectionAuditLogs, e.snap.AuditLogs)
	if !usersOK || !auditOK {
		return
	}
	lastLogin := map[string]time.Time{}
	for _, ev := range e.snap.AuditLogs.Items {
		// A login without a time proves no recent activity: skipped.
		if ev.Type != "login.succeeded" || ev.ActorType != "session" || ev.ActorID == "" || ev.EffectiveAt == nil {
			continue
		}
		if ev.EffectiveAt.After(lastLogin[ev.ActorID]) {
			lastLogin[ev.ActorID] = *ev.EffectiveAt
		}
	}
	for _, u := range e.snap.OrgUsers.Items {
		if u.IsServiceAccount {
			continue
		}
		last := u.APIKeyLastUsedAt
		if t, ok := lastLogin[u.ID]; ok && (last == nil || t.After(*last)) {
			last = &t
		}
		never := "no login in the audit log over the last " + days(maxDays) + " and no API key use recorded"
		if u.APIKeyUseNotReported {
			if last == nil || e.ageDays(*last) > maxDays {
				if u.AddedAt != nil && e.ageDays(*u.AddedAt) <= maxDays {
					continue // new member: within the grace period either way
				}
				f := orgUserSubject(u)
				f.SubKey = "api_key_use_not_reported"
				f.Allowed = allowed
				f.Observed = "no login in the audit log over the last " + days(maxDays) + " and api_key_last_used_at not reported; activity cannot be judged"
				if last != nil {
					f.Observed = fmt.Sprintf("last login %s ago (%s) and api_key_last_used_at not reported; activity cannot be judged", days(e.ageDays(*last)), date(*last))
				}
				e.report(f)
			}
			continue
		}
		f := orgUserSubject(u)
		f.Allowed = allowed
		if obs, inactive := inactivity(e, maxDays, last, u.AddedAt, never, "added_at"); inactive {
			f.Observed = obs
			e.report(f)
		}
	}
}
