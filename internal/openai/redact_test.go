package openai

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// fakeKey builds an obviously fake key of n characters after prefix, from a
// fixed seed so failures are reproducible.
func fakeKey(prefix string, n int, seed uint64) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
	r := rand.New(rand.NewPCG(seed, seed))
	b := []byte(prefix)
	for len(b) < n {
		b = append(b, alphabet[r.IntN(len(alphabet))])
	}
	return string(b)
}

// leaksPiece reports the first 8-character piece of key found in s.
func leaksPiece(s, key string) (string, bool) {
	for i := 0; i+8 <= len(key); i++ {
		if strings.Contains(s, key[i:i+8]) {
			return key[i : i+8], true
		}
	}
	return "", false
}

// A 502 page from a proxy echoes a long configured key that straddles the
// 200-byte snippet cut: no piece of it may reach the error.
func TestSnippetRedactsKeyStraddlingCut(t *testing.T) {
	for name, key := range map[string]string{
		"admin-key shaped": fakeKey("sk-admin-TESTONLY-", 164, 1),
		// A configured key with no sk- prefix is only caught by exact match,
		// which must therefore see the whole body.
		"unshaped configured key": fakeKey("test-admin-TESTONLY-", 164, 2),
	} {
		t.Run(name, func(t *testing.T) {
			page := "<html><head><title>502</title></head>" // 37 bytes
			if len(page) != 37 {
				t.Fatalf("prefix is %d bytes", len(page))
			}
			body := page + key + "</html>"
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte(body))
			}, func(cfg *Config) {
				cfg.AdminAPIKey = key
				cfg.MaxRetries = -1
			})
			_, err := c.ListUsers(testCtx(t))
			var ae *APIError
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadGateway {
				t.Fatalf("err %v", err)
			}
			if piece, ok := leaksPiece(err.Error(), key); ok {
				t.Fatalf("error shows key piece %q: %s", piece, err)
			}
			if !strings.Contains(err.Error(), "[REDACTED]") || !strings.Contains(err.Error(), "<title>502</title>") {
				t.Fatalf("error lost its context: %s", err)
			}
		})
	}
}

// Keys the provider was not configured with are redacted by shape, in every
// field of the error envelope and in a non-JSON body.
func TestUnconfiguredKeyShapedTokensRedacted(t *testing.T) {
	other := fakeKey("sk-proj-TESTONLY-", 120, 3)
	svc := fakeKey("sk-svcacct-TESTONLY-", 80, 4)
	bodies := map[string]struct {
		contentType string
		status      int
		body        string
	}{
		"error envelope": {"application/json", 401, `{"error":{"message":"Incorrect API key provided: ` + other + `","type":"t ` + svc + `","param":"` + svc + `","code":"` + other + `"}}`},
		"html error":     {"text/html", 403, "<p>denied for " + other + " and " + svc + "</p>"},
		"html 200":       {"text/html", 200, "<p>login as " + other + "</p>"},
		"key cut at end": {"text/html", 403, strings.Repeat("x", 190) + " " + other},
	}
	for name, tc := range bodies {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := c.ListUsers(testCtx(t))
			if err == nil {
				t.Fatal("no error")
			}
			for _, k := range []string{other, svc} {
				if piece, ok := leaksPiece(err.Error(), k); ok {
					t.Fatalf("error shows key piece %q: %s", piece, err)
				}
			}
		})
	}
}

func TestRedactKeepsMaskedForms(t *testing.T) {
	c, err := NewClient(Config{AdminAPIKey: testAdminKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"sk-abc...wxyz", "sk-proj-****1234", "risk-free", "ask-me"} {
		if got := c.redact(s); got != s {
			t.Errorf("redact(%q) = %q", s, got)
		}
	}
	if got := c.redact("key=sk-" + strings.Repeat("a", 20) + "!"); got != "key=[REDACTED]!" {
		t.Errorf("got %q", got)
	}
}

func TestLogsMaskKeyShapedTokens(t *testing.T) {
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	t.Setenv(LogLevelEnvVar, "TRACE")
	other := fakeKey("sk-proj-TESTONLY-", 60, 5)
	c, err := NewClient(Config{AdminAPIKey: testAdminKey})
	if err != nil {
		t.Fatal(err)
	}
	tflogSubsystemDebugForTest(c.withLogging(ctx), "echo "+other, map[string]interface{}{"body": "x " + other})
	if strings.Contains(buf.String(), other) || !strings.Contains(buf.String(), "echo") {
		t.Fatalf("log:\n%s", buf.String())
	}
}

// An error envelope quotes at most serverMessageMax bytes of the message,
// redacted before the cut, and short fields at most serverFieldMax.
func TestEnvelopeFieldsBounded(t *testing.T) {
	key := fakeKey("sk-admin-TESTONLY-", 164, 7)
	msg := strings.Repeat("m", serverMessageMax-40) + key + strings.Repeat("z", 5000)
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"error":{"message":"`+msg+`","type":"`+strings.Repeat("t", 500)+`","param":null,"code":null}}`)
	}, func(cfg *Config) { cfg.AdminAPIKey = key })
	_, err := c.ListUsers(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || len(ae.Message) > serverMessageMax || len(ae.Type) > serverFieldMax {
		t.Fatalf("message %d bytes, type %d bytes: %v", len(ae.Message), len(ae.Type), err)
	}
	if piece, ok := leaksPiece(err.Error(), key); ok {
		t.Fatalf("error shows key piece %q", piece)
	}
}

// Red-team find: encoded or split forms of a configured key must not reach
// an error either.
func TestRedactEncodedKeyForms(t *testing.T) {
	const key = "test-admin-key-not-a-secret-AAAA"
	c := &Client{cfg: Config{AdminAPIKey: key}}
	for name, body := range map[string]string{
		"percent piecewise": "https://evil.example/x?k=%74est-admin-key-not-a-secret-AAAA",
		"query escaped":     "k=" + url.QueryEscape(key+" "),
		"base64":            "token " + base64.StdEncoding.EncodeToString([]byte(key)),
		"base64 url":        "token " + base64.RawURLEncoding.EncodeToString([]byte(key)),
		"nul split":         "test-admin-key-\x00not-a-secret-AAAA",
	} {
		out := c.snippet([]byte(body))
		if strings.Contains(out, "not-a-secret") || strings.Contains(out, base64.StdEncoding.EncodeToString([]byte(key))[:12]) {
			t.Errorf("%s: key survives in %q", name, out)
		}
	}
}
