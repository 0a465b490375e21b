package posture

import "fmt"

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

// rank orders severities from low (0) to critical (3); an unknown severity
// ranks below every known one.
func (s Severity) rank() int {
	all := Severities() // most severe first
	for i, x := range all {
		if x == s {
			return len(all) - 1 - i
		}
	}
	return -1
}

// AtLeast reports whether s is as severe as floor or more. Selecting checks
// by a minimum severity uses it, so the ranking lives in one place.
func (s Severity) AtLeast(floor Severity) bool { return s.rank() >= floor.rank() }

// ParseSeverity returns the severity named s, or an error naming the valid
// choices.
func ParseSeverity(s string) (Severity, error) {
	for _, x := range Severities() {
		if string(x) == s {
			return x, nil
		}
	}
	return "", fmt.Errorf("severity %q is not valid; valid: critical, high, medium, low", s)
}
