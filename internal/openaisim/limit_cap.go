package openaisim

import "net/url"

// Compliance list page-size cap (shared decision 5). C1 gives the GPT, ChatGPT project
// and config lists a default limit of 20 and no maximum; the simulator accepts 1..100 by
// default. A limit cap makes those lists answer 400 (OpenAI error envelope, param
// "limit") for any larger limit, so a client's fallback (retry at the spec default 20,
// and keep 20 for that endpoint) can be tested.
//
// GUESS: whether the live API caps these lists, at what value, and with which status and
// body is unconfirmed; the 400 with param "limit" mirrors what the Admin API documents
// for out-of-range limits.

// DefaultComplianceLimitMax is the largest limit the gpts/projects/configs lists accept
// without a cap.
const DefaultComplianceLimitMax = 100

// WithComplianceLimitCap makes the compliance gpts, projects and configs lists refuse a
// limit above n with a 400 naming "limit" (n <= 0: no cap, the default).
func WithComplianceLimitCap(n int) Option { return func(c *config) { c.complianceLimitCap = n } }

// SetComplianceLimitCap changes the cap at runtime (n <= 0 removes it).
func (s *Server) SetComplianceLimitCap(n int) {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	s.limitCap = n
}

func (s *Server) complianceLimitCap() int {
	s.stateMu.Lock()
	defer s.stateMu.Unlock()
	return s.limitCap
}

// gptLimit reads the limit of the gpts/projects/configs lists: default 20 (C1), at most
// DefaultComplianceLimitMax, or at most the cap when one is set.
func gptLimit(q url.Values, limitCap int) (int, *apiError) {
	if limitCap > 0 {
		return parseLimit(q, min(20, limitCap), limitCap)
	}
	return parseLimit(q, 20, DefaultComplianceLimitMax)
}
