package posture

import (
	"slices"
	"strings"
	"testing"
)

// defaultRulesOnly detects with gitleaks' default set alone (the extra
// rules removed), to show what that set finds by itself.
func defaultRulesOnly(t *testing.T, text string) []string {
	t.Helper()
	matches, err := detectSecrets(text, extraSecretRuleOrder)
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, m := range matches.matches {
		if isExtraSecretRule(m.rule) {
			t.Fatalf("extra rule %s ran although disabled", m.rule)
		}
		rules = append(rules, m.rule)
	}
	return rules
}

func ruleIDs(t *testing.T, text string, disabled ...string) []string {
	t.Helper()
	hits, _, err := findSecrets(text, disabled)
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, h := range hits {
		rules = append(rules, h.detector)
	}
	return rules
}

// Every hand-written pattern this package once had, other than the three
// extra rules, is covered by a rule of gitleaks' default set: each retired
// pattern's kind of value is found by that set alone, under the rule id the
// retired name now points to.
func TestDefaultSecretRulesCoverRetiredPatterns(t *testing.T) {
	f := fakeSecrets
	for _, tc := range []struct{ retired, text, rule string }{
		{"openai_api_key", f.openAIModern, "openai-api-key"},
		{"aws_access_key_id", "S3 upload key: " + f.awsKeyID, "aws-access-token"},
		{"github_token", f.githubPAT, "github-pat"},
		{"github_token", f.githubOAuth, "github-oauth"},
		{"github_token", f.githubFineGrained, "github-fine-grained-pat"},
		{"slack_token", f.slackBot, "slack-bot-token"},
		{"private_key", f.pem, "private-key"},
		{"jwt", "token: " + f.jwt, "jwt"},
		{"generic_assignment", f.generic, "generic-api-key"},
	} {
		t.Run(tc.retired+"/"+tc.rule, func(t *testing.T) {
			text := "Preamble.\n" + tc.text + "\ntrailer."
			if got := defaultRulesOnly(t, text); !slices.Equal(got, []string{tc.rule}) {
				t.Errorf("gitleaks default set found %v, want [%s]", got, tc.rule)
			}
			if got := ruleIDs(t, text); !slices.Equal(got, []string{tc.rule}) {
				t.Errorf("engine found %v, want [%s] once", got, tc.rule)
			}
			if repl := retiredDetectorNames[tc.retired]; tc.retired != "jwt" && !slices.Contains(repl, tc.rule) {
				t.Errorf("retired name %s points to %v, not to %s", tc.retired, repl, tc.rule)
			}
		})
	}
}

// Each extra rule exists because gitleaks' default set misses a format a
// DLP check must catch: the default set finds nothing in these samples, the
// engine finds them under the extra rule's id.
func TestExtraSecretRulesCatchWhatDefaultsMiss(t *testing.T) {
	f := fakeSecrets
	for _, tc := range []struct{ name, text, rule string }{
		{"OpenAI project key of the 2024 length", "key=" + f.openAIShortProject, ruleOpenAIPrefixedKey},
		{"OpenAI sk-None- key", f.openAINone, ruleOpenAIPrefixedKey},
		{"OpenAI admin key without the marker", "Use " + f.openAINoMarker + " for the API.", ruleOpenAIPrefixedKey},
		{"Authorization header in instructions", "Send " + f.bearer + " with every call.", ruleAuthorizationBearer},
		{"Authorization header in a JSON schema", f.bearerJSON, ruleAuthorizationBearer},
		{"password in a connection URI", "Connect to " + f.connection + " for reports.", ruleConnectionStringCreds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := defaultRulesOnly(t, tc.text); len(got) != 0 {
				t.Errorf("gitleaks' default set found %v: the extra rule %s is not needed for this sample", got, tc.rule)
			}
			if got := ruleIDs(t, tc.text); !slices.Equal(got, []string{tc.rule}) {
				t.Errorf("engine found %v, want [%s]", got, tc.rule)
			}
			if got := ruleIDs(t, tc.text, tc.rule); len(got) != 0 {
				t.Errorf("%s disabled, still found %v", tc.rule, got)
			}
		})
	}
}

// Where an extra rule and a default rule find the same value, it is
// reported once, under the default rule's id; disabling that default rule
// lets the extra rule report it (a disabled rule hides nothing).
func TestSecretOverlapReportedOnceUnderTheDefaultRule(t *testing.T) {
	f := fakeSecrets
	for _, tc := range []struct{ text, rule, fallback string }{
		{"key: " + f.openAIModern, "openai-api-key", ruleOpenAIPrefixedKey},
		{"Authorization: Bearer " + f.jwt, "jwt", ruleAuthorizationBearer},
		{"Authorization: Bearer " + f.openAINoMarker, ruleOpenAIPrefixedKey, ruleAuthorizationBearer},
	} {
		if got := ruleIDs(t, tc.text); !slices.Equal(got, []string{tc.rule}) {
			t.Errorf("%.30q: found %v, want [%s] once", tc.text, got, tc.rule)
		}
		if got := ruleIDs(t, tc.text, strings.ToUpper(tc.rule)); !slices.Equal(got, []string{tc.fallback}) {
			t.Errorf("%.30q with %s disabled: found %v, want [%s]", tc.text, tc.rule, got, tc.fallback)
		}
	}
	if got := ruleIDs(t, f.awsKeyID+" "+f.githubPAT, SecretsAll); len(got) != 0 {
		t.Errorf("every rule disabled by %q, still found %v", SecretsAll, got)
	}
}

// Other rules of the default set work too (a Stripe key, which no retired
// pattern covered), and findings come in text order whatever the order in
// which gitleaks ran its rules.
func TestFindSecretsUsesTheWholeDefaultSet(t *testing.T) {
	stripe := "sk_" + "live_TESTONLYfake0123456789abcd"
	text := "first " + fakeSecrets.awsKeyID + "\nbilling " + stripe + "\nlast " + fakeSecrets.githubPAT
	want := []string{"aws-access-token", "stripe-access-token", "github-pat"}
	for i := 0; i < 5; i++ {
		if got := ruleIDs(t, text); !slices.Equal(got, want) {
			t.Fatalf("found %v, want %v in text order", got, want)
		}
	}
}

func TestSecretFindingsAreRedacted(t *testing.T) {
	f := fakeSecrets
	for _, text := range []string{f.awsKeyID, f.githubPAT, f.openAIModern, f.openAINoMarker, f.bearer, f.connection, f.generic, f.jwt, f.slackBot} {
		hits, _, err := findSecrets("x "+text+" y", nil)
		if err != nil || len(hits) != 1 {
			t.Fatalf("%.20q: hits %+v, %v", text, hits, err)
		}
		if len([]rune(strings.TrimSuffix(hits[0].masked, "…[redacted]"))) > 4 || !strings.HasSuffix(hits[0].masked, "…[redacted]") {
			t.Errorf("%s: mask %q reveals too much", hits[0].detector, hits[0].masked)
		}
	}
	hits, _, _ := findSecrets(f.pem, nil)
	if len(hits) != 1 || hits[0].masked != "-----BEGIN…PRIVATE KEY-----" {
		t.Errorf("PEM block: %+v", hits)
	}
}

func TestSecretDetectorsIgnoreProseAndSchemaTypes(t *testing.T) {
	for _, text := range []string{
		"Use the API key from the action's auth settings.",
		"components:\n  securitySchemes:\n    api_key: {type: apiKey, in: header, name: X-Api-Key}",
		"password: " + strings.Repeat("a", 24), // long but no entropy
		"Bearer token required",
		"Send Authorization: Bearer <your token here> or Bearer ${OPENAI_API_KEY}.",
		"securitySchemes: {bearerAuth: {type: http, scheme: bearer, bearerFormat: JWT}}",
		"Connect to postgres://user:password@localhost:5432/db or https://example.com:8443/path.",
		"Keys look like sk-proj-... and sk-admin-....",
	} {
		if hits, _, err := findSecrets(text, nil); err != nil || len(hits) > 0 {
			t.Errorf("false positive in %q: %+v %v", text, hits, err)
		}
	}
}

func TestInstructionFindingNeverContainsTheSecret(t *testing.T) {
	secret := fakeSecrets.openAINoMarker
	aws := fakeSecrets.awsKeyID
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Instructions = "key=" + secret
	g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com", AuthType: "oauth", ActionOpenAPIRaw: "x-aws: " + aws}}
	withGPT(&snap, g)
	res := Evaluate(snap, []Rule{{CheckID: "dlp_gpt_instructions"}})
	fs := res.Findings()
	if len(fs) != 2 {
		t.Fatalf("findings = %+v", fs)
	}
	reports := [][]byte{}
	for _, render := range []func(Result) ([]byte, error){JSON, JUnit, func(r Result) ([]byte, error) { return SARIF(r, "test") }} {
		out, err := render(res)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, out)
	}
	for _, f := range fs {
		reports = append(reports, []byte(f.Message()+f.SubKey))
	}
	for _, out := range reports {
		for _, s := range []string{secret, aws, secret[9:20], aws[4:14]} {
			if strings.Contains(string(out), s) {
				t.Errorf("secret fragment %q leaked into output", s)
			}
		}
	}
	observed := fs[0].Observed + " | " + fs[1].Observed
	for _, want := range []string{`aws-access-token in action "api.example.com" schema: AKIA…[redacted]`, "openai-prefixed-api-key in instructions: sk-a…[redacted]"} {
		if !strings.Contains(observed, want) {
			t.Errorf("observed %q lacks %q", observed, want)
		}
	}
}

// One cached detector serves concurrent scans (the loader scans files in
// parallel): run with -race.
func TestSecretDetectorIsSharedSafely(t *testing.T) {
	done := make(chan []string)
	for i := 0; i < 4; i++ {
		go func() {
			var got []string
			for j := 0; j < 20; j++ {
				hits, _, _ := findSecrets("k "+fakeSecrets.awsKeyID, []string{"jwt"})
				for _, h := range hits {
					got = append(got, h.detector)
				}
			}
			done <- got
		}()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; len(got) != 20 || got[0] != "aws-access-token" {
			t.Errorf("concurrent scans found %v", got)
		}
	}
}
