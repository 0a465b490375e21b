package openaisim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// bucket is a token bucket holding up to perMinute tokens, refilled continuously at
// perMinute per minute (scaled by the server's time scale). A full bucket allows a burst
// of perMinute requests, like a "N requests per minute" limit measured over a minute.
type bucket struct {
	perMinute int
	tokens    float64
	last      time.Time
}

func newBucket(perMinute int) *bucket {
	return &bucket{perMinute: perMinute, tokens: float64(perMinute), last: time.Now()}
}

// take consumes a token, or returns how long until one is available.
func (b *bucket) take(now time.Time, scale float64) (time.Duration, bool) {
	rate := float64(b.perMinute) / 60 * scale // tokens per second
	b.tokens = math.Min(float64(b.perMinute), b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second)), false
}

// RealisticRateLimits is the preset of per-endpoint limits (requests per minute):
// Compliance lists 50/min and get-one 100/min (C1 429 descriptions, digest §2.3); Admin
// ~10/min per endpoint (GUESS: DESIGN.md "measured near 7-10 a minute per endpoint";
// S1 documents 429 but no numbers).
func RealisticRateLimits() map[string]int {
	out := map[string]int{}
	for _, e := range endpoints() {
		switch {
		case e.api == apiAdmin:
			out[e.key] = AdminPerTemplatePerMinute
		case e.single:
			out[e.key] = 100
		default:
			out[e.key] = 50
		}
	}
	return out
}

// RateLimitMode selects how the simulator limits the Admin API. The Admin API
// documents 429 with Retry-After but no numbers and no scope (digest §1.3), so the
// simulator offers the two readings a client must survive with one configuration.
// The Compliance API keeps its documented per-endpoint limits in both modes.
type RateLimitMode string

const (
	// RateLimitsOff installs no limits (the default).
	RateLimitsOff RateLimitMode = ""
	// RateLimitsPerTemplate limits each Admin endpoint template (e.g. every
	// /organization/projects/{project_id}/api_keys call together) to
	// AdminPerTemplatePerMinute: the RealisticRateLimits preset.
	RateLimitsPerTemplate RateLimitMode = "template"
	// RateLimitsPerPath limits each concrete Admin path (each project's
	// /organization/projects/proj_x/api_keys separately, query ignored) to
	// AdminPerPathPerMinute; Compliance endpoints as in RealisticRateLimits.
	RateLimitsPerPath RateLimitMode = "path"
)

// Admin limits of the two modes (requests per minute, token bucket full at start).
const (
	AdminPerTemplatePerMinute = 10
	AdminPerPathPerMinute     = 60
)

// ParseRateLimitMode maps a flag value ("off", "template", "path") to a mode.
func ParseRateLimitMode(s string) (RateLimitMode, error) {
	switch s {
	case "", "off", "none":
		return RateLimitsOff, nil
	case string(RateLimitsPerTemplate):
		return RateLimitsPerTemplate, nil
	case string(RateLimitsPerPath):
		return RateLimitsPerPath, nil
	}
	return "", fmt.Errorf("rate-limit mode %q: valid modes are off, template, path", s)
}

// WithRateLimitMode installs the limits of mode m (see RateLimitMode).
func WithRateLimitMode(m RateLimitMode) Option { return func(c *config) { c.limitMode = m } }

// SetRateLimitMode replaces every limit with those of mode m.
func (s *Server) SetRateLimitMode(m RateLimitMode) {
	s.ClearRateLimits()
	switch m {
	case RateLimitsPerTemplate:
		s.SetRealisticRateLimits()
	case RateLimitsPerPath:
		s.SetRealisticRateLimits()
		s.stateMu.Lock()
		defer s.stateMu.Unlock()
		for _, e := range endpoints() {
			if e.api == apiAdmin {
				delete(s.limits, e.key)
				s.pathLimited[e.key] = AdminPerPathPerMinute
			}
		}
	}
}

// SetRateLimit limits endpointKey to perMinute requests per minute (token bucket, full
// at start). perMinute <= 0 removes the limit.
func (s *Server) SetRateLimit(endpointKey string, perMinute int) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	if perMinute <= 0 {
		delete(s.limits, endpointKey)
		return
	}
	s.limits[endpointKey] = newBucket(perMinute)
}

// SetRealisticRateLimits installs RealisticRateLimits for every endpoint.
func (s *Server) SetRealisticRateLimits() {
	for k, v := range RealisticRateLimits() {
		s.SetRateLimit(k, v)
	}
}

// ClearRateLimits removes every rate limit.
func (s *Server) ClearRateLimits() {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.limits = map[string]*bucket{}
	s.pathLimited = map[string]int{}
	s.pathBuckets = map[string]*bucket{}
}

// SetTimeScale changes the rate-limit refill speed factor (see WithTimeScale).
func (s *Server) SetTimeScale(f float64) {
	if f <= 0 {
		return
	}
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.timeScale = f
}

// rateLimit answers 429 with Retry-After (integer seconds >= 1, as S1's TooManyRequests
// documents) when the endpoint's bucket is empty. When time is scaled the whole-second
// Retry-After would be far too long, so the simulator also sends Retry-After-Ms with the
// precise wait (GUESS: the Admin spec documents only Retry-After; openai-go and the
// official provider read Retry-After-Ms first, digest §1.3).
//
// In RateLimitsPerPath mode an Admin request draws from the bucket of its concrete
// path (method and URL path, query ignored), created full on first use.
func (s *Server) rateLimit(key, path string) *apiError {
	s.stateMu.Lock()
	b := s.limits[key]
	if perMinute := s.pathLimited[key]; b == nil && perMinute > 0 {
		method, _, _ := strings.Cut(key, " ")
		pk := method + " " + path
		if b = s.pathBuckets[pk]; b == nil {
			b = newBucket(perMinute)
			s.pathBuckets[pk] = b
		}
		key = pk
	}
	scale := s.timeScale
	var wait time.Duration
	ok := true
	if b != nil {
		wait, ok = b.take(time.Now(), scale)
	}
	s.stateMu.Unlock()
	if ok {
		return nil
	}
	e := errRateLimited(fmt.Sprintf("Rate limit reached for %s: limit %d requests per minute. Please try again later.", key, b.perMinute))
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	e.header.Set("Retry-After", strconv.Itoa(secs))
	if scale != 1 {
		ms := wait.Milliseconds()
		if ms < 1 {
			ms = 1
		}
		e.header.Set("Retry-After-Ms", strconv.FormatInt(ms, 10))
	}
	return e
}
