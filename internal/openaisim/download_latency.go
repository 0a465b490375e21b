package openaisim

import "time"

// SetDownloadLatency delays every answer of the download host (the second
// origin the file endpoints redirect to) by d, counted like any download; 0
// removes the delay. The API's 307 itself is not delayed (use InjectFault or
// SetLatency for the API), so a test can slow the file content alone.
func (s *Server) SetDownloadLatency(d time.Duration) {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	s.dl.latency = d
}
