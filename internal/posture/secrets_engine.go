package posture

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	gitleakslog "github.com/zricethezav/gitleaks/v8/logging"
)

// secretConfig is gitleaks' default configuration with the extra rules of
// secrets_rules.go, translated once. It is embedded in the library: no file
// is read. A private viper instance keeps gitleaks' use of the global one
// out of this process.
var secretConfig = sync.OnceValues(func() (config.Config, error) {
	// gitleaks logs through a global zerolog logger, and some of its log
	// lines carry the matched secret: silence it for the whole process.
	gitleakslog.Logger = zerolog.Nop()
	base, err := fixedDefaultConfig()
	if err != nil {
		return config.Config{}, err
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(base + "\n" + extraSecretRulesTOML)); err != nil {
		return config.Config{}, fmt.Errorf("secret rules (gitleaks default config): %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return config.Config{}, fmt.Errorf("secret rules (gitleaks default config): %w", err)
	}
	stopwords := setStopwordsAside(&vc)
	cfg, err := vc.Translate()
	if err != nil {
		return config.Config{}, fmt.Errorf("secret rules (gitleaks default config): %w", err)
	}
	if err := restoreStopwords(&cfg, stopwords); err != nil {
		return config.Config{}, fmt.Errorf("secret rules (gitleaks default config): %w", err)
	}
	for _, id := range extraSecretRuleOrder {
		if _, ok := cfg.Rules[id]; !ok {
			return config.Config{}, fmt.Errorf("secret rules: extra rule %s did not load", id)
		}
	}
	return cfg, nil
})

// gitleaks' default global allowlist holds the regex `(?i)^true|false|null$`
// for every rule's secret. By precedence it reads "starts with true, or
// contains false, or ends with null": any token or password holding "false"
// (any case) is dropped. fixedDefaultConfig anchors it as meant,
// `^(?i:true|false|null)$`, and fails if the release no longer holds the
// line (so a new release is looked at, not silently trusted).
const (
	gitleaksAllowlistBroken = `'''(?i)^true|false|null$'''`
	gitleaksAllowlistFixed  = `'''^(?i:true|false|null)$'''`
)

func fixedDefaultConfig() (string, error) {
	if strings.Count(config.DefaultConfig, gitleaksAllowlistBroken) != 1 {
		return "", fmt.Errorf("secret rules (gitleaks default config): the global allowlist regex %s to correct was not found once", gitleaksAllowlistBroken)
	}
	return strings.Replace(config.DefaultConfig, gitleaksAllowlistBroken, gitleaksAllowlistFixed, 1), nil
}

// SecretDetectorNames lists the secret rule ids, sorted: gitleaks' default
// set and the extra rules. Each can be named in dlp_gpt_instructions'
// disabled_detectors. It is empty only if the embedded configuration
// failed to load (the checks then fail instead of passing).
func SecretDetectorNames() []string {
	cfg, err := secretConfig()
	if err != nil {
		return nil
	}
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// isExtraSecretRule reports whether id is one of our rules, not gitleaks'.
func isExtraSecretRule(id string) bool { return slices.Contains(extraSecretRuleOrder, id) }

// validateSecretDetectorList accepts "secrets" and secret rule ids (any
// case): dlp_gpt_instructions' disabled_detectors.
func validateSecretDetectorList(v ParamValue) error {
	return validateDetectorNames(v.List, []string{SecretsAll})
}

// validateDetectorNames accepts the named detector families and secret rule
// ids (any case), and rejects anything else naming the valid choices. A
// retired hand-written detector name is rejected with the rule ids that
// replaced it.
func validateDetectorNames(names, families []string) error {
	ids := SecretDetectorNames()
	if len(ids) == 0 {
		_, err := secretConfig()
		return err
	}
	for _, name := range names {
		if containsFold(families, name) || containsFold(ids, name) {
			continue
		}
		valid := fmt.Sprintf("valid: %s, or one of the %d secret rule ids (gitleaks %s's default set and ours): %s", strings.Join(families, ", "), len(ids), gitleaksRelease, strings.Join(ids, ", "))
		if repl, ok := retiredDetectorNames[strings.ToLower(strings.TrimSpace(name))]; ok {
			return fmt.Errorf("%q is a retired detector name (secrets are now found by gitleaks' rules); use %s instead; %s", name, strings.Join(repl, ", "), valid)
		}
		return fmt.Errorf("%q is not a detector; %s", name, valid)
	}
	return nil
}

// secretMatch is one secret found. value is the secret itself: it stays in
// this package and is turned into a redacted preview and a digest before
// anything is reported.
type secretMatch struct {
	rule string
	// line and column are 1-based.
	line, column int
	value        string
}

// detectSecrets runs the secret rules that disabled does not name over
// text, in chunks (secrets_scan.go), and over its decoded forms: gitleaks
// decodes base64, hex and percent-encoding to its CLI's default depth, and
// scanVariants strips format characters and JSON escapes. A rule is
// disabled by its id, or all of them by "secrets". Rules are removed from
// the configuration before detection, so a disabled rule cannot hide what
// another finds (gitleaks drops generic-api-key's finding when another rule
// found the same value). Where an extra rule and a rule of the default set
// find the same value, the default rule's finding is kept. Matches come
// sorted by line, column and rule, without duplicates of the same rule and
// value. A scan that stopped early (too many findings, too long) says so in
// the result's incomplete field.
func detectSecrets(text string, disabled []string) (secretScan, error) {
	if containsFold(disabled, SecretsAll) {
		return secretScan{}, nil
	}
	d, err := secretDetector(disabled)
	if err != nil {
		return secretScan{}, err
	}
	res := scanSecretChunks(text, func(chunk string) []secretMatch {
		var out []secretMatch
		for _, f := range d.DetectString(chunk) {
			out = append(out, secretMatch{rule: f.RuleID, line: f.StartLine + 1, column: f.StartColumn, value: firstNonEmpty(f.Secret, f.Match)})
		}
		return out
	})
	all := res.matches
	// Default rules first, then the extras in their order of precedence, so
	// that the overlap check below keeps the more specific finding.
	rank := func(m secretMatch) int { return slices.Index(extraSecretRuleOrder, m.rule) + 1 }
	sort.SliceStable(all, func(i, j int) bool {
		if a, b := rank(all[i]), rank(all[j]); a != b {
			return a < b
		}
		return secretMatchLess(all[i], all[j])
	})
	var kept []secretMatch
	seen := map[string]bool{}
	// Kept values by line, for the overlap check.
	keptByLine := map[int][]string{}
next:
	for _, m := range all {
		if seen[m.rule+"\x00"+m.value] {
			continue
		}
		if isExtraSecretRule(m.rule) {
			for _, v := range keptByLine[m.line] {
				if strings.Contains(v, m.value) || strings.Contains(m.value, v) {
					continue next
				}
			}
		}
		seen[m.rule+"\x00"+m.value] = true
		kept = append(kept, m)
		keptByLine[m.line] = append(keptByLine[m.line], m.value)
	}
	sort.SliceStable(kept, func(i, j int) bool { return secretMatchLess(kept[i], kept[j]) })
	res.matches = kept
	return res, nil
}

func secretMatchLess(a, b secretMatch) bool {
	if a.line != b.line {
		return a.line < b.line
	}
	if a.column != b.column {
		return a.column < b.column
	}
	return a.rule < b.rule
}

// secretDetectors caches a gitleaks detector per selection of disabled
// rules: building one (its keyword prefilter) costs fifty times a scan of a
// short text, and a check scans every GPT's instructions. A detector only
// reads its configuration while detecting, so one serves many scans.
var secretDetectors = struct {
	sync.Mutex
	byKey map[string]*detect.Detector
}{byKey: map[string]*detect.Detector{}}

// maxCachedSecretDetectors bounds the cache; past it, detectors are built
// per scan (a run holds a handful of selections, not dozens).
const maxCachedSecretDetectors = 32

func secretDetector(disabled []string) (*detect.Detector, error) {
	cfg, err := secretConfig()
	if err != nil {
		return nil, err
	}
	norm := make([]string, len(disabled))
	for i, d := range disabled {
		norm[i] = strings.ToLower(strings.TrimSpace(d))
	}
	slices.Sort(norm)
	key := strings.Join(slices.Compact(norm), "\x00")
	secretDetectors.Lock()
	defer secretDetectors.Unlock()
	if d, ok := secretDetectors.byKey[key]; ok {
		return d, nil
	}
	if len(disabled) > 0 {
		cfg = withoutRules(cfg, disabled)
	}
	if len(cfg.Rules) == 0 {
		return nil, errors.New("every secret rule is disabled")
	}
	d := newSecretDetector(cfg)
	if len(secretDetectors.byKey) < maxCachedSecretDetectors {
		secretDetectors.byKey[key] = d
	}
	return d, nil
}

// newSecretDetector builds a gitleaks detector the way every scan of ours
// needs it:
//   - IgnoreGitleaksAllow: gitleaks skips a line holding "gitleaks:allow", a
//     developer's inline suppression in a repository. In an uploaded file or
//     GPT instructions the uploader writes that line: it must not hide a key.
//   - MaxDecodeDepth 5, the gitleaks CLI's default: base64, hex and
//     percent-encoded values are decoded and scanned (a key in a base64
//     config blob). A decoded finding names the line of the encoded text.
func newSecretDetector(cfg config.Config) *detect.Detector {
	d := detect.NewDetector(cfg)
	d.IgnoreGitleaksAllow = true
	d.MaxDecodeDepth = secretMaxDecodeDepth
	return d
}

// secretMaxDecodeDepth is gitleaks' CLI default --max-decode-depth.
const secretMaxDecodeDepth = 5

// withoutRules returns a copy of cfg without the named rules, with the
// keyword prefilter rebuilt from the remaining ones.
func withoutRules(cfg config.Config, disabled []string) config.Config {
	out := cfg
	out.Rules = make(map[string]config.Rule, len(cfg.Rules))
	out.Keywords = map[string]struct{}{}
	out.OrderedRules = nil
	for _, id := range cfg.OrderedRules {
		r, ok := cfg.Rules[id]
		if !ok || containsFold(disabled, id) {
			continue
		}
		out.Rules[id] = r
		out.OrderedRules = append(out.OrderedRules, id)
		for _, k := range r.Keywords {
			out.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
	return out
}

// WarmSecretEngine loads the secret rules and builds the detector of the
// default selection, if not done yet. Loading parses gitleaks' TOML and
// compiles its regexps: tens of MB of short-lived allocations. The loader
// calls it in the background when a plan starts reading GPTs, so that this
// garbage comes while the heap is small, not when the GPT list completes and
// every GPT check evaluates at once (the provider's peak).
func WarmSecretEngine() {
	_, _ = secretDetector(nil)
}
