package posture

import (
	"fmt"
	"strings"
)

var _ = register(Check{
	ID: "invite_high_privilege", Title: "Pending invite with owner role", Severity: SeverityHigh,
	Description: "Flags pending invites that would make someone an organization owner or a project owner. Whoever controls that mailbox becomes an owner on accepting.",
	Data:        "Admin API GET /organization/invites: status, role, projects[].role. An invite without status is treated as possibly pending; one without a projects list is reported.",
	Remediation: "Delete the invite and re-invite as reader/member; promote after the person has joined and been verified.",
	SubjectKind: "invite",
	needs:       needs(CollectionInvites),
	run:         runInviteHighPrivilege,
})

func runInviteHighPrivilege(e *evalContext) {
	if !e.need(CollectionInvites, e.snap.Invites) {
		return
	}
	for _, inv := range e.snap.Invites.Items {
		// Only a finished invite is harmless; an unknown or
		// differently-cased status may still be pending.
		if sameWord(inv.Status, "accepted") || sameWord(inv.Status, "expired") {
			continue
		}
		var grants []string
		if isOrgOwner(inv.Role) {
			grants = append(grants, "organization role owner")
		}
		for _, p := range inv.Projects {
			switch {
			case sameWord(p.Role, projectRoleOwner):
				grants = append(grants, "owner of project "+p.ID)
			case !isKnownRole(knownProjectRoles, p.Role):
				grants = append(grants, fmt.Sprintf("unknown role %s in project %s (may be privileged)", UntrustedText(p.Role), p.ID))
			}
		}
		if inv.ProjectsNotReported {
			grants = append(grants, "project roles not reported (no projects list)")
		}
		switch {
		case strings.TrimSpace(inv.Role) == "":
			grants = append(grants, "organization role not reported")
		case !isOrgOwner(inv.Role) && !isKnownRole(knownOrgRoles, inv.Role):
			grants = append(grants, fmt.Sprintf("unknown organization role %s (may be privileged)", UntrustedText(inv.Role)))
		}
		if len(grants) == 0 {
			continue
		}
		f := inviteSubject(inv)
		f.Observed = strings.Join(grants, "; ")
		if inv.Status == "" {
			f.Observed += " (status not reported)"
		}
		f.Allowed = "pending invites with reader/member roles only"
		e.report(f)
	}
}

var _ = register(Check{
	ID: "invite_stale", Title: "Stale invite", Severity: SeverityLow,
	Description: "Flags invites pending longer than max_pending_days, past their expiry, or expired and never cleaned up. Old invites are access waiting for whoever reads that mailbox.",
	Data:        "Admin API invites: status, created_at (older API: invited_at), expires_at. An invite without status or created_at is reported.",
	Remediation: "Delete invites that were not accepted (DELETE /v1/organization/invites/{id}); re-invite if still needed.",
	SubjectKind: "invite",
	Params:      []ParamSpec{daysParam("max_pending_days", 14, 90, "Maximum days an invite may stay pending.")},
	needs:       needs(CollectionInvites),
	run:         runInviteStale,
})

func runInviteStale(e *evalContext) {
	if !e.need(CollectionInvites, e.snap.Invites) {
		return
	}
	maxDays := e.params.int("max_pending_days")
	for _, inv := range e.snap.Invites.Items {
		f := inviteSubject(inv)
		f.Allowed = "pending at most " + days(maxDays) + "; expired invites deleted"
		switch strings.ToLower(strings.TrimSpace(inv.Status)) {
		case "accepted":
			continue
		case "expired":
			f.Observed = "expired and not deleted"
		case "pending":
			switch {
			case inv.CreatedAt == nil:
				f.Observed = "pending; created_at not reported"
			case e.implausibleFuture(inv.CreatedAt):
				f.Observed = "pending; " + futureObserved("created_at", *inv.CreatedAt)
			case inv.ExpiresAt != nil && !e.now().Before(*inv.ExpiresAt):
				f.Observed = fmt.Sprintf("pending past its expiry (%s)", date(*inv.ExpiresAt))
			case e.ageDays(*inv.CreatedAt) > maxDays:
				f.Observed = fmt.Sprintf("pending for %s (sent %s)", days(e.ageDays(*inv.CreatedAt)), date(*inv.CreatedAt))
			default:
				continue
			}
		case "":
			f.Observed = "status not reported"
		default:
			f.Observed = "unknown status " + inv.Status
		}
		e.report(f)
	}
}

func inviteSubject(inv Invite) Finding {
	return Finding{SubjectID: inv.ID, SubjectName: inv.Email, SubjectEmail: inv.Email}
}
