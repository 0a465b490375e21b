package openai

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// downloadHost is the second origin: it fails the test on any request that
// carries a credential, and serves content by path.
func downloadHost(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range []string{"Authorization", "OpenAI-Organization"} {
			if r.Header.Get(h) != "" {
				t.Errorf("download host received %s", h)
				w.WriteHeader(http.StatusForbidden)
				return
			}
		}
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
			_, _ = w.Write([]byte("late"))
		default:
			b, ok := files[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write(b)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fileAPI answers each file endpoint with a 307 to dl + /<file_id>, checking
// that the API itself got the compliance key.
func fileAPI(dl string, seen *atomic.Value) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testComplianceKey {
			writeJSON(w, 401, `{"error":{"message":"no key","type":"x","param":null,"code":null}}`)
			return
		}
		seen.Store(r.URL.RequestURI())
		id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		switch id {
		case "file-missing":
			w.WriteHeader(http.StatusNotFound)
		case "file-expired":
			w.WriteHeader(http.StatusGone)
		case "file-cleartext":
			w.Header().Set("Location", "http://files.example.com/x")
			w.WriteHeader(http.StatusTemporaryRedirect)
		default:
			w.Header().Set("Location", dl+"/"+id+"?sig=SIGNATURE-SECRET")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}
	}
}

func TestDownloadFollows307WithoutCredentials(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{"/file-a": []byte("hello content")})
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	ctx := testCtx(t)
	for _, tc := range []struct {
		name, uri string
		get       func() ([]byte, error)
	}{
		{"gpt", "/v1/compliance/workspaces/" + testWorkspace + "/gpt_files/file-a", func() ([]byte, error) { return c.DownloadGPTFile(ctx, "file-a", FileLimits{}) }},
		{"project", "/v1/compliance/workspaces/" + testWorkspace + "/project_files/file-a", func() ([]byte, error) { return c.DownloadProjectFile(ctx, "file-a", FileLimits{}) }},
		{"user", "/v1/compliance/workspaces/" + testWorkspace + "/users/user-1/files/file-a?conversation_id=conv-1", func() ([]byte, error) {
			return c.DownloadUserFile(ctx, "user-1", "file-a", "conv-1", FileLimits{})
		}},
	} {
		b, err := tc.get()
		if err != nil || string(b) != "hello content" {
			t.Fatalf("%s: %q %v", tc.name, b, err)
		}
		if got := seen.Load().(string); got != tc.uri {
			t.Fatalf("%s: requested %s, want %s", tc.name, got, tc.uri)
		}
	}
}

func TestDownloadTypedErrors(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{"/file-big": bytes.Repeat([]byte("x"), 2048)})
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	ctx := testCtx(t)
	cases := []struct {
		id   string
		lim  FileLimits
		want FileFetchReason
	}{
		{"file-missing", FileLimits{}, FileNotFound},
		{"file-expired", FileLimits{}, FileExpired},
		{"gone", FileLimits{}, FileExpired},          // 410 from the download host
		{"file-nowhere", FileLimits{}, FileNotFound}, // 404 from the download host
		{"file-big", FileLimits{MaxBytes: 1024}, FileTooLarge},
		{"slow", FileLimits{Timeout: 50 * time.Millisecond}, FileTimedOut},
		{"file-cleartext", FileLimits{}, FileDownloadFailed},
	}
	for _, tc := range cases {
		_, err := c.DownloadGPTFile(ctx, tc.id, tc.lim)
		var fe *FileFetchError
		if !errors.As(err, &fe) || fe.Reason != tc.want {
			t.Errorf("%s: got %v, want %s", tc.id, err, tc.want)
			continue
		}
		for _, secret := range []string{"SIGNATURE-SECRET", testComplianceKey, dl.URL} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: error %q names %q", tc.id, err, secret)
			}
		}
	}
}

// The shared client still refuses every other cross-origin redirect; only the
// file endpoints follow one.
func TestDownloadDoesNotOpenRedirectsElsewhere(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{})
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, dl.URL+"/x", http.StatusTemporaryRedirect)
	})
	if _, err := c.ListGPTs(testCtx(t)); !errors.Is(err, errRedirectRefused) {
		t.Fatalf("list followed a cross-origin redirect: %v", err)
	}
}

func TestDownloadSecondRedirectMustStayHTTPS(t *testing.T) {
	var hops atomic.Int32
	dl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		http.Redirect(w, r, "http://files.example.com/next", http.StatusFound)
	}))
	t.Cleanup(dl.Close)
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	_, err := c.DownloadProjectFile(testCtx(t), "file-a", FileLimits{})
	var fe *FileFetchError
	if !errors.As(err, &fe) || fe.Reason != FileDownloadFailed || hops.Load() != 1 {
		t.Fatalf("got %v after %d hops", err, hops.Load())
	}
}

// A 429 on the file endpoint is retried like any other call, then the 307 is
// followed (without the key).
func TestDownloadRetriesRateLimit(t *testing.T) {
	dl := downloadHost(t, map[string][]byte{"/file-a": []byte("ok")})
	var calls atomic.Int32
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, `{"error":{"message":"slow down","type":"rate_limit","param":null,"code":null}}`)
			return
		}
		w.Header().Set("Location", dl.URL+"/file-a")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	b, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{})
	if err != nil || string(b) != "ok" || calls.Load() != 2 {
		t.Fatalf("%q %v after %d calls", b, err, calls.Load())
	}
}
