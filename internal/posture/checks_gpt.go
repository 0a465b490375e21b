package posture

import (
	"fmt"
	"strings"
)

// GPT sharing visibilities (Compliance API sharing.visibility).
const (
	visibilityInviteOnly        = "invite-only"
	visibilityWorkspaceWithLink = "workspace-with-link"
	visibilityWorkspace         = "workspace"
	visibilityAnyoneWithLink    = "anyone-with-link"
	visibilityGPTStore          = "gpt-store"
)

// knownVisibilities are the sharing.visibility values of the Compliance API
// spec; anything else is reported by every visibility check.
var knownVisibilities = []string{visibilityInviteOnly, visibilityWorkspaceWithLink, visibilityWorkspace, visibilityAnyoneWithLink, visibilityGPTStore}

func gptSubject(g GPT) Finding {
	return Finding{SubjectKind: "gpt", SubjectID: g.ID, SubjectName: firstNonEmpty(g.Name(), g.ID), SubjectEmail: g.OwnerEmail}
}

// knownToolTypes are the GPTTool.type values of the Compliance API spec (plus
// the custom-action spellings isCustomAction accepts). A tool of another
// type, or without a type, may call external services or run code: every
// check that judges tools reports it rather than passing it.
var knownToolTypes = []string{"code_interpreter", "browser", "dall-e", "memory", "custom_action"}

func knownToolType(t GPTTool) bool { return isCustomAction(t) || containsFold(knownToolTypes, t.Type) }

// authenticatedActionAuthTypes are the auth_type values known to mean the
// action authenticates: "oauth" (spec example) and the GPT builder's API-key
// kinds "service_http" (a key the builder set) and "user_http" (each user's
// own key), plus "api_key". The spec leaves auth_type a free string: "none"
// and any other value are reported.
var authenticatedActionAuthTypes = []string{"oauth", "service_http", "user_http", "api_key"}

// isCustomAction accepts the documented "custom_action" and the spellings a
// third-party model also checks (the enum is open).
func isCustomAction(t GPTTool) bool {
	switch strings.ToLower(t.Type) {
	case "custom_action", "custom-action", "action":
		return true
	}
	return false
}

// forEachGPT visits every GPT after checking the GPT list was read.
func forEachGPT(e *evalContext, fn func(GPT)) {
	if !e.need(CollectionGPTs, e.snap.GPTs) {
		return
	}
	for _, g := range e.snap.GPTs.Items {
		fn(g)
	}
}

// forEachTool visits the tools of every subject's latest configuration
// matching match; a subject without a reported configuration is itself a
// finding, since its tools cannot be judged.
func forEachTool(e *evalContext, src agentSource, match func(GPTTool) bool, fn func(GPTTool, Finding)) {
	src(e, func(a sharedAgent) {
		if !a.configReported {
			f := a.subject
			f.SubKey = "config_not_reported"
			f.Observed, f.Allowed = "latest_config not reported; tools cannot be judged", "a readable latest configuration"
			e.report(f)
			return
		}
		if a.toolsNotReported {
			f := a.subject
			f.SubKey = "tools_not_reported"
			f.Observed, f.Allowed = "latest_config tools not reported (or truncated); tools cannot be judged", "a complete tools list"
			e.report(f)
			return
		}
		seen := map[string]int{}
		for _, t := range a.tools {
			if !knownToolType(t) {
				reportUnknownTool(e, a, t, seen)
				continue
			}
			if !match(t) {
				continue
			}
			key := asciiLower(t.Type)
			if isCustomAction(t) {
				key = "custom_action:" + asciiLower(t.ActionDomain)
			}
			seen[key]++
			if n := seen[key]; n > 1 {
				key = fmt.Sprintf("%s%s%d", key, duplicateSeparator, n)
			}
			f := a.subject
			f.SubKey = key
			fn(t, f)
		}
	})
}

// reportUnknownTool reports a tool whose type the catalog does not know (or
// that has no type): it cannot be judged, and may be as risky as an action.
func reportUnknownTool(e *evalContext, a sharedAgent, t GPTTool, seen map[string]int) {
	typ := strings.TrimSpace(t.Type)
	// The sub-key names the domain too: a waiver accepting an unknown tool
	// does not cover the same tool re-pointed at another domain.
	key := "unknown_tool:" + asciiLower(typ) + ":" + firstNonEmpty(asciiLower(t.ActionDomain), "no_domain")
	seen[key]++
	if n := seen[key]; n > 1 {
		key = fmt.Sprintf("%s%s%d", key, duplicateSeparator, n)
	}
	f := a.subject
	f.SubKey = key
	if typ == "" {
		f.Observed = "tool type not reported; the tool cannot be judged"
	} else {
		f.Observed = fmt.Sprintf("unknown tool type %s (not one of %s); it may call external services or run code", UntrustedText(typ), strings.Join(knownToolTypes, ", "))
	}
	if t.ActionDomain != "" {
		f.Observed += " (domain " + UntrustedText(t.ActionDomain) + ")"
	}
	f.Allowed = "tools of known types only (review the tool and waive the " + a.noun + " if it is harmless)"
	e.report(f)
}

func toolTypeCheck(id, title string, sev Severity, toolType, what string) Check {
	return Check{
		ID: id, Title: title, Severity: sev,
		Description: fmt.Sprintf("Flags GPTs whose latest configuration enables %s. A tool of a type the catalog does not know, or without a type, is reported too.", what),
		Data:        fmt.Sprintf("Compliance API GET /gpts: latest_config tools[].type %q.", toolType),
		Remediation: fmt.Sprintf("Edit the GPT and turn off %s, or waive it with a justification if the GPT needs it.", what),
		SubjectKind: "gpt",
		needs:       needs(CollectionGPTs),
		run: func(e *evalContext) {
			forEachTool(e, gptAgents, func(t GPTTool) bool { return strings.EqualFold(t.Type, toolType) }, func(t GPTTool, f Finding) {
				f.Observed, f.Allowed = "tool "+t.Type+" enabled", "no "+toolType+" tool"
				e.report(f)
			})
		},
	}
}

func visibilityCheck(id, title string, sev Severity, optIn bool, what string, flagged ...string) Check {
	return Check{
		ID: id, Title: title, Severity: sev, OptIn: optIn,
		Description: fmt.Sprintf("Flags GPTs %s. A GPT without a reported visibility is reported too.", what),
		Data:        fmt.Sprintf("Compliance API GET /gpts: sharing.visibility in %s.", strings.Join(flagged, ", ")),
		Remediation: "Change the GPT's sharing to invite-only (or to the narrowest audience that needs it).",
		SubjectKind: "gpt",
		needs:       needs(CollectionGPTs),
		run:         visibilityRun(gptAgents, flagged),
	}
}

// visibilityRun flags the subjects whose visibility is one of flagged, not
// reported, or unknown.
func visibilityRun(src agentSource, flagged []string) func(*evalContext) {
	return func(e *evalContext) {
		src(e, func(a sharedAgent) {
			f := a.subject
			f.Allowed = "visibility other than " + strings.Join(flagged, ", ")
			switch {
			case a.thirdParty:
				reportThirdParty(e, a, f.Allowed)
				return
			case a.visibility == "":
				// Sub-keys keep "could not judge" apart from a violation, so
				// a waiver of one never covers the other.
				f.SubKey = "visibility_not_reported"
				f.Observed = "sharing.visibility not reported"
			case containsFold(flagged, a.visibility):
				// Where several visibilities are flagged, the sub-key names
				// the one seen: a waiver accepting a narrower audience
				// (anyone-with-link) does not cover a later, wider one
				// (gpt-store). A check flagging one has nothing to tell
				// apart, and keeps its fingerprints.
				if len(flagged) > 1 {
					f.SubKey = "visibility:" + asciiLower(a.visibility)
				}
				f.Observed = "visibility " + a.visibility
			case !containsFold(knownVisibilities, a.visibility):
				// An open enum: a value this provider does not know may be
				// as wide as the ones flagged, so it is never a silent pass.
				f.SubKey = "unknown_visibility:" + asciiLower(a.visibility)
				f.Observed = fmt.Sprintf("unknown visibility %s (not one of %s; review and waive if it is narrow)", UntrustedText(a.visibility), strings.Join(knownVisibilities, ", "))
			default:
				return
			}
			e.report(f)
		})
	}
}

var _ = register(Check{
	ID: "gpt_custom_actions", Title: "GPT with custom actions", Severity: SeverityHigh,
	Description: "Flags GPTs with custom actions: each sends conversation data to a third-party API. None are allowed unless waived. A tool of a type the catalog does not know, or without a type, is reported too: it may be an action under another name.",
	Data:        "Compliance API GET /gpts: latest_config tools[].type \"custom_action\" (also \"custom-action\"/\"action\", open enum).",
	Remediation: "Remove the action, or waive the GPT with a justification naming the reviewed API.",
	SubjectKind: "gpt",
	needs:       needs(CollectionGPTs),
	run:         customActionsRun(gptAgents),
})

// customActionsRun reports every custom action, naming its domain.
func customActionsRun(src agentSource) func(*evalContext) {
	return func(e *evalContext) {
		forEachTool(e, src, isCustomAction, func(t GPTTool, f Finding) {
			f.Observed = "custom action to " + quotedOr(t.ActionDomain, "(domain not reported)")
			f.Allowed = "no custom actions"
			e.report(f)
		})
	}
}

var _ = register(toolTypeCheck("gpt_code_interpreter", "GPT with code interpreter", SeverityMedium, "code_interpreter", "code interpreter (data analysis)"))

var _ = register(toolTypeCheck("gpt_web_browsing", "GPT with web browsing", SeverityMedium, "browser", "web browsing"))

var _ = register(visibilityCheck("gpt_public_store", "GPT published to the GPT Store", SeverityHigh, false, "published to the public GPT Store", visibilityGPTStore))

var _ = register(visibilityCheck("gpt_public_link", "GPT reachable by anyone with the link", SeverityHigh, false, "reachable by anyone with the link, inside or outside the workspace", visibilityAnyoneWithLink))

var _ = register(visibilityCheck("gpt_workspace_shared", "GPT shared with the whole workspace", SeverityLow, true, "shared with the whole workspace (opt-in: workspace sharing is often intended)", visibilityWorkspace, visibilityWorkspaceWithLink))

var _ = register(Check{
	ID: "gpt_action_domain", Title: "GPT action domain not allowed", Severity: SeverityHigh, OptIn: true,
	Description: "Flags custom actions calling a domain outside allowed_domains.",
	Data:        "Compliance API GET /gpts: latest_config tools[].action_domain of custom actions.",
	Remediation: "Remove the action or point it at an approved API; add the domain to allowed_domains only after review.",
	SubjectKind: "gpt",
	Params:      []ParamSpec{allowedActionDomainsParam},
	needs:       needs(CollectionGPTs),
	run:         actionDomainRun(gptAgents),
})

// allowedActionDomainsParam is the parameter of the action domain checks.
var allowedActionDomainsParam = ParamSpec{
	Name: "allowed_domains", Kind: ParamStringList, Required: true, validate: validateDomains,
	Description: "Domains actions may call: \"api.example.com\" (exact) or \"*.example.com\" (any subdomain).",
}

// actionDomainRun reports custom actions calling a domain outside the
// allowed_domains parameter (or not naming one).
func actionDomainRun(src agentSource) func(*evalContext) {
	return func(e *evalContext) {
		allowed := e.params.list("allowed_domains")
		forEachTool(e, src, isCustomAction, func(t GPTTool, f Finding) {
			f.Allowed = "action domains in " + strings.Join(allowed, ", ")
			switch {
			case t.ActionDomain == "":
				f.Observed = "action_domain not reported"
			case domainAllowed(allowed, t.ActionDomain):
				return
			default:
				f.Observed = "action calls " + UntrustedText(t.ActionDomain)
			}
			e.report(f)
		})
	}
}

var _ = register(Check{
	ID: "gpt_action_no_auth", Title: "GPT action without authentication", Severity: SeverityHigh,
	Description: "Flags custom actions with no authentication: the API they call is open to anyone, or the GPT relays unauthenticated calls.",
	Data:        "Compliance API GET /gpts: latest_config tools[].auth_type. Data: the spec leaves auth_type a free string; only oauth, service_http, user_http and api_key count as authenticated: \"none\", an unknown value or no auth_type is reported.",
	Remediation: "Configure API-key or OAuth authentication on the action.",
	SubjectKind: "gpt",
	needs:       needs(CollectionGPTs),
	run: func(e *evalContext) {
		forEachTool(e, gptAgents, isCustomAction, func(t GPTTool, f Finding) {
			f.Allowed = "auth_type one of " + strings.Join(authenticatedActionAuthTypes, ", ")
			domain := quotedOr(t.ActionDomain, "(domain not reported)")
			auth := strings.TrimSpace(t.AuthType)
			switch {
			case containsFold(authenticatedActionAuthTypes, auth):
				return
			case auth == "":
				f.SubKey += ":auth_type_not_reported"
				f.Observed = "auth_type not reported for " + domain
			case strings.EqualFold(auth, "none"):
				f.Observed = "auth_type none for " + domain
			default:
				f.SubKey += ":unknown_auth_type:" + asciiLower(auth)
				f.Observed = fmt.Sprintf("unknown auth_type %s for %s; cannot tell whether the action authenticates", UntrustedText(auth), domain)
			}
			e.report(f)
		})
	},
})

var _ = register(Check{
	ID: "gpt_external_share", Title: "GPT shared outside verified domains", Severity: SeverityHigh, OptIn: true,
	Description: "Flags GPTs shared directly with users whose email domain is not in allowed_domains.",
	Data:        "Compliance API GET /gpts sharing.recipients and GET /gpts/{id}/shared_users: email (a recipient without email is reported).",
	Remediation: "Remove the external recipient from the GPT's sharing, or isolate the GPT (DELETE /gpts/{id}/shared_users).",
	SubjectKind: "gpt",
	Params:      []ParamSpec{verifiedDomainsParam},
	needs:       needs(CollectionGPTs, CollectionGPTSharedUsers),
	run:         externalShareRun(gptAgents),
})

// verifiedDomainsParam is the parameter of the external share checks.
var verifiedDomainsParam = ParamSpec{
	Name: "allowed_domains", Kind: ParamStringList, Required: true, validate: validateDomains,
	Description: "The organization's verified email domains (\"example.com\", or \"*.example.com\" for subdomains).",
}

// externalShareRun reports direct recipients (sharing.recipients plus the
// shared_users listing) whose email domain is not allowed.
func externalShareRun(src agentSource) func(*evalContext) {
	return func(e *evalContext) { judgeExternalShare(e, src) }
}

func judgeExternalShare(e *evalContext, src agentSource) {
	allowed := e.params.list("allowed_domains")
	src(e, func(a sharedAgent) {
		if a.thirdParty {
			reportThirdParty(e, a, "recipients in "+strings.Join(allowed, ", "))
			return
		}
		recipients := a.recipients
		// Complete embedded recipients are every direct recipient; the
		// snapshot reads shared_users only for subjects whose list is not.
		switch {
		case !a.recipientsIncomplete:
			// judged below from a.recipients alone
		case e.needFor(a.sharedUsersCollection, a.subject.SubjectID, a.sharedUsers):
			recipients = append(append([]GPTRecipient{}, recipients...), a.sharedUsers.Items...)
		default:
			// Neither source is whole: say so on the subject itself,
			// besides the data error for shared_users.
			f := a.subject
			f.SubKey = "recipients_incomplete"
			f.Observed, f.Allowed = "sharing.recipients not reported whole and shared_users unreadable; recipients cannot be judged", "recipients in "+strings.Join(allowed, ", ")
			e.report(f)
		}
		// One finding per account: deduplicated by id (the API's); a
		// recipient without an id only by its email (the same account as
		// listed by the other source). Two accounts sharing an email both
		// stay, and Evaluate gives the second its own fingerprint. The
		// sub-key folds ASCII case alone: Unicode folding would give a
		// different account ("\u212aate@", Kelvin sign) an accepted
		// recipient's sub-key.
		// An id is deduplicated only with its email: the two sources may
		// report one id with two emails (changed between the reads, or
		// inconsistent data), and every email reported is judged.
		type idEmail struct{ id, email string }
		seenID, seenEmail, seenBlank := map[idEmail]bool{}, map[string]bool{}, false
		for _, r := range recipients {
			email := asciiLower(r.Email)
			var dup bool
			switch {
			case r.ID != "":
				k := idEmail{r.ID, email}
				dup, seenID[k] = seenID[k], true
			case email != "":
				dup = seenEmail[email]
			default: // neither: reported once, as not judged
				dup, seenBlank = seenBlank, true
			}
			if email != "" {
				seenEmail[email] = true
			}
			if dup {
				continue
			}
			f := a.subject
			f.SubKey = "recipient:" + asciiLower(firstNonEmpty(r.Email, r.ID))
			f.Allowed = "recipients in " + strings.Join(allowed, ", ")
			if r.Email == "" {
				f.Observed = "recipient " + r.ID + " email not reported"
			} else if domainAllowed(allowed, emailDomain(r.Email)) {
				continue
			} else {
				f.Observed = "shared with " + UntrustedText(r.Email)
			}
			e.report(f)
		}
	})
}

var _ = register(Check{
	ID: "gpt_shared_editable", Title: "GPT shared with edit or view-config permission", Severity: SeverityMedium,
	Description: "Flags GPTs whose sharing audience or direct recipients may edit the GPT or view its configuration (instructions, files, action schemas).",
	Data:        "Compliance API GET /gpts: sharing.permissions and sharing.recipients[].permissions (can_write, can_view_config).",
	Remediation: "Share the GPT chat-only (can_read); keep editors to the owner.",
	SubjectKind: "gpt",
	Params: []ParamSpec{{
		Name: "allow_view_config", Kind: ParamBool, Default: BoolValue(false),
		Description: "Accept can_view_config (flag only can_write).",
	}},
	needs: needs(CollectionGPTs),
	run:   sharedEditableRun(gptAgents),
})

// sharedEditableRun reports audiences and recipients that may edit the
// subject or view its configuration.
func sharedEditableRun(src agentSource) func(*evalContext) {
	return func(e *evalContext) { judgeSharedEditable(e, src) }
}

func judgeSharedEditable(e *evalContext, src agentSource) {
	allowView := e.params.boolean("allow_view_config")
	allowed := "chat-only sharing (can_read)"
	if allowView {
		allowed = "no can_write for shared audiences"
	}
	judge := func(f Finding, who string, p *GPTPermissions) {
		f.Allowed = allowed
		// The sub-key names the permission: a waiver accepting view-config
		// does not cover a later can_write.
		switch {
		case p == nil:
			f.SubKey += ":permissions_not_reported"
			f.Observed = who + " permissions not reported"
		case p.Incomplete && !p.CanWrite && !(p.CanViewConfig && !allowView):
			f.SubKey += ":permissions_incomplete"
			f.Observed = who + " permissions not fully reported (can_write or can_view_config missing)"
		case p.CanWrite:
			f.SubKey += ":can_write"
			f.Observed = who + " can edit (can_write)"
		case p.CanViewConfig && !allowView:
			f.SubKey += ":can_view_config"
			f.Observed = who + " can view configuration (can_view_config)"
		default:
			return
		}
		e.report(f)
	}
	src(e, func(a sharedAgent) {
		if a.thirdParty {
			reportThirdParty(e, a, allowed)
			return
		}
		if !sameWord(a.visibility, visibilityInviteOnly) {
			// The sub-key names the audience: a waiver accepting what the
			// workspace may do does not cover anyone with the link.
			f := a.subject
			f.SubKey = "audience:" + firstNonEmpty(asciiLower(a.visibility), "visibility_not_reported")
			judge(f, "audience "+firstNonEmpty(a.visibility, "(visibility not reported)"), a.permissions)
		}
		for _, r := range a.recipients {
			f := a.subject
			f.SubKey = "recipient:" + asciiLower(firstNonEmpty(r.ID, r.Email))
			judge(f, "recipient "+nameOrID(r.ID, r.Email), r.Permissions)
		}
		if a.recipientsIncomplete {
			f := a.subject
			f.SubKey = "recipients_incomplete"
			f.Observed, f.Allowed = "sharing.recipients not reported whole (absent, without data, or has_more); recipients cannot all be judged", allowed+" for every recipient"
			e.report(f)
		}
	})
}

var _ = register(Check{
	ID: "gpt_orphaned", Title: "GPT whose owner is gone", Severity: SeverityMedium,
	Description: "Flags GPTs whose owner is no longer an active workspace member: nobody maintains them, yet they keep running with their actions and files.",
	Data:        "Compliance API GET /gpts owner_id, GET /users status. Data: status values beyond active/inactive (\"deactivated\") are unconfirmed (digest §2.6); anything but active counts as gone.",
	Remediation: "Transfer the GPT to an active owner or delete it.",
	SubjectKind: "gpt",
	needs:       needs(CollectionGPTs, CollectionWorkspaceUsers),
	run:         runGptOrphaned,
})

func runGptOrphaned(e *evalContext) {
	gptsOK := e.need(CollectionGPTs, e.snap.GPTs)
	usersOK := e.need(CollectionWorkspaceUsers, e.snap.WorkspaceUsers)
	if !gptsOK || !usersOK {
		return
	}
	users := map[string]WorkspaceUser{}
	for _, u := range e.snap.WorkspaceUsers.Items {
		users[u.ID] = u
	}
	for _, g := range e.snap.GPTs.Items {
		f := gptSubject(g)
		f.Allowed = "an active owner"
		u, found := users[g.OwnerID]
		// Keyed by owner: a waiver accepts this owner's departure, not
		// the next owner's.
		f.SubKey = "owner:" + g.OwnerID
		switch {
		case g.OwnerID == "":
			f.SubKey = "owner_not_reported"
			f.Observed = "owner_id not reported"
		case !found:
			f.Observed = fmt.Sprintf("owner %s is not a workspace member", nameOrID(g.OwnerID, g.OwnerEmail))
		case u.Status == "":
			f.SubKey += ":status_not_reported"
			f.Observed = fmt.Sprintf("owner %s status not reported", nameOrID(u.ID, u.Email))
		case !workspaceUserActive(u):
			f.Observed = fmt.Sprintf("owner %s is %s", nameOrID(u.ID, u.Email), u.Status)
		default:
			continue
		}
		e.report(f)
	}
}
