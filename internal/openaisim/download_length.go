package openaisim

import (
	"io"
	"net/http"
)

// DownloadFraming changes how the download host frames file bodies.
type DownloadFraming struct {
	// OmitLength serves bodies without Content-Length, delimited by closing
	// the connection (as an HTTP/1.0-style host or a proxy that drops the
	// header would): the client cannot tell a whole body from a cut one.
	OmitLength bool
	// CutAfter, with OmitLength and when positive, sends only the first
	// CutAfter bytes of each body and closes the connection: a cut the
	// client reads as the whole file.
	CutAfter int
}

// SetDownloadFraming sets how the download host frames bodies from now on;
// the zero value restores the default (Content-Length, whole bodies).
func (s *Server) SetDownloadFraming(f DownloadFraming) {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	s.dl.framing = f
}

func (s *Server) downloadFraming() DownloadFraming {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	return s.dl.framing
}

// writeUnframed writes body without Content-Length, close-delimited
// ("Transfer-Encoding: identity" makes net/http neither chunk nor keep the
// connection), cut after f.CutAfter bytes when set.
func writeUnframed(w http.ResponseWriter, body io.Reader, f DownloadFraming) {
	w.Header().Set("Transfer-Encoding", "identity")
	if f.CutAfter > 0 {
		body = io.LimitReader(body, int64(f.CutAfter))
	}
	_, _ = io.Copy(w, body)
}
