package posture

import (
	"strings"
	"testing"
)

// gitleaks' default rules find what the hand-written detectors do not
// (a Stripe key here), and a value both find is reported once, under the
// hand-written detector's established name.
func TestFindSecretsUsesGitleaks(t *testing.T) {
	stripe := "sk_" + "live_TESTONLYfake0123456789abcd"
	hits := findSecrets("billing key "+stripe, nil)
	if len(hits) != 1 || hits[0].detector != "gitleaks:stripe-access-token" || strings.Contains(hits[0].masked, stripe) {
		t.Fatalf("stripe key: %+v", hits)
	}
	if hits := findSecrets("billing key "+stripe, []string{"gitleaks"}); len(hits) != 0 {
		t.Fatalf("gitleaks disabled but found %+v", hits)
	}
	aws := "AKIA" + "TESTONLYFAKEKEY2"
	hits = findSecrets("aws "+aws, nil)
	if len(hits) != 1 || hits[0].detector != "aws_access_key_id" {
		t.Fatalf("overlap reported twice or renamed: %+v", hits)
	}
	pem := "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7TESTONLY\n-----END PRIVATE KEY-----"
	if hits := findSecrets(pem, nil); len(hits) != 1 || hits[0].detector != "private_key" {
		t.Fatalf("PEM block: %+v", hits)
	}
}
