package posture

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

var (
	// registry holds every check declared with register, in package
	// initialization order; loadCatalog sorts it by id.
	registry    []Check
	catalogOnce sync.Once
	catalogList []Check
	catalogByID map[string]*Check
)

// register adds a check to the catalog. Each check is one package-level
// declaration, `var _ = register(Check{...})`, so adding a check touches no
// list: the catalog is whatever was registered. It runs during package
// initialization, before anything can read the catalog. It returns the
// check's id only because a package-level declaration needs a value.
func register(c Check) string { //nolint:unparam // the result exists only so a check can be a package-level declaration
	registry = append(registry, c)
	return c.ID
}

func loadCatalog() {
	catalogOnce.Do(func() {
		all := append([]Check{}, registry...)
		sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
		catalogByID = make(map[string]*Check, len(all))
		for i := range all {
			if _, dup := catalogByID[all[i].ID]; dup {
				panic("posture: duplicate check id " + all[i].ID)
			}
			catalogByID[all[i].ID] = &all[i]
		}
		catalogList = all
	})
}

// Catalog returns every check, in id order.
func Catalog() []Check {
	loadCatalog()
	return append([]Check{}, catalogList...)
}

// CheckIDs returns every check id, sorted.
func CheckIDs() []string {
	loadCatalog()
	ids := make([]string, len(catalogList))
	for i, c := range catalogList {
		ids[i] = c.ID
	}
	return ids
}

// LookupCheck returns the check with id.
func LookupCheck(id string) (Check, bool) {
	loadCatalog()
	c, ok := catalogByID[id]
	if !ok {
		return Check{}, false
	}
	return *c, true
}

// UnknownCheckError is returned for a check id not in the catalog.
type UnknownCheckError struct {
	ID         string
	Suggestion string
}

func (e UnknownCheckError) Error() string {
	msg := fmt.Sprintf("unknown check id %q", e.ID)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg + "; valid: " + strings.Join(CheckIDs(), ", ")
}

func unknownCheck(id string) UnknownCheckError {
	best, bestDist := "", 1<<30
	for _, c := range CheckIDs() {
		if d := editDistance(strings.ToLower(id), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist > max(3, len(id)/3) {
		best = ""
	}
	return UnknownCheckError{ID: id, Suggestion: best}
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// DefaultRules returns a rule with default parameters and enforcement
// "error" for every check that is not opt-in: the baseline an organization
// gets without declaring anything.
func DefaultRules() []Rule {
	var rules []Rule
	for _, c := range Catalog() {
		if !c.OptIn {
			rules = append(rules, Rule{CheckID: c.ID, Enforcement: EnforcementError})
		}
	}
	return rules
}
