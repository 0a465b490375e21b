package snapshot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// warmSecretEngine starts posture.WarmSecretEngine once per process.
var warmSecretEngine sync.Once

// ProjectFanOut bounds the per-project (and per-GPT) fetches in flight, for
// the posture snapshot and for the provider's data sources alike. The client
// paces each endpoint anyway; this only keeps goroutines and open
// connections proportionate on orgs with thousands of projects.
const ProjectFanOut = 8

// ProjectArchived reports whether an Admin API project is archived, by the
// one predicate the posture checks use (posture.ProjectArchived).
func ProjectArchived(p openai.Project) bool {
	return posture.ProjectArchived(openai.String(p.Status), p.ArchivedAt.Valid)
}

// PostureSnapshot reads what rules need, judged at now, without the as-of
// rounding of posture.Run: for tests, benchmarks and the fault matrix, which
// pin the clock themselves. The provider goes through posture.Run.
func (l *Loader) PostureSnapshot(ctx context.Context, rules []posture.Rule, now time.Time) posture.Snapshot {
	return l.Snapshot(ctx, posture.DataRequest{Collections: posture.Needs(rules), Audit: posture.AuditNeeds(rules),
		ConversationDays: posture.ConversationWindowDays(rules), AsOf: now, Content: posture.ContentNeeds(rules)})
}

// Snapshot implements posture.Source: it reads what req names and converts
// it into the posture engine's model. It never fails as a whole: a
// collection that cannot be read is recorded as unreadable (with its
// endpoint and cause), and the checks that need it fail closed. Collections
// are fetched through the loader's cache, so several posture checks in one
// plan share each fetch.
func (l *Loader) Snapshot(ctx context.Context, req posture.DataRequest) posture.Snapshot {
	needs := map[posture.CollectionID]bool{}
	for _, id := range req.Collections {
		needs[id] = true
	}
	now := req.AsOf
	snap := posture.Snapshot{Now: now}

	// Each goroutine writes its own field of snap; errors are data here, so
	// the group never cancels.
	var g errgroup.Group
	g.SetLimit(l.limit(-1))
	run := func(id posture.CollectionID, f func()) {
		if needs[id] {
			g.Go(func() error { f(); return nil })
		}
	}
	run(posture.CollectionAdminAPIKeys, func() {
		v, err := l.AdminAPIKeys(ctx)
		snap.AdminAPIKeys = collection(v, err, convertAdminKey, openai.EndpointAdminAPIKeys)
	})
	run(posture.CollectionOrgUsers, func() {
		v, err := l.Users(ctx)
		snap.OrgUsers = cached(v.Engine, err, openai.EndpointUsers)
	})
	run(posture.CollectionInvites, func() {
		v, err := l.CompactInvites(ctx)
		snap.Invites = cached(v.Engine, err, openai.EndpointInvites)
	})
	run(posture.CollectionCertificates, func() {
		v, err := l.Certificates(ctx)
		snap.Certificates = collection(v, err, convertCertificate, openai.EndpointCertificates)
	})
	run(posture.CollectionOrgDataRetention, func() { snap.OrgDataRetention = l.orgDataRetention(ctx) })
	run(posture.CollectionSpendLimit, func() { snap.SpendLimit = l.spendLimit(ctx) })
	audit := req.Audit
	run(posture.CollectionAuditLogs, func() { snap.AuditLogs = l.auditEvents(ctx, now, audit.Days) })
	run(posture.CollectionTenantAuditLogs, func() {
		snap.TenantAuditLogs = l.tenantAuditEvents(ctx, now, audit.Days, audit.TenantEventTypes)
	})
	run(posture.CollectionProjects, func() { snap.Projects = l.projects(ctx, needs) })
	run(posture.CollectionOrgRoles, func() {
		v, err := l.Roles(ctx)
		snap.OrgRoles = collection(v, err, convertRole, openai.EndpointRoles)
	})
	run(posture.CollectionOrgGroups, func() { snap.OrgGroups = l.groups(ctx, needs) })
	run(posture.CollectionOrgUserRoles, func() { snap.OrgUserRoles = l.userRoles(ctx) })
	run(posture.CollectionWorkspaceUsers, func() {
		v, err := l.WorkspaceUsers(ctx)
		snap.WorkspaceUsers = cached(v.Engine, err, openai.EndpointComplianceUsers)
	})
	if needs[posture.CollectionGPTs] {
		// The secret engine's first load is large and short-lived: do it
		// now, not in the burst of GPT checks when the list completes.
		warmSecretEngine.Do(func() { go posture.WarmSecretEngine() })
	}
	run(posture.CollectionGPTs, func() { snap.GPTs = l.gpts(ctx, needs[posture.CollectionGPTSharedUsers]) })
	run(posture.CollectionChatGPTProjects, func() {
		snap.ChatGPTProjects = l.chatGPTProjects(ctx, needs[posture.CollectionChatGPTProjectSharedUsers])
	})
	run(posture.CollectionConversations, func() { snap.Conversations = l.conversations(ctx, now, req.ConversationDays) })
	l.loadContent(ctx, req, &snap, run) // content.go
	_ = g.Wait()
	return snap
}

// collection converts a fetched list, or records why it could not be read.
func collection[In, Out any](items []In, err error, convert func(In) Out, endpoint string) posture.Collection[Out] {
	if err != nil {
		return unreadable[Out](endpoint, err)
	}
	out := make([]Out, len(items))
	for i, it := range items {
		out[i] = convert(it)
	}
	return posture.Loaded(out...)
}

// convertAll converts a fetched audit log into the engine's form, which the
// loader caches instead of the decoded events (only the checks read them).
func convertAll(events []openai.AuditLog, err error) ([]posture.AuditEvent, error) {
	if err != nil {
		return nil, err
	}
	out := make([]posture.AuditEvent, len(events))
	for i, e := range events {
		out[i] = convertAuditEvent(e)
	}
	return out, nil
}

// cached wraps a collection the loader already keeps in the engine's form,
// shared by every check without a copy, or records why it could not be read.
func cached[T any](items []T, err error, endpoint string) posture.Collection[T] {
	if err != nil {
		return unreadable[T](endpoint, err)
	}
	return posture.Loaded(items...)
}

// value converts a fetched object, or records why it could not be read.
func value[In, Out any](item *In, err error, convert func(In) Out, endpoint string) posture.Value[Out] {
	switch {
	case err != nil:
		return posture.UnreadableValue[Out](endpoint, err)
	case item == nil:
		return posture.UnreadableValue[Out](endpoint, errors.New("empty response"))
	}
	return posture.LoadedValue(convert(*item))
}

// unreadable records a failed read. Only the audit log has a refusal that
// means something (AuditLogOff): it is marked Denied, which audit_logging
// reports as a finding; everything else is an error for every check.
func unreadable[T any](endpoint string, err error) posture.Collection[T] {
	return posture.Unreadable[T](endpoint, err)
}

// spendLimit maps "no spend limit set" (SettingNotConfigured) to a readable
// "not configured", which the spend_limit check reports, rather than to an
// error.
func (l *Loader) spendLimit(ctx context.Context) posture.Value[posture.SpendLimit] {
	sl, err := l.SpendLimit(ctx)
	if SettingNotConfigured(err) {
		return posture.LoadedValue(posture.SpendLimit{Configured: false})
	}
	return value(sl, err, convertSpendLimit, openai.EndpointSpendLimit)
}

// orgDataRetention maps "no retention control configured"
// (SettingNotConfigured) to a readable retention without a type, which
// data_retention reports as differing from the declared mode.
func (l *Loader) orgDataRetention(ctx context.Context) posture.Value[posture.DataRetention] {
	r, err := l.OrganizationDataRetention(ctx)
	if SettingNotConfigured(err) {
		return posture.LoadedValue(posture.DataRetention{})
	}
	return value(r, err, convertRetention, openai.EndpointOrgDataRetention)
}

// projects reads the project list and, for each project, the per-project
// collections some rule needs. Archived projects only get their API keys
// read: the API refuses most per-project reads on them, and only
// archived_project_keys looks at archived projects.
func (l *Loader) projects(ctx context.Context, needs map[posture.CollectionID]bool) posture.Collection[posture.Project] {
	list, err := l.Projects(ctx)
	if err != nil {
		return posture.Unreadable[posture.Project](openai.EndpointProjects, err)
	}
	out := make([]posture.Project, len(list))
	g := errgroup.Group{}
	g.SetLimit(l.limit(ProjectFanOut))
	for i, p := range list {
		out[i] = convertProject(p)
		g.Go(func() error {
			// The engine's notion of archived, so a project it judges is never one whose reads were skipped.
			l.fillProject(ctx, &out[i], out[i].Archived(), needs)
			return nil
		})
	}
	_ = g.Wait()
	return posture.Loaded(out...)
}

func (l *Loader) fillProject(ctx context.Context, p *posture.Project, archived bool, needs map[posture.CollectionID]bool) {
	endpoint := func(key string) string { return replaceID(key, "{project_id}", p.ID) }
	if needs[posture.CollectionProjectAPIKeys] {
		v, err := l.CompactProjectAPIKeys(ctx, p.ID)
		p.APIKeys = cached(v.Engine, err, endpoint(openai.EndpointProjectAPIKeys))
	}
	if archived {
		return
	}
	if needs[posture.CollectionProjectServiceAccounts] {
		v, err := l.ProjectServiceAccounts(ctx, p.ID)
		p.ServiceAccounts = collection(v, err, convertServiceAccount, endpoint(openai.EndpointProjectServiceAccounts))
	}
	if needs[posture.CollectionProjectUsers] {
		v, err := l.ProjectUsers(ctx, p.ID)
		p.Users = cached(v, err, endpoint(openai.EndpointProjectUsers))
	}
	if needs[posture.CollectionProjectDataRetention] {
		v, err := l.ProjectDataRetention(ctx, p.ID)
		p.DataRetention = value(v, err, convertRetention, endpoint(openai.EndpointProjectDataRetention))
	}
	if needs[posture.CollectionProjectHostedToolPermissions] {
		v, err := l.ProjectHostedToolPermissions(ctx, p.ID)
		p.HostedToolPermissions = value(v, err, convertHostedTools, endpoint(openai.EndpointProjectHostedToolPermissions))
	}
	if needs[posture.CollectionProjectModelPermissions] {
		mp, err := l.ProjectModelPermissions(ctx, p.ID)
		if SettingNotConfigured(err) {
			// No allow/deny list configured.
			p.ModelPermissions = posture.LoadedValue(posture.ModelPermissions{Configured: false})
		} else {
			p.ModelPermissions = value(mp, err, convertModelPermissions, endpoint(openai.EndpointProjectModelPermissions))
		}
	}
}

// gpts reads every GPT and, when a rule needs them, the directly shared
// users of each GPT whose sharing.recipients is not known to be whole
// (absent, null, without data or has_more, or truncated). A GPT whose
// embedded recipients are complete already lists every direct recipient:
// GET …/shared_users would repeat them at one request per GPT (20,000 at the
// issue's target size, over six hours at the Compliance API's rate limit).
func (l *Loader) gpts(ctx context.Context, sharedUsers bool) posture.Collection[posture.GPT] {
	gpts, err := l.GPTs(ctx)
	if err != nil {
		return unreadable[posture.GPT](openai.EndpointComplianceGPTs, err)
	}
	list := gpts.Engine
	incomplete := slices.ContainsFunc(list, func(g posture.GPT) bool { return g.RecipientsIncomplete })
	if !sharedUsers || !incomplete {
		return posture.Loaded(list...) // shared by every check as is
	}
	out := slices.Clone(list) // this check's copy, with the shared users filled in
	var g errgroup.Group
	g.SetLimit(l.limit(ProjectFanOut))
	for i := range out {
		if !out[i].RecipientsIncomplete {
			continue
		}
		id := out[i].ID
		g.Go(func() error {
			users, err := l.GPTSharedUsers(ctx, id)
			out[i].SharedUsers = collection(users, err, convertRecipient,
				replaceID(openai.EndpointComplianceGPTSharedUsers, "{gpt_id}", id))
			return nil
		})
	}
	_ = g.Wait()
	return posture.Loaded(out...)
}

// chatGPTProjects reads the ChatGPT projects and, when sharedUsers, the
// directly shared users of each workspace project whose sharing.recipients
// is not known to be whole (bounded fan-out): as for GPTs, complete embedded
// recipients already list every direct recipient.
func (l *Loader) chatGPTProjects(ctx context.Context, sharedUsers bool) posture.Collection[posture.ChatGPTProject] {
	list, err := l.ComplianceProjects(ctx)
	if err != nil {
		return unreadable[posture.ChatGPTProject](openai.EndpointComplianceProjects, err)
	}
	out := make([]posture.ChatGPTProject, len(list))
	var g errgroup.Group
	g.SetLimit(l.limit(ProjectFanOut))
	for i, p := range list {
		out[i] = convertChatGPTProject(p)
		// A third-party project's sharing is not the workspace's to read.
		if !sharedUsers || out[i].ThirdParty || !out[i].RecipientsIncomplete {
			continue
		}
		g.Go(func() error {
			users, err := l.ComplianceProjectSharedUsers(ctx, p.ID)
			out[i].SharedUsers = collection(users, err, convertRecipient,
				replaceID(openai.EndpointComplianceProjectSharedUsers, "{project_id}", p.ID))
			return nil
		})
	}
	_ = g.Wait()
	return posture.Loaded(out...)
}

// auditEvents reads the audit log over the last days days (whole days from
// midnight UTC, so every check of one plan asks the same window and shares
// one fetch).
func (l *Loader) auditEvents(ctx context.Context, now time.Time, days int) posture.Collection[posture.AuditEvent] {
	since := windowStart(now, days)
	key := fmt.Sprintf("%s#since=%d", openai.EndpointAuditLogs, since.Unix())
	events, err := load(ctx, l, key, func(ctx context.Context) ([]posture.AuditEvent, error) {
		return convertAll(l.client.ListAuditLogs(ctx, openai.AuditLogFilter{EffectiveAtGTE: &since}))
	})
	if AuditLogOff(err) {
		return posture.DeniedCollection[posture.AuditEvent](openai.EndpointAuditLogs, err)
	}
	return cached(events, err, openai.EndpointAuditLogs)
}

// conversations reads the workspace's conversations last updated within the
// last days whole days (since_timestamp at midnight UTC), or the whole
// history when days is 0. The checks declare their windows
// (posture.ConversationWindowDays); a read covering a window serves every
// narrower one (conversation_reads.go).
func (l *Loader) conversations(ctx context.Context, now time.Time, days int) posture.Collection[posture.Conversation] {
	var since time.Time
	if days > 0 {
		since = windowStart(now, days)
	}
	convs, err := l.conversationList(ctx, since)
	if err != nil {
		return unreadable[posture.Conversation](openai.EndpointComplianceConversations, err)
	}
	return collection(convs, nil, convertConversation, openai.EndpointComplianceConversations)
}

// tenantAuditEvents reads the tenant-scoped events of types over the same
// window with tenant_only=true (the API returns them only to such a query,
// and refuses it when any requested type is not tenant-scoped). Every type is
// checked here first, so a catalog mistake is an error naming the type rather
// than a 400. No types means nothing to read: an empty, readable list.
func (l *Loader) tenantAuditEvents(ctx context.Context, now time.Time, days int, types []string) posture.Collection[posture.AuditEvent] {
	endpoint := posture.CollectionTenantAuditLogs.Endpoint()
	if len(types) == 0 {
		return posture.Loaded[posture.AuditEvent]()
	}
	since := windowStart(now, days)
	key := fmt.Sprintf("%s#tenant#since=%d#types=%s", openai.EndpointAuditLogs, since.Unix(), strings.Join(types, ","))
	events, err := load(ctx, l, key, func(ctx context.Context) ([]posture.AuditEvent, error) {
		return convertAll(l.client.ListAuditLogs(ctx, openai.AuditLogFilter{EffectiveAtGTE: &since, TenantOnly: true, EventTypes: types}))
	})
	// Never Denied: a refused tenant query says nothing about whether audit
	// logging is on, so it is an error for the checks needing it.
	return cached(events, err, endpoint)
}

func windowStart(now time.Time, days int) time.Time {
	return now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -days)
}

// replaceID fills one placeholder of an endpoint key for error messages.
func replaceID(key, placeholder, id string) string {
	return strings.Replace(key, placeholder, id, 1)
}

// The loader is the provider's source of truth for posture.Run.
var _ posture.Source = (*Loader)(nil)
