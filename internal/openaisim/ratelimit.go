package openaisim

import (
	"fmt"
	"math"
	"strconv"
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
			out[e.key] = 10
		case e.single:
			out[e.key] = 100
		default:
			out[e.key] = 50
		}
	}
	return out
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
func (s *Server) rateLimit(key string) *apiError {
	s.stateMu.Lock()
	b := s.limits[key]
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
