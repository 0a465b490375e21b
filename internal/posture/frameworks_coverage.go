package posture

// FrameworkCoverage says how much of a framework a result covers: a
// framework score (FrameworkScores) is over the evaluated checks only, so
// "soc2: 100" from one of its checks is read beside "1 of N".
type FrameworkCoverage struct {
	// Evaluated is the number of the result's checks tagged with the
	// framework that were judged: evaluated without data errors. A check
	// that could not read its data is not coverage (it still costs score).
	Evaluated int `json:"evaluated"`
	// Tagged is the number of catalog checks tagged with the framework.
	Tagged int `json:"tagged"`
}

// FrameworkCoverages returns the coverage of every framework, in the
// result (Evaluated) and in the catalog (Tagged); a framework none of whose
// checks ran has Evaluated 0.
func FrameworkCoverages(res Result) map[string]FrameworkCoverage {
	out := map[string]FrameworkCoverage{}
	for _, key := range frameworkKeys {
		cov := FrameworkCoverage{Tagged: len(ChecksSelectedBy(key))}
		judged := map[string]bool{}
		for _, rr := range res.Rules {
			if len(rr.Errors) == 0 && !judged[rr.CheckID] && CheckMatchesFrameworks(rr.CheckID, []string{key}) {
				judged[rr.CheckID] = true
				cov.Evaluated++
			}
		}
		out[key] = cov
	}
	return out
}
