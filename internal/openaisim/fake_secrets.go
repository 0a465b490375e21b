package openaisim

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Fake secrets planted in fixtures, named by the secret rule (gitleaks'
// default set, or the posture engine's extra rules) that must find them.
// Each value is assembled at run time from obviously fake parts (TESTONLY,
// FAKE, SIMULATED) so that no string committed to this repository looks like
// a credential to a secret scanner, while the assembled value meets the
// rule's pattern and entropy (AWS's documented example key would not: gitleaks
// allowlists keys ending in EXAMPLE).
const (
	FakeAWSAccessKeyID = "aws-access-token"
	FakeGitHubPAT      = "github-pat"
	FakePrivateKey     = "private-key"
	FakeOpenAIKey      = "openai-prefixed-api-key"
)

var fakeSecrets = map[string]string{
	FakeAWSAccessKeyID: "AKIA" + "TESTONLYFAKEKEY2",
	FakeGitHubPAT:      "ghp" + "_" + "TESTONLYfakeTOKENx1y2z3w4v5u6t7s8r9q0",
	FakePrivateKey: "-----BEGIN " + "PRIVATE KEY-----\n" +
		strings.Repeat("SIMULATED0NOT0A0REAL0KEY0TESTONLY", 2) + "\n" +
		"FAKE0FAKE0FAKE0TESTONLY\n" +
		"-----END " + "PRIVATE KEY-----",
	FakeOpenAIKey: "sk-" + "proj-" + "TESTONLYfake0123456789abcdefXYZ",
}

// FakeSecretKinds lists the kinds FakeSecret knows, sorted.
func FakeSecretKinds() []string {
	kinds := make([]string, 0, len(fakeSecrets))
	for k := range fakeSecrets {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}

// FakeSecret returns the planted fake secret of a kind (a Fake* constant).
func FakeSecret(kind string) (string, error) {
	v, ok := fakeSecrets[kind]
	if !ok {
		return "", fmt.Errorf("openaisim: no fake secret of kind %q (valid: %s)", kind, strings.Join(FakeSecretKinds(), ", "))
	}
	return v, nil
}

// PlantedSecrets returns every fake secret value the fixtures can plant, for
// tests asserting that none reaches state, plan output or logs.
func PlantedSecrets() []string {
	out := make([]string, 0, len(fakeSecrets))
	for _, k := range FakeSecretKinds() {
		out = append(out, fakeSecrets[k])
	}
	return out
}

// fakeOpenAIKeyN is a distinct fake OpenAI key per generated GPT.
func fakeOpenAIKeyN(i int) string { return fmt.Sprintf("%s%06d", fakeSecrets[FakeOpenAIKey], i) }

// fakeSecretPlaceholder is how a fixture's JSON plants a fake secret: the
// placeholder, inside any JSON string, becomes the value (JSON-escaped).
var fakeSecretPlaceholder = regexp.MustCompile(`\{\{fake_secret:([a-z0-9-]+)\}\}`)

// expandFakeSecrets replaces the placeholders of a fixture's JSON text; an
// unknown kind is an error naming the valid ones.
func expandFakeSecrets(raw []byte) ([]byte, error) {
	var err error
	out := fakeSecretPlaceholder.ReplaceAllFunc(raw, func(m []byte) []byte {
		kind := string(fakeSecretPlaceholder.FindSubmatch(m)[1])
		v, e := FakeSecret(kind)
		if e != nil {
			if err == nil {
				err = fmt.Errorf("fixture: %w", e)
			}
			return m
		}
		quoted, _ := json.Marshal(v)
		return quoted[1 : len(quoted)-1]
	})
	return out, err
}
