package posture

import "strings"

// Secret-shaped test values, assembled at run time from obviously fake
// parts so that no literal in the source looks like a credential to a
// scanner (gitleaks run over this repository finds none of them).

// fill repeats an obviously fake alphabet to exactly n characters.
func fill(n int) string {
	return strings.Repeat("TESTONLYfake0123456789", n/22+1)[:n]
}

var fakeSecrets = struct {
	awsKeyID, githubPAT, githubOAuth, githubFineGrained, slackBot, pem, jwt, generic string
	openAIModern, openAIShortProject, openAINone, openAINoMarker                     string
	bearer, bearerJSON, connection                                                   string
}{
	awsKeyID:          "AKIA" + "TESTONLYFAKEKEY2",
	githubPAT:         "ghp" + "_" + fill(36),
	githubOAuth:       "gho" + "_" + fill(36),
	githubFineGrained: "github" + "_pat_" + fill(82),
	slackBot:          "xox" + "b-1234567890-1234567890123-" + fill(24),
	pem:               "-----BEGIN " + "PRIVATE KEY-----\n" + fill(64) + "\n" + fill(40) + "\n-----END " + "PRIVATE KEY-----",
	jwt:               "eyJ" + "hbGciOiJIUzI1NiJ9.eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX3ZhbHVl",
	generic:           "api_key = \"" + "Qm9Xr2Lk7Vt4Np8Wz3Hs6Yb1Jc5Fd0" + "\"",
	// The shape gitleaks' openai-api-key knows: 74 characters, the
	// "T3BlbkFJ" marker, 74 characters.
	openAIModern:       "sk-" + "proj-" + fill(74) + "T3Blbk" + "FJ" + fill(74),
	openAIShortProject: "sk-" + "proj-" + fill(20) + "T3Blbk" + "FJ" + fill(20),
	openAINone:         "sk-" + "None-" + fill(74) + "T3Blbk" + "FJ" + fill(74),
	openAINoMarker:     "sk-" + "admin-" + fill(40),
	bearer:             "Authorization: Bearer " + "Zq8Lm2Vx7Rt4Kp9Wn3Hb6Yc1Jd5Fg0",
	bearerJSON:         `"headers": {"Authorization": "Bearer ` + "Zq8Lm2Vx7Rt4Kp9Wn3Hb6Yc1Jd5Fg0" + `"}`,
	connection:         "postgres://deploy:" + "Zq8Lm2Vx7Rt4" + "@db.internal.example:5432/prod",
}
