package openai

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Adaptive pacing (additive increase, multiplicative decrease), per scope.
//
// A server limiting "N a minute" with a token bucket serves at most its
// refill rate once its burst is spent; asking faster costs 429s (absorbed by
// retries, and each one holds the scope for the server's Retry-After) but no
// time, while asking slower costs time. So the rate is kept just under the
// limit: the first 429 sets it from the server's wait (a bucket just emptied
// refills its next token after about one interval, so 1/Retry-After is the
// limit), each later 429 cuts it by aimdDecrease, and aimdRecover successes
// climb back to the rate before the cut. The sawtooth between 90% and 100%
// of the limit averages 95%: about 1.05x the rate floor.
const (
	// aimdDecrease multiplies the rate on a 429 that names a wait: the rate
	// was learned from the server and is near its limit.
	aimdDecrease = 0.9
	// aimdUntoldDecrease multiplies the rate on a 429 without Retry-After
	// (the Admin spec allows omitting it): nothing says how far off the rate
	// is, so it halves, as TCP does, unless the recent successes show the
	// server serving faster than that (then it goes to that served rate).
	aimdUntoldDecrease = 0.5
	// aimdRecover is the number of successes that undo one cut.
	aimdRecover = 20
	// aimdMinPerSecond is the slowest adaptive pace (1 a minute): a floor so
	// a run of 429s cannot stall a scope for ever.
	aimdMinPerSecond = 1.0 / 60
	// aimdMaxPerSecond bounds a rate learned from a very short Retry-After.
	aimdMaxPerSecond = 1000.0
	// aimdUntoldPerSecond is the rate set by a first 429 that names no wait
	// (60 a minute); later successes and 429s tune it.
	aimdUntoldPerSecond = 1.0
)

// aimd is one scope's adaptive rate. Its limiter starts unlimited: the
// initial burst is bounded only by the callers' concurrency.
type aimd struct {
	lim *rate.Limiter
	// cutAt is when the rate was last cut; a 429 answering a request sent
	// before then carries no news and does not cut again.
	cutAt time.Time
	// step is the additive increase per success, fixed at each cut.
	step float64
	// ceiling is the rate before the last cut; recovery stops there until
	// the next 429 shows where the limit now is.
	ceiling float64
	// recent holds the times of the last successes (a ring), from which a
	// 429 without Retry-After estimates the rate the server is serving.
	recent  [aimdWindow]time.Time
	nRecent int
	// maxPerSecond, when positive, is a documented limit the rate never
	// passes (newCappedAIMD); else aimdMaxPerSecond bounds it.
	maxPerSecond float64
}

// aimdWindow is how many recent successes estimate the served rate.
const aimdWindow = 16

// servedRate is the rate of the recent successes, or 0 when too few are
// known. Right after a 429 the server has been serving at its limit, so this
// is the limit (or above it, while the initial burst is still in the window).
func (a *aimd) servedRate() float64 {
	n := min(a.nRecent, aimdWindow)
	if n < aimdWindow/2 {
		return 0
	}
	newest := a.recent[(a.nRecent-1)%aimdWindow]
	oldest := a.recent[(a.nRecent-n)%aimdWindow]
	span := newest.Sub(oldest).Seconds()
	if span <= 0 {
		return 0
	}
	return float64(n-1) / span
}

func newAIMD() *aimd {
	return &aimd{lim: rate.NewLimiter(rate.Inf, 1)}
}

// newCappedAIMD is the adaptive rate of an endpoint with a documented limit:
// it starts at that limit (one request at a time, no burst) instead of
// unpaced, cuts on 429s like any scope, and recovers and probes only up to
// the limit.
func newCappedAIMD(maxPerSecond float64) *aimd {
	return &aimd{lim: rate.NewLimiter(rate.Limit(maxPerSecond), 1), maxPerSecond: maxPerSecond, ceiling: maxPerSecond}
}

// maxRate is the fastest this scope may go.
func (a *aimd) maxRate() float64 {
	if a.maxPerSecond > 0 {
		return a.maxPerSecond
	}
	return aimdMaxPerSecond
}

// perSecond is the current rate (+Inf before the first 429).
func (a *aimd) perSecond() float64 {
	if l := a.lim.Limit(); l != rate.Inf {
		return float64(l)
	}
	return math.Inf(1)
}

// limited records a 429 answering a request sent at sent; wait is the
// server's Retry-After when told.
func (a *aimd) limited(now, sent time.Time, wait time.Duration, told bool) {
	if sent.Before(a.cutAt) {
		return
	}
	cur := a.perSecond()
	var next float64
	if math.IsInf(cur, 1) {
		next = aimdUntoldPerSecond
		if told && wait > 0 {
			next = 1 / wait.Seconds()
		}
		cur = next
	} else if told {
		// A Retry-After is the time to the server's next token, at most one
		// interval, so the rate it implies is at least the limit: the first
		// one can overshoot several times over (a bucket with part of a token
		// left answers a short wait). Once successes show the rate the server
		// actually serves, go down to it (at most halving) rather than by 10%.
		next = cur * aimdDecrease
		if served := a.servedRate(); served > 0 && served < next {
			next = math.Max(served, cur*aimdUntoldDecrease)
		}
	} else {
		// Halve, but not below what the server has just been serving.
		next = cur * aimdUntoldDecrease
		if served := a.servedRate(); served > next {
			next = math.Min(served, cur*aimdDecrease)
		}
	}
	next = math.Min(math.Max(next, aimdMinPerSecond), a.maxRate())
	a.ceiling = math.Max(cur, next)
	a.step = (a.ceiling - next) / aimdRecover
	if a.step <= 0 {
		a.step = next * (1 - aimdDecrease) / aimdRecover // probing step
		a.ceiling = math.Inf(1)
	}
	a.cutAt = now
	a.lim.SetLimitAt(now, rate.Limit(next))
	a.lim.SetBurstAt(now, 1)
}

// served records a success: the rate climbs by one step, up to the ceiling,
// and past it by steps of a tenth as long to probe for a higher limit.
func (a *aimd) served(now time.Time) {
	a.recent[a.nRecent%aimdWindow] = now
	a.nRecent++
	cur := a.perSecond()
	if math.IsInf(cur, 1) {
		return
	}
	next := cur + a.step/10
	if below := a.ceiling * (1 - 1e-9); cur < below {
		next = math.Min(cur+a.step, a.ceiling)
	}
	a.lim.SetLimitAt(now, rate.Limit(math.Min(next, a.maxRate())))
}
