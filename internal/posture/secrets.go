package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// secretHit is a secret found in GPT instructions or an action schema,
// already redacted: the value itself never leaves this package.
type secretHit struct {
	// detector is the secret rule id (gitleaks' or one of the extra rules).
	detector string
	// masked shows at most four leading characters of the value.
	masked string
	// digest identifies the value for a stable, non-reversible sub-key.
	digest string
}

// findSecrets returns the redacted secrets found in text by the secret
// engine (secrets_engine.go), minus the disabled rules, in order of
// position, one per rule and value.
func findSecrets(text string, disabled []string) ([]secretHit, error) {
	matches, err := detectSecrets(text, disabled)
	if err != nil {
		return nil, err
	}
	hits := make([]secretHit, 0, len(matches))
	for _, m := range matches {
		hits = append(hits, secretHit{detector: m.rule, masked: maskSecret(m.value), digest: secretDigest(m.value)})
	}
	return hits, nil
}

// secretDigest is a short, non-reversible identifier of a value: enough to
// tell two values apart in a sub-key, far too short to confirm a guess.
func secretDigest(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:4])
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
