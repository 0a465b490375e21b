package posture

// Summary counts a result for dashboards and the JSON report.
type Summary struct {
	// Unwaived findings by severity.
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	// Waived findings (any severity).
	Waived int `json:"waived"`
	// Errors is the number of rules that could not be evaluated.
	Errors int `json:"errors"`
	// Rules and Passed count the rules evaluated and those that passed.
	Rules  int `json:"rules"`
	Passed int `json:"passed"`
	// Score is 0..100; see ScoreFormula.
	Score int `json:"score"`
}

// ScoreFormula documents Score.
const ScoreFormula = "score = max(0, 100 - sum over rules of weight(severity) * min(unwaived findings, 5)), " +
	"with weight critical 20, high 10, medium 5, low 2; a rule that could not be evaluated counts as one finding " +
	"(fail closed); waived findings cost nothing"

// maxPenalizedFindings caps one rule's cost so one noisy check cannot by
// itself hide whether the rest of the posture is good.
const maxPenalizedFindings = 5

// Summary computes the counts and score of the result.
func (r Result) Summary() Summary {
	var s Summary
	penalty := 0
	for _, rr := range r.Rules {
		s.Rules++
		if rr.Passed() {
			s.Passed++
		}
		unwaived := 0
		for _, f := range rr.Findings {
			if f.Waived {
				s.Waived++
				continue
			}
			unwaived++
			switch f.Severity {
			case SeverityCritical:
				s.Critical++
			case SeverityHigh:
				s.High++
			case SeverityMedium:
				s.Medium++
			default:
				s.Low++
			}
		}
		if len(rr.Errors) > 0 {
			s.Errors++
			unwaived = max(unwaived, 1)
		}
		penalty += rr.Severity.scoreWeight() * min(unwaived, maxPenalizedFindings)
	}
	s.Score = max(0, 100-penalty)
	return s
}
