package posture

import "strings"

// secretHit is a secret found in GPT instructions or an action schema,
// already redacted: the value itself never leaves this package.
type secretHit struct {
	// detector is the secret rule id (gitleaks' or one of the extra rules).
	detector string
	// masked shows at most four leading characters of the value.
	masked string
	// line is the 1-based line the value (or its encoded form) is on.
	line int
	// ordinal is the hit's rank among its rule's distinct values, in order
	// of position (1 for the first): with the rule id it keys the finding.
	// It says nothing about the value, and stays the same while the text
	// does. (A digest of the value would let anyone holding the state or a
	// report confirm a guessed password.)
	ordinal int
}

// findSecrets returns the redacted secrets found in text by the secret
// engine (secrets_engine.go), minus the disabled rules, in order of
// position, one per rule and value, and why the scan stopped early if it
// did (empty when the whole text was scanned).
func findSecrets(text string, disabled []string) ([]secretHit, string, error) {
	res, err := detectSecrets(text, disabled)
	if err != nil {
		return nil, "", err
	}
	hits := make([]secretHit, 0, len(res.matches))
	perRule := map[string]int{}
	for _, m := range res.matches {
		perRule[m.rule]++
		hits = append(hits, secretHit{detector: m.rule, masked: maskSecret(m.value), line: m.line, ordinal: perRule[m.rule]})
	}
	return hits, res.incomplete, nil
}

// maskSecret keeps a prefix short enough to identify the kind of key without
// helping anyone guess it: four characters, or fewer for short values.
func maskSecret(v string) string {
	if strings.HasPrefix(v, "-----BEGIN") {
		return "-----BEGIN…PRIVATE KEY-----"
	}
	r := []rune(v)
	n := 4
	if len(r) < 16 {
		n = 2
	}
	if len(r) < 8 {
		return "[redacted]"
	}
	return string(r[:n]) + "…[redacted]"
}

// redactSecretsInName returns an untrusted name (a file name: the uploader
// chooses it) with every secret the secret rules find in it replaced by
// the rule id, for use in finding text and sub-keys. A secret found only in
// a decoded or normalised form of the name, or a scan that failed, withholds
// the whole name: what is shown never carries the value.
func redactSecretsInName(name string) string {
	if name == "" {
		return name
	}
	res, err := detectSecrets(name, nil)
	if err != nil || res.incomplete != "" {
		return "[name withheld: it could not be scanned for secrets]"
	}
	out := name
	for _, m := range res.matches {
		if m.value == "" || !strings.Contains(out, m.value) {
			return "[name withheld: it holds a " + m.rule + " secret]"
		}
		out = strings.ReplaceAll(out, m.value, "["+m.rule+" redacted]")
	}
	return out
}
