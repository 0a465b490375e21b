package openaisim

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// File content endpoints: each answers 307 with a Location on a second
// loopback origin (the download host), as the Compliance API does (C1: "307
// redirect to the download URL"; 404 unknown; 410 expired). The download host
// answers 403 to any request carrying an Authorization header and counts it
// (DownloadAuthViolations), so a client that forwards its key fails tests.
const (
	EndpointComplianceGPTFile     = "GET /compliance/workspaces/{workspace_id}/gpt_files/{file_id}"
	EndpointComplianceProjectFile = "GET /compliance/workspaces/{workspace_id}/project_files/{file_id}"
	EndpointComplianceUserFile    = "GET /compliance/workspaces/{workspace_id}/users/{user_id}/files/{file_id}"
)

// redirect is a handler result the server writes as 307 + Location.
type redirect struct{ location string }

// downloadHost is started on the first file request.
type downloadHost struct {
	once       sync.Once
	srv        *http.Server
	base       string
	err        error
	mu         sync.Mutex
	violations int
	hits       int
	latency    time.Duration   // SetDownloadLatency
	framing    DownloadFraming // SetDownloadFraming
}

func (s *Server) downloadBase() (string, error) {
	s.dl.once.Do(func() {
		ln, err := listenLoopback("127.0.0.1:0")
		if err != nil {
			s.dl.err = err
			return
		}
		s.dl.base = "http://" + ln.Addr().String()
		s.dl.srv = &http.Server{Handler: http.HandlerFunc(s.serveDownload), ReadHeaderTimeout: 10 * time.Second}
		s.wg.Add(1)
		go func(l net.Listener) {
			defer s.wg.Done()
			_ = s.dl.srv.Serve(l)
		}(ln)
	})
	return s.dl.base, s.dl.err
}

func (s *Server) closeDownloads() {
	s.dl.once.Do(func() {}) // no listener may start after Close
	if s.dl.srv != nil {
		_ = s.dl.srv.Close()
	}
}

// DownloadAuthViolations counts requests that reached the download host with
// an Authorization header (each was refused with 403).
func (s *Server) DownloadAuthViolations() int {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	return s.dl.violations
}

// DownloadCount counts file content downloads served (or refused).
func (s *Server) DownloadCount() int {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	return s.dl.hits
}

func (s *Server) fileRedirect(kind string, f *File) (any, *apiError) {
	if f.DownloadStatus == http.StatusNotFound {
		return nil, errFileNotFound(f.ID)
	}
	if f.Expired || f.DownloadStatus == http.StatusGone {
		return nil, &apiError{status: http.StatusGone, typ: "invalid_request_error", message: "File " + f.ID + " has expired."}
	}
	base, err := s.downloadBase()
	if err != nil {
		return nil, &apiError{status: http.StatusInternalServerError, typ: "server_error", message: "download host unavailable"}
	}
	sig := make([]byte, 8)
	_, _ = rand.Read(sig)
	return redirect{location: base + "/" + kind + "/" + url.PathEscape(f.ID) + "?sig=" + hex.EncodeToString(sig)}, nil
}

func errFileNotFound(id string) *apiError { return errNotFound("File %s not found.", id) }

func findConfigFile(list []GPT, id string) *File {
	for gi := range list {
		for ci := range list[gi].Configs {
			for fi := range list[gi].Configs[ci].Files {
				if f := &list[gi].Configs[ci].Files[fi]; f.ID == id {
					return f
				}
			}
		}
	}
	return nil
}

func (s *Server) getGPTFile(rc *reqCtx) (any, *apiError) {
	f := findConfigFile(rc.fx.Workspace.GPTs, rc.params["file_id"])
	if f == nil {
		return nil, errFileNotFound(rc.params["file_id"])
	}
	return s.fileRedirect("gpt", f)
}

func (s *Server) getProjectFile(rc *reqCtx) (any, *apiError) {
	f := findConfigFile(rc.fx.Workspace.Projects, rc.params["file_id"])
	if f == nil {
		return nil, errFileNotFound(rc.params["file_id"])
	}
	return s.fileRedirect("project", f)
}

// findUserFile finds a file the user attached to one of their conversations
// (to conversationID when given).
func findUserFile(fx *Fixture, userID, fileID, conversationID string) *File {
	for ci := range fx.Workspace.Conversations {
		c := &fx.Workspace.Conversations[ci]
		if c.UserID != userID || (conversationID != "" && c.ID != conversationID) {
			continue
		}
		for mi := range c.Messages {
			for fi := range c.Messages[mi].Files {
				if f := &c.Messages[mi].Files[fi]; f.ID == fileID {
					return f
				}
			}
		}
	}
	return nil
}

func (s *Server) getUserFile(rc *reqCtx) (any, *apiError) {
	f := findUserFile(rc.fx, rc.params["user_id"], rc.params["file_id"], rc.q.Get("conversation_id"))
	if f == nil {
		return nil, errFileNotFound(rc.params["file_id"])
	}
	return s.fileRedirect("conversation", f)
}

// serveDownload is the download host: GET /{kind}/{file_id}?sig=...
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	s.dl.mu.Lock()
	s.dl.hits++
	if r.Header.Get("Authorization") != "" {
		s.dl.violations++
		s.dl.mu.Unlock()
		http.Error(w, "credentials are not accepted here", http.StatusForbidden)
		return
	}
	latency := s.dl.latency
	s.dl.mu.Unlock()
	if !s.sleep(r.Context(), latency) {
		return // the client gave up (or the server closed) first
	}
	kind, id, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if r.URL.Query().Get("sig") == "" {
		http.Error(w, "missing signature", http.StatusForbidden)
		return
	}
	s.mu.RLock()
	var f *File
	switch kind {
	case "gpt":
		f = findConfigFile(s.fx.Workspace.GPTs, id)
	case "project":
		f = findConfigFile(s.fx.Workspace.Projects, id)
	case "conversation":
		for ci := range s.fx.Workspace.Conversations {
			if f == nil {
				f = findUserFile(s.fx, s.fx.Workspace.Conversations[ci].UserID, id, "")
			}
		}
	}
	var body []byte
	var pad int64
	if f != nil {
		body, pad = renderFileContent(*f), f.PadBytes
	}
	s.mu.RUnlock()
	if f == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if fr := s.downloadFraming(); fr.OmitLength {
		writeUnframed(w, io.MultiReader(bytes.NewReader(body), io.LimitReader(zeroSpaces{}, pad)), fr)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(int64(len(body))+pad, 10))
	_, _ = w.Write(body)
	if pad > 0 {
		_, _ = io.CopyN(w, zeroSpaces{}, pad)
	}
}

// zeroSpaces is an endless reader of spaces (filler without allocation).
type zeroSpaces struct{}

func (zeroSpaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
