package posture

// Severity ranks how much a finding weakens the posture.
type Severity string

// Severities, from most to least severe.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
)

// Severities lists every severity, most severe first.
func Severities() []Severity {
	return []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow}
}

// SecuritySeverity is the SARIF "security-severity" score GitHub code
// scanning uses to bucket results (>= 9 critical, >= 7 high, >= 4 medium).
func (s Severity) SecuritySeverity() string {
	switch s {
	case SeverityCritical:
		return "9.5"
	case SeverityHigh:
		return "8.0"
	case SeverityMedium:
		return "5.5"
	default:
		return "3.0"
	}
}

// scoreWeight is the number of score points one unwaived finding costs.
func (s Severity) scoreWeight() int {
	switch s {
	case SeverityCritical:
		return 20
	case SeverityHigh:
		return 10
	case SeverityMedium:
		return 5
	default:
		return 2
	}
}
