package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/zricethezav/gitleaks/v8/detect"
)

// secretDetector finds one kind of secret-looking string. Detectors are
// deliberately specific (known prefixes) except generic_assignment, which
// also requires a high-entropy value to keep prose and schema types
// ("api_key: string") from matching.
type secretDetector struct {
	name string
	re   *regexp.Regexp
	// group is the submatch holding the secret value (0 = whole match).
	group int
	// minEntropy, when set, is the Shannon entropy (bits/char) the value
	// must reach.
	minEntropy float64
}

var secretDetectors = []secretDetector{
	{name: "openai_api_key", re: regexp.MustCompile(`\bsk-(?:proj-|admin-|svcacct-|None-)?[A-Za-z0-9_-]{20,}`)},
	{name: "aws_access_key_id", re: regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{name: "github_token", re: regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`)},
	{name: "slack_token", re: regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`)},
	{name: "private_key", re: regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`)},
	{name: "jwt", re: regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)},
	{name: "bearer_token", re: regexp.MustCompile(`(?i)\bbearer\s+([A-Za-z0-9._~+/-]{20,}=*)`), group: 1, minEntropy: 3.5},
	{
		name:       "generic_assignment",
		re:         regexp.MustCompile(`(?i)\b(?:api[_-]?key|secret|token|password|passwd|client[_-]?secret|access[_-]?key)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-./+=]{20,})`),
		group:      1,
		minEntropy: 3.5,
	},
}

// gitleaksDetectorName runs gitleaks' default rule set (content_detectors.go)
// after the detectors above; a value they already found is not reported
// again, so where the two overlap the finding keeps its established name.
const gitleaksDetectorName = "gitleaks"

// SecretDetectorNames lists the built-in detectors of dlp_gpt_instructions.
func SecretDetectorNames() []string {
	names := make([]string, 0, len(secretDetectors)+1)
	for _, d := range secretDetectors {
		names = append(names, d.name)
	}
	return append(names, gitleaksDetectorName)
}

// secretHit is a detected secret, already redacted: the value itself never
// leaves this file.
type secretHit struct {
	detector string
	// masked shows at most four leading characters of the value.
	masked string
	// digest identifies the value for a stable, non-reversible sub-key.
	digest string
}

// findSecrets returns the redacted secrets found in text, in order of
// detector then position, without duplicates.
func findSecrets(text string, disabled []string) []secretHit {
	var hits []secretHit
	var found []string
	seen := map[string]bool{}
	for _, d := range secretDetectors {
		if containsFold(disabled, d.name) {
			continue
		}
		for _, m := range d.re.FindAllStringSubmatch(text, -1) {
			value := m[d.group]
			if d.minEntropy > 0 && shannonEntropy(value) < d.minEntropy {
				continue
			}
			sum := sha256.Sum256([]byte(value))
			digest := hex.EncodeToString(sum[:4])
			if seen[d.name+digest] {
				continue
			}
			seen[d.name+digest] = true
			hits = append(hits, secretHit{detector: d.name, masked: maskSecret(value), digest: digest})
			found = append(found, value)
		}
	}
	if !containsFold(disabled, gitleaksDetectorName) {
		hits = append(hits, gitleaksSecrets(text, found, seen)...)
	}
	return hits
}

// gitleaksSecrets reports gitleaks' findings whose value overlaps none of
// the values already found (the same key, or a PEM block around a header
// found above). The rule id names the detector: "gitleaks:<rule>".
func gitleaksSecrets(text string, found []string, seen map[string]bool) []secretHit {
	cfg, err := gitleaksConfig()
	if err != nil {
		// The embedded configuration cannot fail to load in a released
		// build; report the failure as a finding rather than pass silently.
		return []secretHit{{detector: gitleaksDetectorName, masked: "detector unavailable: " + err.Error(), digest: "error"}}
	}
	var hits []secretHit
next:
	for _, f := range detect.NewDetector(cfg).DetectString(text) {
		value := firstNonEmpty(f.Secret, f.Match)
		for _, v := range found {
			if strings.Contains(value, v) || strings.Contains(v, value) {
				continue next
			}
		}
		name := gitleaksDetectorName + ":" + f.RuleID
		sum := sha256.Sum256([]byte(value))
		digest := hex.EncodeToString(sum[:4])
		if seen[name+digest] {
			continue
		}
		seen[name+digest] = true
		found = append(found, value)
		hits = append(hits, secretHit{detector: name, masked: maskSecret(value), digest: digest})
	}
	return hits
}

// maskSecret keeps a prefix short enough to identify the kind of key without
// helping anyone guess it: four characters, or fewer for short values.
func maskSecret(v string) string {
	n := 4
	if len(v) < 16 {
		n = 2
	}
	if strings.HasPrefix(v, "-----BEGIN") {
		return "-----BEGIN…PRIVATE KEY-----"
	}
	if len(v) < 8 {
		return "[redacted]"
	}
	return v[:n] + "…[redacted]"
}

func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	for _, r := range s {
		counts[r]++
	}
	keys := make([]rune, 0, len(counts))
	for r := range counts {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	n := float64(len([]rune(s)))
	var h float64
	for _, r := range keys {
		p := float64(counts[r]) / n
		h -= p * math.Log2(p)
	}
	return h
}
