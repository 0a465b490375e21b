package openai

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Red-team tests of the file download path (issue 11) against a hostile or
// buggy API / download host. Each asserts the safe behaviour.

// A download host that sends headers at once and then one byte every 20 ms
// for ever (slow loris) is cut off at the file's time limit.
func TestRedTeamDownloadSlowLorisBounded(t *testing.T) {
	dl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	t.Cleanup(dl.Close)
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	start := time.Now()
	_, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{Timeout: 400 * time.Millisecond})
	var fe *FileFetchError
	if !errors.As(err, &fe) || fe.Reason != FileTimedOut {
		t.Fatalf("got %v, want %s", err, FileTimedOut)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("slow loris held the download %s past a 400ms limit", d)
	}
}

// An API whose 307 points back at itself (and a download host redirecting
// to itself) loops: the hops are bounded and no key goes along.
func TestRedTeamDownloadRedirectLoopBounded(t *testing.T) {
	var hops, withKey atomic.Int32
	var self string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		if r.Header.Get("Authorization") != "" && hops.Load() > 1 {
			withKey.Add(1)
		}
		w.Header().Set("Location", self+r.URL.Path)
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	self = c.cfg.ComplianceBaseURL
	self = self[:strings.Index(self, "/v1")]
	_, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{Timeout: 5 * time.Second})
	var fe *FileFetchError
	if !errors.As(err, &fe) || fe.Reason != FileDownloadFailed {
		t.Fatalf("got %v", err)
	}
	if hops.Load() > 10 || withKey.Load() != 0 {
		t.Fatalf("%d hops, %d of them after the first carried the key", hops.Load(), withKey.Load())
	}
}

// A download host answering with Content-Encoding: gzip (a 20 KiB bomb of
// 100 MiB) is capped after decompression.
func TestRedTeamDownloadGzipBombCapped(t *testing.T) {
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for i := 0; i < 100; i++ {
		_, _ = zw.Write(chunk)
	}
	_ = zw.Close()
	dl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(bomb.Bytes())
	}))
	t.Cleanup(dl.Close)
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	b, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{MaxBytes: 1 << 20})
	var fe *FileFetchError
	if err == nil {
		// Not decompressed: the bytes are the gzip stream, which the
		// extractor refuses as binary (not scanned), never a pass.
		if len(b) > 1<<20 {
			t.Fatalf("read %d bytes past a 1 MiB cap", len(b))
		}
		return
	}
	if !errors.As(err, &fe) || fe.Reason != FileTooLarge {
		t.Fatalf("got %v", err)
	}
}

// A 307 whose Location carries user info, or a non-loopback http URL, is
// refused and the error names neither the signature nor the key.
func TestRedTeamDownloadLocationTricks(t *testing.T) {
	for _, loc := range []string{
		"https://user:pass@files.example.com/x?sig=SIGNATURE-SECRET",
		"HTTP://files.example.com/x?sig=SIGNATURE-SECRET",
		"//files.example.com/x?sig=SIGNATURE-SECRET", // scheme-relative: takes the API's scheme (http on the test server)
		"ftp://files.example.com/x?sig=SIGNATURE-SECRET",
	} {
		t.Run(loc, func(t *testing.T) {
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", loc)
				w.WriteHeader(http.StatusTemporaryRedirect)
			})
			_, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{Timeout: 5 * time.Second})
			var fe *FileFetchError
			if !errors.As(err, &fe) || fe.Reason != FileDownloadFailed {
				t.Fatalf("got %v", err)
			}
			for _, s := range []string{"SIGNATURE-SECRET", testComplianceKey, "pass"} {
				if strings.Contains(err.Error(), s) {
					t.Fatalf("error %q names %q", err, s)
				}
			}
		})
	}
}

// A download cut short (the host declares Content-Length and closes the
// connection early) is a failed download, never a shorter file to scan:
// a truncated text would pass whatever was in its tail, and its clean
// verdict would be kept.
func TestRedTeamDownloadTruncatedBodyIsNotAFile(t *testing.T) {
	dl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			t.Error("no hijacker")
			return
		}
		conn, buf, _ := hj.Hijack()
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nclean head only")
		_ = buf.Flush()
		_ = conn.Close()
	}))
	t.Cleanup(dl.Close)
	var seen atomic.Value
	c, _ := newTestClient(t, fileAPI(dl.URL, &seen))
	b, err := c.DownloadGPTFile(testCtx(t), "file-a", FileLimits{Timeout: 5 * time.Second})
	var fe *FileFetchError
	if err == nil || !errors.As(err, &fe) {
		t.Fatalf("a truncated download was returned as the file (%q, %v)", b, err)
	}
}
