package openaisim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Server is a running simulator: two loopback listeners (Admin API and Compliance API),
// each serving under /v1, backed by one Fixture.
type Server struct {
	mu  sync.RWMutex // guards fx
	fx  *Fixture
	now time.Time // the clock relative fixture times resolve against, fixed at New

	routes []route

	adminSrv, complSrv *http.Server
	adminURL, complURL string
	done               chan struct{}
	closeOnce          sync.Once
	wg                 sync.WaitGroup

	stateMu sync.Mutex // guards everything below
	counts  map[string]int
	faults  map[string][]*faultState
	limits  map[string]*bucket
	// pathLimited maps an endpoint key limited per concrete path to its per-minute
	// limit; pathBuckets holds one bucket per concrete path (ratelimit.go).
	pathLimited map[string]int
	pathBuckets map[string]*bucket
	latency     time.Duration
	timeScale   float64
	sharedPage  int
	limitCap    int // compliance gpts/projects/configs limit cap (limit_cap.go); 0 = none
	observer    RequestObserver

	dl downloadHost // the second origin serving file content (file_content.go)
}

type route struct {
	spec endpointSpec
	segs []string
}

// Option configures New.
type Option func(*config)

type config struct {
	now                 time.Time
	adminAddr           string
	complianceAddr      string
	latency             time.Duration
	realistic           bool
	limitMode           RateLimitMode
	timeScale           float64
	sharedUsersPageSize int
	complianceLimitCap  int
	observer            RequestObserver
}

// WithNow fixes the clock that relative fixture timestamps ("-120d") resolve against.
// Default: time.Now() at New.
func WithNow(t time.Time) Option { return func(c *config) { c.now = t } }

// WithAdminAddr sets the Admin API listen address (loopback only; default 127.0.0.1:0).
func WithAdminAddr(addr string) Option { return func(c *config) { c.adminAddr = addr } }

// WithComplianceAddr sets the Compliance API listen address (loopback only; default 127.0.0.1:0).
func WithComplianceAddr(addr string) Option { return func(c *config) { c.complianceAddr = addr } }

// WithLatency adds a fixed delay to every request.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithRealisticRateLimits installs RealisticRateLimits() per endpoint.
func WithRealisticRateLimits() Option { return func(c *config) { c.realistic = true } }

// WithTimeScale speeds up rate-limit refill by factor f (f=60: a 50/min limit refills
// at 50/s) so tests can exercise 429 handling quickly. Default 1.
func WithTimeScale(f float64) Option { return func(c *config) { c.timeScale = f } }

// WithSharedUsersPageSize sets the page size of the shared_users lists, which take no
// limit parameter (default 100).
func WithSharedUsersPageSize(n int) Option { return func(c *config) { c.sharedUsersPageSize = n } }

// RequestObserver sees every request a Server receives, before auth, faults and rate
// limits, with the endpoint key it matched ("" when no endpoint matched). It is called
// from the serving goroutines, so it must be safe for concurrent use, and must not
// read the request body.
type RequestObserver func(endpointKey string, r *http.Request)

// WithRequestObserver installs a RequestObserver, e.g. to validate every request a
// client sends against the API specs (request_spec_test.go).
func WithRequestObserver(o RequestObserver) Option { return func(c *config) { c.observer = o } }

// New validates f, takes a private copy of it, and starts both listeners.
func New(f *Fixture, opts ...Option) (*Server, error) {
	if f == nil {
		return nil, errors.New("openaisim: nil fixture")
	}
	cfg := config{adminAddr: "127.0.0.1:0", complianceAddr: "127.0.0.1:0", timeScale: 1, sharedUsersPageSize: 100}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.now.IsZero() {
		cfg.now = time.Now()
	}
	if cfg.timeScale <= 0 {
		return nil, errors.New("openaisim: time scale must be > 0")
	}
	if cfg.sharedUsersPageSize < 1 {
		return nil, errors.New("openaisim: shared users page size must be >= 1")
	}
	fx := f.Clone()
	if err := fx.Validate(); err != nil {
		return nil, err
	}
	s := &Server{
		fx:          fx,
		now:         cfg.now.Truncate(time.Microsecond),
		done:        make(chan struct{}),
		counts:      map[string]int{},
		faults:      map[string][]*faultState{},
		limits:      map[string]*bucket{},
		pathLimited: map[string]int{},
		pathBuckets: map[string]*bucket{},
		latency:     cfg.latency,
		timeScale:   cfg.timeScale,
		sharedPage:  cfg.sharedUsersPageSize,
		limitCap:    cfg.complianceLimitCap,
		observer:    cfg.observer,
	}
	for _, e := range endpoints() {
		_, path, _ := strings.Cut(e.key, " ")
		s.routes = append(s.routes, route{spec: e, segs: strings.Split(strings.Trim(path, "/"), "/")})
	}
	if cfg.realistic {
		for k, v := range RealisticRateLimits() {
			s.limits[k] = newBucket(v)
		}
	}
	if cfg.limitMode != RateLimitsOff {
		s.SetRateLimitMode(cfg.limitMode)
	}
	adminLn, err := listenLoopback(cfg.adminAddr)
	if err != nil {
		return nil, err
	}
	complLn, err := listenLoopback(cfg.complianceAddr)
	if err != nil {
		adminLn.Close()
		return nil, err
	}
	s.adminURL = "http://" + adminLn.Addr().String() + "/v1"
	s.complURL = "http://" + complLn.Addr().String() + "/v1"
	s.adminSrv = &http.Server{Handler: s.handler(apiAdmin), ReadHeaderTimeout: 10 * time.Second}
	s.complSrv = &http.Server{Handler: s.handler(apiCompliance), ReadHeaderTimeout: 10 * time.Second}
	for _, p := range []struct {
		srv *http.Server
		ln  net.Listener
	}{{s.adminSrv, adminLn}, {s.complSrv, complLn}} {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = p.srv.Serve(p.ln)
		}()
	}
	return s, nil
}

// listenLoopback refuses non-loopback addresses: the simulator must never be reachable
// from the network.
func listenLoopback(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("openaisim: listen address %q: %w", addr, err)
	}
	if host != "localhost" {
		ip := net.ParseIP(host)
		if ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("openaisim: listen address %q is not loopback", addr)
		}
	}
	return net.Listen("tcp", addr)
}

// Close stops both listeners, aborting requests in flight (including hung "timeout" faults).
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		_ = s.adminSrv.Close()
		_ = s.complSrv.Close()
		s.closeDownloads()
		s.wg.Wait()
	})
}

// AdminBaseURL is the Admin API base URL, e.g. "http://127.0.0.1:PORT/v1".
func (s *Server) AdminBaseURL() string { return s.adminURL }

// ComplianceBaseURL is the Compliance API base URL, e.g. "http://127.0.0.1:PORT/v1".
func (s *Server) ComplianceBaseURL() string { return s.complURL }

// WorkspaceID is the ChatGPT workspace id of the fixture.
func (s *Server) WorkspaceID() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fx.Workspace.ID
}

// Now is the clock relative fixture timestamps resolve against.
func (s *Server) Now() time.Time { return s.now }

// Fixture returns a deep copy of the fixture currently served.
func (s *Server) Fixture() *Fixture {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fx.Clone()
}

// Update mutates the served org under the write lock. The change is visible to the next
// request. Update panics if the mutated fixture no longer validates (a test bug).
func (s *Server) Update(fn func(*Fixture)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.fx)
	if err := s.fx.Validate(); err != nil {
		panic("openaisim: Update produced an invalid fixture: " + err.Error())
	}
}

// RequestCount returns how many requests reached endpointKey (counted before auth,
// faults and rate limits).
func (s *Server) RequestCount(endpointKey string) int {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.counts[endpointKey]
}

// RequestCounts returns a copy of all request counts.
func (s *Server) RequestCounts() map[string]int {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// ResetCounts zeroes all request counts.
func (s *Server) ResetCounts() {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.counts = map[string]int{}
}

// SetLatency sets the delay added to every request.
func (s *Server) SetLatency(d time.Duration) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.latency = d
}

// reqCtx is what a handler sees.
type reqCtx struct {
	r      *http.Request
	q      url.Values
	params map[string]string
	now    time.Time
	fx     *Fixture
	// limitCap is the compliance list limit cap in force for this request (0 = none).
	limitCap int
}

func (s *Server) match(api apiKind, path string) (*route, map[string]string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := range s.routes {
		rt := &s.routes[i]
		if rt.spec.api != api || len(rt.segs) != len(segs) {
			continue
		}
		params := map[string]string{}
		ok := true
		for j, seg := range rt.segs {
			if strings.HasPrefix(seg, "{") {
				if segs[j] == "" {
					ok = false
					break
				}
				params[strings.Trim(seg, "{}")] = segs[j]
			} else if seg != segs[j] {
				ok = false
				break
			}
		}
		if ok {
			return rt, params
		}
	}
	return nil, nil
}

func (s *Server) handler(api apiKind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, ok := strings.CutPrefix(r.URL.Path, "/v1/")
		var rt *route
		var params map[string]string
		if ok {
			rt, params = s.match(api, path)
		}
		if s.observer != nil {
			key := ""
			if rt != nil {
				key = rt.spec.key
			}
			s.observer(key, r)
		}
		if rt == nil {
			// Mirrors the real API's message for unknown paths.
			writeError(w, &apiError{status: http.StatusNotFound, typ: "invalid_request_error",
				message: fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path)})
			return
		}
		key := rt.spec.key
		s.stateMu.Lock()
		s.counts[key]++
		latency := s.latency
		s.stateMu.Unlock()

		if r.Method != http.MethodGet {
			writeError(w, errMethod(r.Method))
			return
		}
		if e := s.authorize(api, r); e != nil {
			writeError(w, e)
			return
		}
		if !s.sleep(r.Context(), latency) {
			return
		}
		if e := s.rateLimit(key, r.URL.Path); e != nil {
			writeError(w, e)
			return
		}
		fault := s.takeFault(key)
		if fault != nil && fault.Kind == FaultLatency {
			if !s.sleep(r.Context(), fault.Latency) {
				return
			}
			fault = nil
		}
		if fault != nil && s.applyPreFault(w, r, fault) {
			return
		}

		limitCap := s.complianceLimitCap()
		s.mu.RLock()
		rc := &reqCtx{r: r, q: r.URL.Query(), params: params, now: s.now, fx: s.fx, limitCap: limitCap}
		var resp any
		var apiErr *apiError
		if api == apiCompliance && params["workspace_id"] != s.fx.Workspace.ID {
			apiErr = errNotFound("Workspace %s not found.", params["workspace_id"])
		} else {
			resp, apiErr = rt.spec.handler(s, rc)
		}
		if rd, ok := resp.(redirect); ok && apiErr == nil { // file content (file_content.go)
			s.mu.RUnlock()
			w.Header().Set("Location", rd.location)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		var body []byte
		if apiErr == nil {
			body, _ = json.Marshal(resp)
		}
		s.mu.RUnlock()

		if apiErr != nil {
			writeError(w, apiErr)
			return
		}
		if fault != nil {
			s.applyBodyFault(w, r, fault, body)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

// sleep waits d or until the request or server ends; false means give up.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
