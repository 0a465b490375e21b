package openai

import (
	"strings"
	"testing"
)

func TestValidateBaseURL(t *testing.T) {
	ok := []string{
		"https://api.openai.com/v1", "https://api.chatgpt.com/v1", "http://127.0.0.1:8080/v1",
		"http://127.1.2.3/v1", "http://[::1]:9999/v1", "http://localhost:1234/v1", "http://LOCALHOST/v1",
	}
	for _, u := range ok {
		if err := ValidateBaseURL(u); err != nil {
			t.Errorf("%s: unexpected error %v", u, err)
		}
	}
	bad := map[string]string{
		"":                                  "empty",
		"http://api.openai.com/v1":          "plain http",
		"http://10.0.0.1/v1":                "plain http",
		"http://localhost.evil.com/v1":      "plain http",
		"ftp://api.openai.com/v1":           "scheme",
		"https://user:pw@api.openai.com/v1": "user info",
		"https:///v1":                       "no host",
		"https://api.openai.com/v1?x=1":     "query",
	}
	for u, want := range bad {
		err := ValidateBaseURL(u)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want error containing %q", u, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "pw@") {
			t.Errorf("%q: error leaks credentials: %v", u, err)
		}
	}
}

func TestNewClientRefusesPlainHTTPOffLoopback(t *testing.T) {
	_, err := NewClient(Config{AdminBaseURL: "http://api.example.com/v1"})
	if err == nil || !strings.Contains(err.Error(), "admin base URL") {
		t.Fatalf("got %v", err)
	}
	_, err = NewClient(Config{ComplianceBaseURL: "http://192.168.1.1/v1"})
	if err == nil || !strings.Contains(err.Error(), "compliance base URL") {
		t.Fatalf("got %v", err)
	}
}
