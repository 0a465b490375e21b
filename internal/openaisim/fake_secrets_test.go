package openaisim

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

func secretRules(t *testing.T, text string) []string {
	t.Helper()
	v, err := posture.ScanContent(text, posture.ContentSelection{Detectors: []string{posture.DetectorSecrets}})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, h := range v.Hits {
		rules = append(rules, h.Rule)
	}
	return rules
}

// Each planted fake secret is found by the rule it is named after (AWS's
// documented example key, which the sample used to plant, is allowlisted by
// gitleaks and would find nothing).
func TestFakeSecretsAreDetectedByTheirRule(t *testing.T) {
	for _, kind := range FakeSecretKinds() {
		v, err := FakeSecret(kind)
		if err != nil {
			t.Fatal(err)
		}
		if got := secretRules(t, "planted:\n"+v+"\n"); len(got) != 1 || got[0] != kind {
			t.Errorf("%s: found %v", kind, got)
		}
		if !strings.Contains(v, "TESTONLY") {
			t.Errorf("%s: %q is not obviously fake", kind, v)
		}
	}
	if got := secretRules(t, "AKIA"+"IOSFODNN7EXAMPLE"); len(got) != 0 {
		t.Errorf("AWS's example key found by %v: the premise of this file changed", got)
	}
	if got := secretRules(t, fakeOpenAIKeyN(7)); len(got) != 1 || got[0] != FakeOpenAIKey {
		t.Errorf("generated OpenAI key: found %v", got)
	}
}

// The committed fixtures hold placeholders, not secrets: a secret scanner
// run over them finds nothing, and loading them plants the values.
func TestFixturesCommitNoSecretShapedStrings(t *testing.T) {
	err := fs.WalkDir(fixtureFS, "fixtures", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fixtureFS.ReadFile(path)
		if err != nil {
			return err
		}
		if got := secretRules(t, string(b)); len(got) != 0 {
			t.Errorf("%s: committed text holds secret-shaped strings: %v", path, got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	aws, _ := FakeSecret(FakeAWSAccessKeyID)
	pem, _ := FakeSecret(FakePrivateKey)
	var instructions string
	for _, g := range SampleOrg().Workspace.GPTs {
		if g.ID == "g-SimSecretInstructions" {
			instructions = g.Configs[0].Instructions
		}
	}
	if !strings.Contains(instructions, aws) || !strings.Contains(instructions, pem) || strings.Contains(instructions, "{{") {
		t.Errorf("placeholders not expanded: %q", instructions)
	}
	if got := secretRules(t, instructions); strings.Join(got, ",") != "private-key,aws-access-token" {
		t.Errorf("seeded instructions: found %v", got)
	}
}

func TestUnknownFakeSecretKindIsAnError(t *testing.T) {
	_, err := LoadFixture(strings.NewReader(`{"comment": "{{fake_secret:aws-key}}"}`))
	if err == nil || !strings.Contains(err.Error(), `no fake secret of kind "aws-key" (valid: aws-access-token, github-pat`) {
		t.Errorf("err = %v", err)
	}
}
