package openai

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxHeaderHold caps a hold taken from rate-limit headers: the limits these
// APIs state are per minute, so a longer reset is more likely a misreading
// (e.g. a daily token limit) than a reason to stall a plan.
const maxHeaderHold = time.Minute

// Rate-limit header pairs the pacer reads, request limits first. Neither API
// documents x-ratelimit-* headers for these endpoints (digest §1.3, §2.3);
// the OpenAI inference API sends the -requests pair, and the bare pair is the
// common IETF-draft / GitHub style. Token limits are ignored: these reads
// consume no tokens.
var rateLimitHeaders = [][2]string{
	{"x-ratelimit-remaining-requests", "x-ratelimit-reset-requests"},
	{"x-ratelimit-remaining", "x-ratelimit-reset"},
}

// exhaustedUntil reads rate-limit headers: when a response says no request is
// left and when the window resets, the scope should wait until then rather
// than spend its next request on a 429.
func exhaustedUntil(h http.Header, now time.Time) (time.Time, bool) {
	for _, pair := range rateLimitHeaders {
		rem := strings.TrimSpace(h.Get(pair[0]))
		if rem == "" {
			continue
		}
		n, err := strconv.ParseFloat(rem, 64)
		if err != nil || n >= 1 {
			return time.Time{}, false
		}
		d, ok := parseReset(strings.TrimSpace(h.Get(pair[1])), now)
		if !ok {
			return time.Time{}, false
		}
		return now.Add(min(d, maxHeaderHold)), true
	}
	return time.Time{}, false
}

// parseReset reads a reset value: a Go-style duration ("1s", "6m0s",
// "20ms", as the inference API sends), seconds to wait, or a Unix time in
// seconds (a number too large to be a wait).
func parseReset(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f < 0 || f != f { // negative or NaN: not a reset time
			return 0, false
		}
		if f > 1e9 && f < 1e12 { // Unix seconds (until year 33658)
			d := time.Unix(int64(f), 0).Sub(now)
			return max(d, 0), true
		}
		return secondsToDuration(f), true // capped by the caller, never wrapped
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return d, true
	}
	return 0, false
}
