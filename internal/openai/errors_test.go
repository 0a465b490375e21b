package openai

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestNonRetryableErrors(t *testing.T) {
	cases := []struct {
		status     int
		compliance bool
		wantHint   string
	}{
		{400, false, ""},
		{401, false, "admin API key is invalid or revoked"},
		{403, false, "admin API key lacks permission"},
		{404, false, "admin base URL"},
		{401, true, "compliance API key is invalid or revoked"},
		{403, true, "compliance read scope"},
		{404, true, "api.chatgpt.com"},
	}
	for _, tc := range cases {
		var calls int
		c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			calls++
			// The server echoes the key: it must be redacted from the error.
			writeJSON(w, tc.status, `{"error":{"message":"bad key `+testAdminKey+` / `+testComplianceKey+`","type":"invalid_request_error","param":"limit","code":"invalid_api_key"}}`)
		})
		var err error
		if tc.compliance {
			_, err = c.ListWorkspaceUsers(testCtx(t))
		} else {
			_, err = c.ListUsers(testCtx(t))
		}
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("%d: not an APIError: %v", tc.status, err)
		}
		wantKey, wantEndpoint := KeyNameAdmin, EndpointUsers
		if tc.compliance {
			wantKey, wantEndpoint = KeyNameCompliance, EndpointComplianceUsers
		}
		if ae.StatusCode != tc.status || ae.KeyName != wantKey || ae.Endpoint != wantEndpoint || ae.Method != "GET" ||
			ae.Type != "invalid_request_error" || ae.Code != "invalid_api_key" || ae.Param != "limit" || calls != 1 {
			t.Errorf("%d: %+v calls %d", tc.status, ae, calls)
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.wantHint) {
			t.Errorf("%d compliance=%v: %q lacks %q", tc.status, tc.compliance, msg, tc.wantHint)
		}
		if strings.Contains(msg, testAdminKey) || strings.Contains(msg, testComplianceKey) {
			t.Errorf("error leaks a key: %q", msg)
		}
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(403)
		_, _ = w.Write([]byte("<html><body>Forbidden by proxy</body></html>"))
	})
	_, err := c.ListUsers(testCtx(t))
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 403 || !strings.Contains(ae.Message, "Forbidden by proxy") {
		t.Fatalf("%v", err)
	}
}

func TestMissingCredentials(t *testing.T) {
	c, err := NewClient(Config{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListUsers(testCtx(t))
	var me *MissingCredentialsError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "OPENAI_ADMIN_KEY") {
		t.Fatalf("%v", err)
	}
	_, err = c.ListGPTs(testCtx(t))
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "OPENAI_COMPLIANCE_API_KEY") || !strings.Contains(err.Error(), "OPENAI_WORKSPACE_ID") {
		t.Fatalf("%v", err)
	}
	c, _ = NewClient(Config{ComplianceAPIKey: "x"})
	_, err = c.GetGPT(testCtx(t), "g-1")
	if !errors.As(err, &me) || strings.Contains(err.Error(), "OPENAI_COMPLIANCE_API_KEY") || !strings.Contains(err.Error(), "OPENAI_WORKSPACE_ID") {
		t.Fatalf("%v", err)
	}
	if c.HasCompliance() || c.HasAdmin() {
		t.Fatal("Has* wrong")
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := map[string]struct {
		ct, body, want string
	}{
		"html page":          {"text/html", "<!DOCTYPE html><html><title>Bad gateway</title></html>", "expected a JSON response"},
		"wrong content type": {"text/plain", `{"object":"list","data":[],"has_more":false}`, "expected a JSON response"},
		"truncated json":     {"application/json", `{"object":"list","data":[{"id":"u`, "unexpected end"},
		"empty":              {"application/json", ``, "empty body"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ct)
				w.Header().Set("X-Secret-Header", "header-value-never-shown")
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := c.ListUsers(testCtx(t))
			var de *DecodeError
			if !errors.As(err, &de) || de.Endpoint != EndpointUsers || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%v", err)
			}
			if len(tc.body) > 10 && !strings.Contains(err.Error(), tc.body[:10]) {
				t.Fatalf("no snippet: %v", err)
			}
			if strings.Contains(err.Error(), "header-value-never-shown") {
				t.Fatalf("header leaked: %v", err)
			}
		})
	}
}

func TestResponseSizeLimit(t *testing.T) {
	big := `{"object":"list","data":[],"has_more":false,"pad":"` + strings.Repeat("x", 8192) + `"}`
	for _, chunked := range []bool{false, true} {
		c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if chunked {
				w.(http.Flusher).Flush()
			}
			_, _ = w.Write([]byte(big))
		}, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
		_, err := c.ListUsers(testCtx(t))
		var te *ResponseTooLargeError
		if !errors.As(err, &te) || te.Endpoint != EndpointUsers || !strings.Contains(err.Error(), "1024") {
			t.Fatalf("chunked=%v: %v", chunked, err)
		}
	}
}
