package posture

import (
	"sort"
	"strings"
)

// Check is one entry of the catalog.
type Check struct {
	// ID is stable: it goes into state, SARIF rule ids and waivers.
	ID       string
	Title    string
	Severity Severity
	// Description says what the check flags and why it matters.
	Description string
	// Data names the API fields read, and flags unconfirmed ones.
	Data        string
	Remediation string
	// SubjectKind is the kind of object findings are about ("admin_api_key",
	// "gpt", ...).
	SubjectKind string
	Params      []ParamSpec
	// OptIn checks are left out of DefaultRules: they need declarations
	// (patterns, domains, projects, a mode) or flag a practice many
	// organizations accept.
	OptIn bool
	// WaiversNameFinding is set where the subject's owner writes what the
	// findings are about (uploaded files, instructions, memories): a waiver
	// of the whole subject would also accept whatever they upload next, so
	// each waiver must name the one finding it accepts (`finding`).
	WaiversNameFinding bool

	needs func(resolvedParams) []CollectionID
	// audit, when set, says what the check reads from the audit log and over
	// which window (audit_need.go); the provider asks through AuditNeeds.
	audit func(resolvedParams) AuditNeed
	// conversations, when set, is how many whole days back the check reads
	// conversations (conversation_need.go); the provider reads from the
	// start of the widest window through ConversationWindowDays.
	conversations func(resolvedParams) int
	// content, when set, says which file content and memories the check
	// reads (content_model.go); the provider asks through ContentNeeds.
	content func(resolvedParams) ContentNeed
	run     func(*evalContext)
	// validateParams, when set, checks parameters against each other (each
	// one already valid on its own), so a conflict is a validate-time error.
	validateParams func(resolvedParams) error
	// paramWarnings, when set, flags parameter values that are valid but
	// make part of the check a no-op (ValidateRule returns them as warnings).
	paramWarnings func(resolvedParams) []string
}

// Needs returns the collections the check reads with the given parameters
// (defaults filled in), sorted, so the provider fetches only those. Invalid
// parameters fall back to defaults; ValidateRule reports them.
func (c Check) Needs(params Params) []CollectionID {
	return normalizeNeeds(c.needs(c.bestEffortParams(params)))
}

// bestEffortParams resolves params for planning reads: invalid parameters
// fall back to defaults (ValidateRule reports them).
func (c Check) bestEffortParams(params Params) resolvedParams {
	p, _, errs := resolveParams(&c, params)
	if len(errs) > 0 {
		p = resolvedParams{}
		for _, s := range c.Params {
			if v, ok := params[s.Name]; ok && v.Kind == s.Kind {
				p[s.Name] = v
			} else {
				p[s.Name] = s.Default
			}
		}
	}
	return p
}

// DefaultParams returns the check's parameter defaults (required parameters
// are absent).
func (c Check) DefaultParams() Params {
	out := Params{}
	for _, s := range c.Params {
		if !s.Required {
			out[s.Name] = s.Default
		}
	}
	return out
}

func (c Check) paramNames() string {
	if len(c.Params) == 0 {
		return "(none)"
	}
	names := make([]string, len(c.Params))
	for i, s := range c.Params {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

func needs(ids ...CollectionID) func(resolvedParams) []CollectionID {
	return func(resolvedParams) []CollectionID { return ids }
}

// normalizeNeeds adds the project list for per-project collections, dedupes
// and sorts.
func normalizeNeeds(ids []CollectionID) []CollectionID {
	set := map[CollectionID]bool{}
	for _, id := range ids {
		set[id] = true
		if perProjectCollections[id] {
			set[CollectionProjects] = true
		}
		if id == CollectionGPTSharedUsers {
			set[CollectionGPTs] = true
		}
		if id == CollectionChatGPTProjectSharedUsers {
			set[CollectionChatGPTProjects] = true
		}
		if implied, ok := impliedCollections[id]; ok {
			set[implied] = true
		}
	}
	out := make([]CollectionID, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Needs returns the union of collections the rules need, sorted.
func Needs(rules []Rule) []CollectionID {
	var all []CollectionID
	for _, r := range rules {
		if c, ok := LookupCheck(r.CheckID); ok {
			all = append(all, c.Needs(r.Params)...)
		}
	}
	return normalizeNeeds(all)
}
