package posture

import (
	"strings"
	"testing"
)

// Secret-shaped strings are built at run time so no literal in the source
// looks like a credential to scanners.
func TestSecretDetectors(t *testing.T) {
	x := strings.Repeat
	cases := map[string]string{
		"openai_api_key":     "sk-" + "admin-" + x("Ab3", 9),
		"aws_access_key_id":  "AKIA" + x("Q7", 8),
		"github_token":       "ghp" + "_" + x("aB1", 13),
		"slack_token":        "xox" + "b-" + x("1234-", 4) + "abcdef",
		"private_key":        "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIB...",
		"jwt":                "eyJ" + "hbGciOiJIUzI1NiJ9.eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX3ZhbHVl",
		"bearer_token":       "Authorization: Bearer " + "Zq8Lm2Vx7Rt4Kp9Wn3Hb6Yc1Jd5Fg0",
		"generic_assignment": "api_key = \"" + "Qm9Xr2Lk7Vt4Np8Wz3Hs6Yb1Jc5Fd0" + "\"",
	}
	for detector, text := range cases {
		t.Run(detector, func(t *testing.T) {
			hits := findSecrets("Preamble. "+text+" trailer.", nil)
			var hit *secretHit
			for i := range hits {
				if hits[i].detector == detector {
					hit = &hits[i]
				}
			}
			if hit == nil {
				t.Fatalf("%s not detected; hits %+v", detector, hits)
			}
			if len(strings.TrimSuffix(hit.masked, "…[redacted]")) > 4 && detector != "private_key" {
				t.Errorf("mask %q reveals too much", hit.masked)
			}
			if hits := findSecrets(text, []string{detector}); containsDetector(hits, detector) {
				t.Errorf("disabled detector %s still fired", detector)
			}
		})
	}
}

func containsDetector(hits []secretHit, d string) bool {
	for _, h := range hits {
		if h.detector == d {
			return true
		}
	}
	return false
}

func TestSecretDetectorsIgnoreProseAndSchemaTypes(t *testing.T) {
	for _, text := range []string{
		"Use the API key from the action's auth settings.",
		"components:\n  securitySchemes:\n    api_key: {type: apiKey, in: header, name: X-Api-Key}",
		"password: " + strings.Repeat("a", 24), // long but no entropy
		"Bearer token required",
	} {
		if hits := findSecrets(text, nil); len(hits) > 0 {
			t.Errorf("false positive in %q: %+v", text, hits)
		}
	}
}

func TestInstructionFindingNeverContainsTheSecret(t *testing.T) {
	secret := "sk-" + "proj-" + "Zq8Lm2Vx7Rt4Kp9Wn3Hb6Yc1Jd5Fg0"
	aws := "AKIA" + strings.Repeat("Z9", 8)
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Instructions = "key=" + secret
	g.Config.Tools = []GPTTool{{Type: "custom_action", ActionDomain: "api.example.com", AuthType: "oauth", ActionOpenAPIRaw: "x-aws: " + aws}}
	withGPT(&snap, g)
	res := Evaluate(snap, []Rule{{CheckID: "dlp_gpt_instructions"}})
	fs := res.Findings()
	if len(fs) < 2 {
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
		for _, s := range []string{secret, aws, secret[8:20], aws[4:14]} {
			if strings.Contains(string(out), s) {
				t.Errorf("secret fragment %q leaked into output", s)
			}
		}
	}
	if !strings.Contains(fs[0].Observed+fs[1].Observed, "aws_access_key_id in action api.example.com schema: AKIA…[redacted]") {
		t.Errorf("observed = %q / %q", fs[0].Observed, fs[1].Observed)
	}
}
