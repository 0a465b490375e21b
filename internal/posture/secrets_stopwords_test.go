package posture

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
)

// plainSecretConfig is the configuration as gitleaks itself translates it,
// stop-word tries included: what secretConfig must decide like.
func plainSecretConfig(t *testing.T) config.Config {
	t.Helper()
	base, err := fixedDefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(base + "\n" + extraSecretRulesTOML)); err != nil {
		t.Fatal(err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		t.Fatal(err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func sortedStopwords(a *config.Allowlist) []string {
	w := slices.Clone(a.StopWords)
	slices.Sort(w)
	return w
}

// hasStopwordTrie reads gitleaks' unexported trie field: nil means
// ContainsStopWord scans the StopWords list.
func hasStopwordTrie(a *config.Allowlist) bool {
	return !reflect.ValueOf(a).Elem().FieldByName("stopwordTrie").IsNil()
}

// The loaded configuration holds every allowlist's stop words (the same
// words, descriptions and conditions as gitleaks' own translation) but no
// stop-word trie (8.5 MiB of the provider's heap).
func TestSecretConfigKeepsStopwordsWithoutTheirTrie(t *testing.T) {
	got, err := secretConfig()
	if err != nil {
		t.Fatal(err)
	}
	want := plainSecretConfig(t)
	compare := func(where string, g, w []*config.Allowlist) {
		t.Helper()
		if len(g) != len(w) {
			t.Fatalf("%s: %d allowlists, want %d", where, len(g), len(w))
		}
		for i := range g {
			if g[i].Description != w[i].Description || g[i].MatchCondition != w[i].MatchCondition || len(g[i].Regexes) != len(w[i].Regexes) {
				t.Errorf("%s allowlist %d: description %q condition %v, want %q %v", where, i, g[i].Description, g[i].MatchCondition, w[i].Description, w[i].MatchCondition)
			}
			if !slices.Equal(sortedStopwords(g[i]), sortedStopwords(w[i])) {
				t.Errorf("%s allowlist %d: %d stop words, want %d (the same)", where, i, len(g[i].StopWords), len(w[i].StopWords))
			}
			if len(g[i].StopWords) > 0 && hasStopwordTrie(g[i]) {
				t.Errorf("%s allowlist %d: a stop-word trie was built", where, i)
			}
		}
	}
	compare("global", got.Allowlists, want.Allowlists)
	words := 0
	for id, w := range want.Rules {
		compare(id, got.Rules[id].Allowlists, w.Allowlists)
		for _, a := range w.Allowlists {
			words += len(a.StopWords)
		}
	}
	if words < 500 {
		t.Fatalf("only %d rule stop words in gitleaks' default set: the test no longer covers generic-api-key's list", words)
	}
}

// A stop word inside a candidate secret still drops it, and the same value
// without it is still found.
func TestSecretStopwordsStillDropCandidates(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`password = "Zq8kXmWx3Lp9Rt2VbN7c"`, true},
		{`password = "Zq8AcademyWx3Lp9Rt2V"`, false}, // "academy" is a generic-api-key stop word
	} {
		res, err := detectSecrets(tc.text, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range res.matches {
			found = found || m.rule == "generic-api-key"
		}
		if found != tc.want {
			t.Errorf("%s: generic-api-key found %v, want %v (%+v)", tc.text, found, tc.want, res.matches)
		}
	}
}
