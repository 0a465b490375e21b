package posture

import (
	"encoding/json"
	"fmt"
	"time"
)

// JSONReportVersion is the version of the JSON report shape. Fields are only
// ever added within a version; a rename or removal bumps it.
const JSONReportVersion = "1"

// JSONReport is the documented JSON shape:
//
//	{
//	  "version": "1",
//	  "generated_at": "2026-01-02T03:04:05Z",
//	  "summary": {"critical":0,"high":1,"medium":0,"low":0,"waived":1,"errors":0,"rules":2,"passed":1,"score":90},
//	  "score_formula": "...",
//	  "rules": [{"check_id":"...","title":"...","severity":"high","enforcement":"error","passed":false,"findings":2,"waived":1}],
//	  "findings": [Finding...],   // sorted by check_id, subject_id, sub_key; waived ones included;
//	                              // owner-controlled text escaped (Finding.Escaped)
//	  "errors": [{"check_id":"...","collection":"...","endpoint":"...","cause":"..."}],
//	  "warnings": ["..."]
//	}
type JSONReport struct {
	Version     string    `json:"version"`
	GeneratedAt time.Time `json:"generated_at"`
	Summary     Summary   `json:"summary"`
	// FrameworkScores is the score per framework over the rules whose check
	// has one of its tags (FrameworkScores).
	FrameworkScores map[string]int   `json:"framework_scores"`
	ScoreFormula    string           `json:"score_formula"`
	Rules           []JSONRuleResult `json:"rules"`
	Findings        []Finding        `json:"findings"`
	Errors          []DataError      `json:"errors"`
	Warnings        []string         `json:"warnings"`

	// FrameworkCoverage is, per framework, the checks judged here and the
	// checks of the catalog tagged with it (FrameworkCoverages): a score
	// covers only the former.
	FrameworkCoverage map[string]FrameworkCoverage `json:"framework_coverage"`
}

// JSONRuleResult is one rule's line in the JSON report.
type JSONRuleResult struct {
	CheckID     string   `json:"check_id"`
	Title       string   `json:"title"`
	Severity    Severity `json:"severity"`
	Enforcement string   `json:"enforcement"`
	Passed      bool     `json:"passed"`
	Findings    int      `json:"findings"`
	Waived      int      `json:"waived"`
	// Frameworks are the check's framework tags ("iso27001:A.5.15").
	Frameworks []string `json:"frameworks"`
}

// NewJSONReport builds the JSON report of a result.
func NewJSONReport(res Result) JSONReport {
	rep := JSONReport{
		Version: JSONReportVersion, GeneratedAt: res.GeneratedAt.UTC(), Summary: res.Summary(), ScoreFormula: ScoreFormula,
		Rules: []JSONRuleResult{}, Findings: res.Findings(), Errors: res.Errors(), Warnings: res.Warnings(),
		FrameworkScores: FrameworkScores(res), FrameworkCoverage: FrameworkCoverages(res),
	}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	for i, f := range rep.Findings {
		rep.Findings[i] = f.Escaped() // see Escaped: the report is shown by Terraform
	}
	if rep.Errors == nil {
		rep.Errors = []DataError{}
	}
	if rep.Warnings == nil {
		rep.Warnings = []string{}
	}
	for _, rr := range res.Rules {
		jr := JSONRuleResult{CheckID: rr.CheckID, Title: rr.Title, Severity: rr.Severity, Enforcement: rr.Enforcement, Passed: rr.Passed(), Findings: len(rr.Findings)}
		jr.Waived = len(rr.Findings) - len(rr.Unwaived())
		jr.Frameworks = nonNil(CheckControls(rr.CheckID))
		rep.Rules = append(rep.Rules, jr)
	}
	return rep
}

// JSON renders the result as the JSON report.
func JSON(res Result) ([]byte, error) {
	return json.MarshalIndent(NewJSONReport(res), "", "  ")
}

// ParseJSONReport reads a JSON report back, refusing other versions.
func ParseJSONReport(data []byte) (JSONReport, error) {
	var rep JSONReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return JSONReport{}, err
	}
	if rep.Version != JSONReportVersion {
		return JSONReport{}, fmt.Errorf("unsupported posture report version %q (want %q)", rep.Version, JSONReportVersion)
	}
	return rep, nil
}
