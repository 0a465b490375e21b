package openaisim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// FaultKind names a kind of injected failure.
type FaultKind string

const (
	// FaultStatus answers Status (default 500) with the OpenAI error body and the
	// optional Retry-After / Retry-After-Ms / x-should-retry headers.
	FaultStatus FaultKind = "status"
	// FaultLatency delays the request by Latency, then serves it normally.
	FaultLatency FaultKind = "latency"
	// FaultConnReset hijacks the connection and closes it with a TCP reset, no response.
	FaultConnReset FaultKind = "connection_reset"
	// FaultTruncated serves 200 with the JSON body cut in half (Content-Length of the cut body).
	FaultTruncated FaultKind = "truncated"
	// FaultHTML serves an HTML error page (Status, default 502) with Content-Type text/html,
	// like a proxy or load balancer in front of the API.
	FaultHTML FaultKind = "html"
	// FaultWrongContentType serves the normal body with Content-Type text/html.
	FaultWrongContentType FaultKind = "wrong_content_type"
	// FaultRepeatedCursor makes a list page claim has_more=true with last_id equal to the
	// request's `after` (or, on the first page, its own last_id) so a pager loops forever.
	FaultRepeatedCursor FaultKind = "repeated_cursor"
	// FaultHasMoreEmpty serves a list page with has_more=true and no data (ids null).
	FaultHasMoreEmpty FaultKind = "has_more_empty"
	// FaultOversized serves the normal body preceded by whitespace up to Size bytes
	// (default 17 MiB): still valid JSON, but beyond a sane client's body cap.
	FaultOversized FaultKind = "oversized"
	// FaultTimeout hangs until the client gives up (request context ends) or Close.
	FaultTimeout FaultKind = "timeout"
	// FaultMissingField removes Field (default "id") from every list item, or from a
	// single-object response.
	FaultMissingField FaultKind = "missing_field"
	// FaultUnknownEnum sets Field (default: the first of role, status, type, visibility,
	// owner_project_access, mode found, searched depth-first) of the first item, or of a
	// single object, to Value (default "sim_unknown_enum_value").
	FaultUnknownEnum FaultKind = "unknown_enum"
)

// DefaultOversizedBytes is the default size of an oversized body (> 16 MiB).
const DefaultOversizedBytes = 17 << 20

// Fault is one injected failure for an endpoint key.
type Fault struct {
	Kind         FaultKind
	Status       int    // FaultStatus (default 500), FaultHTML (default 502)
	RetryAfter   string // Retry-After header verbatim ("2" or an HTTP date); "" = none
	RetryAfterMs string // Retry-After-Ms header verbatim; "" = none
	ShouldRetry  string // x-should-retry header ("true"/"false"); "" = none
	Message      string // error message for FaultStatus
	Times        int    // fire for the next Times matching requests, then pass; 0 = always
	Latency      time.Duration
	Size         int    // FaultOversized body size
	Field        string // FaultMissingField / FaultUnknownEnum
	Value        string // FaultUnknownEnum
}

type faultState struct {
	f    Fault
	left int // remaining firings when f.Times > 0
}

// InjectFault appends a fault for endpointKey (or AllEndpoints). Faults of a key fire in
// the order injected: the first with budget left handles the request; a fault with
// Times == 0 fires forever (later ones for that key never fire).
func (s *Server) InjectFault(endpointKey string, f Fault) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.faults[endpointKey] = append(s.faults[endpointKey], &faultState{f: f, left: f.Times})
}

// ClearFault removes the faults of one endpoint, leaving the others: tests
// that fault several endpoints concurrently must not clear each other's.
func (s *Server) ClearFault(endpointKey string) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	delete(s.faults, endpointKey)
}

// ClearFaults removes all faults.
func (s *Server) ClearFaults() {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.faults = map[string][]*faultState{}
}

// takeFault picks the fault for this request and consumes one of its Times.
func (s *Server) takeFault(key string) *Fault {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	for _, k := range []string{key, AllEndpoints} {
		list := s.faults[k]
		for i, fs := range list {
			f := fs.f
			if f.Times > 0 {
				fs.left--
				if fs.left <= 0 {
					s.faults[k] = append(list[:i:i], list[i+1:]...)
				}
			}
			return &f
		}
	}
	return nil
}

// applyPreFault handles the faults that replace the response entirely; true = handled.
func (s *Server) applyPreFault(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	switch f.Kind {
	case FaultStatus:
		st := f.Status
		if st == 0 {
			st = http.StatusInternalServerError
		}
		e := &apiError{status: st, message: f.Message, typ: statusType(st), header: http.Header{}}
		if e.message == "" {
			e.message = fmt.Sprintf("Simulated %d %s.", st, http.StatusText(st))
		}
		switch st {
		case http.StatusUnauthorized:
			e.code = strp("invalid_api_key")
		case http.StatusTooManyRequests:
			e.code = strp("rate_limit_exceeded")
		}
		if f.RetryAfter != "" {
			e.header.Set("Retry-After", f.RetryAfter)
		}
		if f.RetryAfterMs != "" {
			e.header.Set("Retry-After-Ms", f.RetryAfterMs)
		}
		if f.ShouldRetry != "" {
			e.header.Set("X-Should-Retry", f.ShouldRetry)
		}
		writeError(w, e)
		return true
	case FaultConnReset:
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic(http.ErrAbortHandler)
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			return true
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // RST instead of FIN
		}
		_ = conn.Close()
		return true
	case FaultHTML:
		st := f.Status
		if st == 0 {
			st = http.StatusBadGateway
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(st)
		fmt.Fprintf(w, "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n",
			st, http.StatusText(st), st, http.StatusText(st))
		return true
	case FaultTimeout:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return true
	}
	return false
}

func statusType(st int) string {
	switch {
	case st == http.StatusTooManyRequests:
		return "requests"
	case st >= 500:
		return "server_error"
	}
	return "invalid_request_error"
}

// applyBodyFault serves a successful body altered by f.
func (s *Server) applyBodyFault(w http.ResponseWriter, r *http.Request, f *Fault, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	switch f.Kind {
	case FaultTruncated:
		cut := body[:len(body)/2]
		w.Header().Set("Content-Length", fmt.Sprint(len(cut)))
		_, _ = w.Write(cut)
		return
	case FaultWrongContentType:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case FaultOversized:
		size := f.Size
		if size <= 0 {
			size = DefaultOversizedBytes
		}
		pad := size - len(body)
		if pad < 0 {
			pad = 0
		}
		w.Header().Set("Content-Length", fmt.Sprint(pad+len(body)))
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for pad > 0 {
			n := min(pad, len(chunk))
			if _, err := w.Write(chunk[:n]); err != nil {
				return
			}
			pad -= n
		}
	case FaultRepeatedCursor, FaultHasMoreEmpty, FaultMissingField, FaultUnknownEnum:
		body = mutateBody(body, r, f)
	}
	_, _ = w.Write(body)
}

func mutateBody(body []byte, r *http.Request, f *Fault) []byte {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return body
	}
	data, isList := m["data"].([]any)
	isList = isList && m["object"] == "list"
	switch f.Kind {
	case FaultRepeatedCursor:
		if !isList {
			return body
		}
		if after := r.URL.Query().Get("after"); after != "" {
			m["last_id"] = after
		}
		m["has_more"] = true
	case FaultHasMoreEmpty:
		if !isList {
			return body
		}
		m["data"] = []any{}
		m["has_more"] = true
		if _, ok := m["first_id"]; ok {
			m["first_id"] = nil
			m["last_id"] = nil
		} else {
			delete(m, "last_id")
		}
	case FaultMissingField:
		field := f.Field
		if field == "" {
			field = "id"
		}
		if isList {
			for _, it := range data {
				if o, ok := it.(map[string]any); ok {
					delete(o, field)
				}
			}
		} else {
			delete(m, field)
		}
	case FaultUnknownEnum:
		val := f.Value
		if val == "" {
			val = "sim_unknown_enum_value"
		}
		target := m
		if isList {
			if len(data) == 0 {
				return body
			}
			o, ok := data[0].(map[string]any)
			if !ok {
				return body
			}
			target = o
		}
		fields := []string{f.Field}
		if f.Field == "" {
			fields = []string{"role", "status", "type", "visibility", "owner_project_access", "mode"}
		}
		setEnum(target, fields, val)
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// setEnum sets the first of fields found in o (depth-first, object keys only) to val.
func setEnum(o map[string]any, fields []string, val string) bool {
	for _, f := range fields {
		if _, ok := o[f]; ok && !strings.Contains(f, ".") {
			o[f] = val
			return true
		}
	}
	for _, k := range sortedKeys(o) {
		if sub, ok := o[k].(map[string]any); ok && setEnum(sub, fields, val) {
			return true
		}
	}
	return false
}
