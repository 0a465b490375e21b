package posture

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// Stop words without their trie.
//
// gitleaks validates an allowlist's stop words into an Aho-Corasick trie
// whose every state is a [256]int64 transition row (2 KiB). The default
// configuration's two stop-word lists (the global allowlist's and
// generic-api-key's, about 1,800 words) make 4,000 states: 8.5 MiB held for
// the life of the provider, about 17 MiB of its peak RSS once the garbage
// collector's headroom is counted. An allowlist validated without stop
// words and given them afterwards has no trie, and gitleaks'
// ContainsStopWord then tests each stop word with strings.Contains on the
// lowercased secret: the same answer (some stop word is a substring of the
// secret), found by a loop that runs only for a candidate secret a rule's
// regex already matched, a few per plan.
//
// The words are set aside before Translate (an allowlist keeps them when
// they are its only condition: gitleaks refuses an empty one), the
// allowlist is marked through its description, and after Translate the
// words are put back lowercased and deduplicated, as Validate would have.

// stopwordMark prefixes the description of an allowlist whose stop words
// were set aside; the number indexes them.
const stopwordMark = "\x00stopwords-set-aside#"

// setAsideStopwords is one allowlist's stop words and its description.
type setAsideStopwords struct {
	description string
	words       []string
}

func setStopwordsAside(vc *config.ViperConfig) []setAsideStopwords {
	var out []setAsideStopwords
	take := func(description *string, words *[]string, otherChecks bool) {
		if len(*words) == 0 || !otherChecks {
			return
		}
		out = append(out, setAsideStopwords{description: *description, words: *words})
		*description = stopwordMark + strconv.Itoa(len(out)-1)
		*words = nil
	}
	for i := range vc.Rules {
		r := &vc.Rules[i]
		if a := r.AllowList; a != nil {
			take(&a.Description, &a.StopWords, len(a.Commits)+len(a.Paths)+len(a.Regexes) > 0)
		}
		for _, a := range r.Allowlists {
			take(&a.Description, &a.StopWords, len(a.Commits)+len(a.Paths)+len(a.Regexes) > 0)
		}
	}
	// The deprecated top-level [allowlist] table is still read by gitleaks
	// v8 (a shim until 9.x): its stop words are set aside like the others.
	if a := vc.AllowList; a != nil { //nolint:staticcheck // see above
		take(&a.Description, &a.StopWords, len(a.Commits)+len(a.Paths)+len(a.Regexes) > 0)
	}
	for _, a := range vc.Allowlists {
		take(&a.Description, &a.StopWords, len(a.Commits)+len(a.Paths)+len(a.Regexes) > 0)
	}
	return out
}

// restoreStopwords gives every marked allowlist of cfg its stop words back,
// and fails unless each set-aside list found its allowlist.
func restoreStopwords(cfg *config.Config, aside []setAsideStopwords) error {
	restored := make([]bool, len(aside))
	restore := func(a *config.Allowlist) error {
		n, ok := strings.CutPrefix(a.Description, stopwordMark)
		if !ok {
			return nil
		}
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || i >= len(aside) {
			return fmt.Errorf("allowlist %q: unknown stop-word mark", a.Description)
		}
		words := make([]string, 0, len(aside[i].words))
		for _, w := range aside[i].words {
			words = append(words, strings.ToLower(w))
		}
		slices.Sort(words)
		a.Description, a.StopWords = aside[i].description, slices.Compact(words)
		restored[i] = true
		return nil
	}
	for _, a := range cfg.Allowlists {
		if err := restore(a); err != nil {
			return err
		}
	}
	for _, r := range cfg.Rules {
		for _, a := range r.Allowlists {
			if err := restore(a); err != nil {
				return err
			}
		}
	}
	for i, ok := range restored {
		if !ok {
			return fmt.Errorf("the stop words of allowlist %q were set aside and not restored", aside[i].description)
		}
	}
	return nil
}
