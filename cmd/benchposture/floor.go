package main

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Page sizes the client asks for (internal/openai/endpoints.go): the largest each
// endpoint allows. shared_users takes no limit; the simulator serves 100 a page.
const (
	adminPage         = 100
	complianceUsers   = 200
	complianceDefault = 100
	conversationsPage = 500
	sharedUsersPage   = 100
	// fanOut is the snapshot's per-project / per-GPT concurrency
	// (internal/snapshot/posture.go projectConcurrency).
	fanOut = 8
)

var checkRe = regexp.MustCompile(`(?m)^\s*check\s*=\s*"([a-z0-9_]+)"`)

// baselineRules reads the check ids of the baseline (examples/demo/main.tf). The
// demo's parameters do not change what a check reads (no scope or include_projects
// override), so default parameters give the same Needs and read windows.
func baselineRules(src []byte) []posture.Rule {
	var rules []posture.Rule
	for _, m := range checkRe.FindAllStringSubmatch(string(src), -1) {
		rules = append(rules, posture.Rule{CheckID: m[1], Enforcement: "warn"})
	}
	return rules
}

// loadBaseline reads the baseline without the excluded checks' blocks.
func loadBaseline(path, exclude string) ([]byte, []posture.Rule, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, id := range strings.Split(exclude, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	if src, err = withoutChecks(src, path, ids); err != nil {
		return nil, nil, err
	}
	return src, baselineRules(src), nil
}

func pages(n, size int) int {
	if n <= 0 {
		return 1 // an empty list is still one request
	}
	return (n + size - 1) / size
}

// floor is the minimum number of requests per endpoint for a plan of rules against
// fx, and the latency floor in round trips.
type floor struct {
	perEndpoint map[string]int
	total       int
	// chain is the longest chain of dependent round trips: the pages of one list,
	// or a list's pages followed by its per-item reads spread over fanOut workers.
	chain     int
	chainName string
}

// computeFloor derives the request floor from the fixture: each needed collection
// once, at the largest page size, plus one read (or its pages) per project / per GPT
// for per-item collections. Read windows (audit log, conversations) are the ones the
// snapshot derives from the rules (internal/snapshot windowsFor), evaluated at now.
func computeFloor(fx *openaisim.Fixture, rules []posture.Rule, now time.Time) floor {
	needs := map[posture.CollectionID]bool{}
	for _, id := range posture.Needs(rules) {
		needs[id] = true
	}
	fl := floor{perEndpoint: map[string]int{}}
	add := func(key string, n int) { fl.perEndpoint[key] += n }
	chain := func(name string, n int) {
		if n > fl.chain {
			fl.chain, fl.chainName = n, name
		}
	}
	list := func(id posture.CollectionID, key string, n, size int) {
		if needs[id] {
			p := pages(n, size)
			add(key, p)
			chain(key, p)
		}
	}
	list(posture.CollectionAdminAPIKeys, openai.EndpointAdminAPIKeys, len(fx.AdminAPIKeys), adminPage)
	list(posture.CollectionOrgUsers, openai.EndpointUsers, len(fx.Users), adminPage)
	list(posture.CollectionInvites, openai.EndpointInvites, len(fx.Invites), adminPage)
	list(posture.CollectionCertificates, openai.EndpointCertificates, len(fx.Certificates), adminPage)
	list(posture.CollectionOrgDataRetention, openai.EndpointOrgDataRetention, 0, 1)
	list(posture.CollectionSpendLimit, openai.EndpointSpendLimit, 0, 1)
	auditDays, convDays := windows(rules)
	if needs[posture.CollectionAuditLogs] {
		since := windowStart(now, auditDays)
		n := 0
		for _, e := range fx.AuditLogs {
			if !e.EffectiveAt.Resolve(now).Before(since) {
				n++
			}
		}
		list(posture.CollectionAuditLogs, openai.EndpointAuditLogs, n, adminPage)
	}
	list(posture.CollectionWorkspaceUsers, openai.EndpointComplianceUsers, len(fx.Workspace.Users), complianceUsers)
	list(posture.CollectionChatGPTProjects, openai.EndpointComplianceProjects, len(fx.Workspace.Projects), complianceDefault)
	if needs[posture.CollectionConversations] {
		n := len(fx.Workspace.Conversations)
		if convDays > 0 {
			since := windowStart(now, convDays)
			n = 0
			for _, c := range fx.Workspace.Conversations {
				if !lastActive(c, now).Before(since) {
					n++
				}
			}
		}
		list(posture.CollectionConversations, openai.EndpointComplianceConversations, n, conversationsPage)
	}
	if needs[posture.CollectionProjects] {
		listPages := pages(len(fx.Projects), adminPage)
		add(openai.EndpointProjects, listPages)
		chain(openai.EndpointProjects, listPages)
		type perProject struct {
			id       posture.CollectionID
			key      string
			archived bool // read for archived projects too
			n        func(p openaisim.Project) int
		}
		one := func(openaisim.Project) int { return 1 }
		for _, pp := range []perProject{
			{posture.CollectionProjectAPIKeys, openai.EndpointProjectAPIKeys, true, func(p openaisim.Project) int { return pages(len(p.APIKeys), adminPage) }},
			{posture.CollectionProjectServiceAccounts, openai.EndpointProjectServiceAccounts, false, func(p openaisim.Project) int { return pages(len(p.ServiceAccounts), adminPage) }},
			{posture.CollectionProjectUsers, openai.EndpointProjectUsers, false, func(p openaisim.Project) int { return pages(len(p.Users), adminPage) }},
			{posture.CollectionProjectDataRetention, openai.EndpointProjectDataRetention, false, one},
			{posture.CollectionProjectHostedToolPermissions, openai.EndpointProjectHostedToolPermissions, false, one},
			{posture.CollectionProjectModelPermissions, openai.EndpointProjectModelPermissions, false, one},
		} {
			if !needs[pp.id] {
				continue
			}
			sum, longest := 0, 0
			for _, p := range fx.Projects {
				if p.Status == "archived" && !pp.archived {
					continue
				}
				n := pp.n(p)
				sum += n
				longest = max(longest, n)
			}
			add(pp.key, sum)
			chain(openai.EndpointProjects+" then "+pp.key, listPages+max(longest, ceilDiv(sum, fanOut)))
		}
	}
	if needs[posture.CollectionGPTs] {
		listPages := pages(len(fx.Workspace.GPTs), complianceDefault)
		add(openai.EndpointComplianceGPTs, listPages)
		chain(openai.EndpointComplianceGPTs, listPages)
		if needs[posture.CollectionGPTSharedUsers] {
			sum, longest := 0, 0
			for _, g := range fx.Workspace.GPTs {
				if recipientsServedWhole(g) {
					continue // sharing.recipients already lists every direct recipient
				}
				n := pages(sharedUsersOf(g), sharedUsersPage)
				sum += n
				longest = max(longest, n)
			}
			add(openai.EndpointComplianceGPTSharedUsers, sum)
			chain(openai.EndpointComplianceGPTs+" then "+openai.EndpointComplianceGPTSharedUsers, listPages+max(longest, ceilDiv(sum, fanOut)))
		}
	}
	for _, n := range fl.perEndpoint {
		fl.total += n
	}
	return fl
}

// recipientsServedWhole reports whether the GPT list sends g's
// sharing.recipients whole, so a correct reader needs no GET …/shared_users
// for it. The simulator sends recipients as an array (spec C1), which is
// always whole, so this floor has no shared_users reads; the loader reads
// them only for GPTs whose recipients are absent, null or truncated
// (internal/snapshot gpts).
func recipientsServedWhole(openaisim.GPT) bool { return true }

func sharedUsersOf(g openaisim.GPT) int {
	if g.SharedUsers != nil {
		return len(g.SharedUsers)
	}
	return len(g.Sharing.Recipients)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// windows is what the loader reads: the audit log over the window the rules
// declare (posture.AuditNeeds), and conversations over the widest window they
// declare (posture.ConversationWindowDays; 0 = whole history), one read
// serving user_inactive and dlp_conversation_file.
func windows(rules []posture.Rule) (auditDays, convDays int) {
	return posture.AuditNeeds(rules).Days, posture.ConversationWindowDays(rules)
}

func windowStart(now time.Time, days int) time.Time {
	return now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -days)
}

func lastActive(c openaisim.Conversation, now time.Time) time.Time {
	if !c.LastActiveAt.IsZero() {
		return c.LastActiveAt.Resolve(now)
	}
	t := c.CreatedAt.Resolve(now)
	for _, m := range c.Messages {
		if !m.CreatedAt.IsZero() && m.CreatedAt.Resolve(now).After(t) {
			t = m.CreatedAt.Resolve(now)
		}
	}
	return t
}

// rateFloor is the shortest time the server's per-endpoint token buckets allow for
// the floor's requests: each endpoint starts with a full bucket of perMinute tokens
// and refills at perMinute*scale per minute; endpoints are independent, so the
// slowest one bounds the plan.
func rateFloor(fl floor, limits map[string]int, scale float64) (time.Duration, string) {
	var worst time.Duration
	name := ""
	keys := make([]string, 0, len(fl.perEndpoint))
	for k := range fl.perEndpoint {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n, lim := fl.perEndpoint[k], limits[k]
		if lim <= 0 || n <= lim {
			continue
		}
		d := time.Duration(float64(n-lim) / (float64(lim) * scale / 60) * float64(time.Second))
		if d > worst {
			worst, name = d, k
		}
	}
	return worst, name
}

// shortKey drops the method and the compliance workspace prefix from an endpoint key
// for the tables.
func shortKey(k string) string {
	k = strings.TrimPrefix(k, "GET ")
	k = strings.Replace(k, "/compliance/workspaces/{workspace_id}", "/compliance", 1)
	return strings.Replace(k, "/organization", "/org", 1)
}
