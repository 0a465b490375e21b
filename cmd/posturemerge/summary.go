package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// FleetSummaryVersion is the version of the fleet summary shape; fields are
// only added within a version.
const FleetSummaryVersion = "1"

// fleetSummary is the summary file:
//
//	{
//	  "version": "1",
//	  "passed": false,                  // every organization passed
//	  "organizations": [                // sorted by name
//	    {"organization": "dev", "passed": false, "score": 40, "generated_at": "...",
//	     "counts": {"critical":0,"high":5,"medium":2,"low":0,"waived":0,"errors":0},
//	     "rules": 7, "rules_passed": 0, "failed_checks": ["admin_key_rotation", ...]}
//	  ],
//	  "totals": {"organizations": 3, "passed": 2, "failed": 1, "min_score": 40,
//	             "counts": {"critical":0,"high":6,"medium":2,"low":0,"waived":0,"errors":0}}
//	}
type fleetSummary struct {
	Version       string       `json:"version"`
	Passed        bool         `json:"passed"`
	Organizations []orgSummary `json:"organizations"`
	Totals        totals       `json:"totals"`
}

type orgSummary struct {
	Organization string    `json:"organization"`
	Passed       bool      `json:"passed"`
	Score        int       `json:"score"`
	GeneratedAt  time.Time `json:"generated_at"`
	Counts       counts    `json:"counts"`
	Rules        int       `json:"rules"`
	RulesPassed  int       `json:"rules_passed"`
	FailedChecks []string  `json:"failed_checks"`
}

// counts are unwaived findings by severity, waived findings, and rules that
// could not be evaluated.
type counts struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Waived   int `json:"waived"`
	Errors   int `json:"errors"`
}

func (c *counts) add(o counts) {
	c.Critical += o.Critical
	c.High += o.High
	c.Medium += o.Medium
	c.Low += o.Low
	c.Waived += o.Waived
	c.Errors += o.Errors
}

type totals struct {
	Organizations int    `json:"organizations"`
	Passed        int    `json:"passed"`
	Failed        int    `json:"failed"`
	MinScore      int    `json:"min_score"`
	Counts        counts `json:"counts"`
}

// reportIn is the part of the provider's JSON report (version 1) the
// summary reads. Pointers tell a missing field from a zero.
type reportIn struct {
	Version     *string    `json:"version"`
	GeneratedAt *time.Time `json:"generated_at"`
	Summary     *struct {
		Critical *int `json:"critical"`
		High     *int `json:"high"`
		Medium   *int `json:"medium"`
		Low      *int `json:"low"`
		Waived   *int `json:"waived"`
		Errors   *int `json:"errors"`
		Rules    *int `json:"rules"`
		Passed   *int `json:"passed"`
		Score    *int `json:"score"`
	} `json:"summary"`
	Rules *[]struct {
		CheckID  *string `json:"check_id"`
		Severity *string `json:"severity"`
		Passed   *bool   `json:"passed"`
	} `json:"rules"`
	Findings *[]struct {
		CheckID  *string `json:"check_id"`
		Severity *string `json:"severity"`
		Waived   *bool   `json:"waived"`
	} `json:"findings"`
	Errors *[]struct {
		CheckID *string `json:"check_id"`
	} `json:"errors"`
}

// reportKeys are the JSON names reportIn reads; checkStrictJSON refuses a
// key that differs from one of them only by case.
var reportKeys = []string{"version", "generated_at", "summary", "critical", "high", "medium", "low", "waived",
	"errors", "rules", "passed", "score", "check_id", "severity", "findings"}

// parseReport reads one organization's JSON report. Missing or mistyped
// fields, duplicate keys, and a summary that disagrees with the rules and
// findings it summarises are errors: an organization never counts as passed
// on a report the merge cannot trust.
func parseReport(data []byte, from, org string) (orgSummary, error) {
	if err := checkStrictJSON(data, reportKeys...); err != nil {
		return orgSummary{}, fmt.Errorf("%s: not a posture JSON report the merge can trust: %v", from, err)
	}
	var r reportIn
	if err := json.Unmarshal(data, &r); err != nil {
		var typeErr *json.UnmarshalTypeError
		var syntaxErr *json.SyntaxError
		switch {
		case errors.As(err, &typeErr):
			return orgSummary{}, fieldError(from, typeErr.Field, "want %s, got a JSON %s", typeErr.Type, typeErr.Value)
		case errors.As(err, &syntaxErr):
			return orgSummary{}, fmt.Errorf("%s: not a posture JSON report (invalid JSON at byte %d: %v)", from, syntaxErr.Offset, err)
		default:
			return orgSummary{}, fmt.Errorf("%s: not a posture JSON report: %v", from, err)
		}
	}
	switch {
	case r.Version == nil:
		return orgSummary{}, fieldError(from, "version", "missing (is this the json attribute of openai_posture_findings?)")
	case *r.Version != "1":
		return orgSummary{}, fieldError(from, "version", "report version %q is not supported (want \"1\")", *r.Version)
	case r.GeneratedAt == nil:
		return orgSummary{}, fieldError(from, "generated_at", "missing")
	case r.Summary == nil:
		return orgSummary{}, fieldError(from, "summary", "missing")
	case r.Rules == nil:
		return orgSummary{}, fieldError(from, "rules", "missing")
	case r.Findings == nil:
		return orgSummary{}, fieldError(from, "findings", "missing")
	case r.Errors == nil:
		return orgSummary{}, fieldError(from, "errors", "missing")
	}
	s := r.Summary
	for _, f := range []struct {
		name string
		v    *int
	}{{"critical", s.Critical}, {"high", s.High}, {"medium", s.Medium}, {"low", s.Low}, {"waived", s.Waived},
		{"errors", s.Errors}, {"rules", s.Rules}, {"passed", s.Passed}, {"score", s.Score}} {
		if f.v == nil {
			return orgSummary{}, fieldError(from, "summary."+f.name, "missing")
		}
		if *f.v < 0 {
			return orgSummary{}, fieldError(from, "summary."+f.name, "want a count of 0 or more, got %d", *f.v)
		}
	}
	if *s.Score > 100 {
		return orgSummary{}, fieldError(from, "summary.score", "want 0 to 100, got %d", *s.Score)
	}
	rebuilt, err := rebuildResult(r, from)
	if err != nil {
		return orgSummary{}, err
	}
	out := orgSummary{
		Organization: org, Score: *s.Score, GeneratedAt: r.GeneratedAt.UTC(),
		Counts: counts{Critical: *s.Critical, High: *s.High, Medium: *s.Medium, Low: *s.Low, Waived: *s.Waived, Errors: *s.Errors},
		Rules:  len(*r.Rules), FailedChecks: []string{},
	}
	for i, rule := range *r.Rules {
		if want := rebuilt.Rules[i].Passed(); *rule.Passed != want {
			return orgSummary{}, fieldError(from, fmt.Sprintf("rules[%d].passed", i), "says %v, but the report's findings and errors for %s say %v",
				*rule.Passed, *rule.CheckID, want)
		}
		if *rule.Passed {
			out.RulesPassed++
		} else {
			out.FailedChecks = append(out.FailedChecks, *rule.CheckID)
		}
	}
	// The summary must be what the rules, findings and errors add up to
	// (the provider computes it the same way, posture.Result.Summary).
	want := rebuilt.Summary()
	got := posture.Summary{Critical: *s.Critical, High: *s.High, Medium: *s.Medium, Low: *s.Low, Waived: *s.Waived,
		Errors: *s.Errors, Rules: *s.Rules, Passed: *s.Passed, Score: *s.Score}
	if got != want {
		return orgSummary{}, fieldError(from, "summary", "says %+v, but the report's rules, findings and errors add up to %+v", got, want)
	}
	// Passed only on evidence: at least one rule, all passed, none unreadable.
	out.Passed = out.Rules > 0 && out.RulesPassed == out.Rules && out.Counts.Errors == 0
	return out, nil
}

// rebuildResult turns the report's rules, findings and errors back into a
// posture.Result, checking every field the summary depends on.
func rebuildResult(r reportIn, from string) (posture.Result, error) {
	var res posture.Result
	index := map[string]int{}
	validSeverity := func(s *string, field string) (posture.Severity, error) {
		if s == nil {
			return "", fieldError(from, field, "missing")
		}
		for _, v := range posture.Severities() {
			if string(v) == *s {
				return v, nil
			}
		}
		return "", fieldError(from, field, "unknown severity %q", *s)
	}
	for i, rule := range *r.Rules {
		if rule.CheckID == nil || *rule.CheckID == "" {
			return res, fieldError(from, fmt.Sprintf("rules[%d].check_id", i), "missing")
		}
		if _, dup := index[*rule.CheckID]; dup {
			return res, fieldError(from, fmt.Sprintf("rules[%d].check_id", i), "check %s is listed twice", *rule.CheckID)
		}
		if rule.Passed == nil {
			return res, fieldError(from, fmt.Sprintf("rules[%d].passed", i), "missing")
		}
		sev, err := validSeverity(rule.Severity, fmt.Sprintf("rules[%d].severity", i))
		if err != nil {
			return res, err
		}
		index[*rule.CheckID] = i
		res.Rules = append(res.Rules, posture.RuleResult{CheckID: *rule.CheckID, Severity: sev})
	}
	ruleOf := func(id *string, field string) (*posture.RuleResult, error) {
		if id == nil || *id == "" {
			return nil, fieldError(from, field, "missing")
		}
		i, ok := index[*id]
		if !ok {
			return nil, fieldError(from, field, "check %s is not among the report's rules", *id)
		}
		return &res.Rules[i], nil
	}
	for i, f := range *r.Findings {
		rr, err := ruleOf(f.CheckID, fmt.Sprintf("findings[%d].check_id", i))
		if err != nil {
			return res, err
		}
		sev, err := validSeverity(f.Severity, fmt.Sprintf("findings[%d].severity", i))
		if err != nil {
			return res, err
		}
		if f.Waived == nil {
			return res, fieldError(from, fmt.Sprintf("findings[%d].waived", i), "missing")
		}
		rr.Findings = append(rr.Findings, posture.Finding{CheckID: rr.CheckID, Severity: sev, Waived: *f.Waived})
	}
	for i, e := range *r.Errors {
		rr, err := ruleOf(e.CheckID, fmt.Sprintf("errors[%d].check_id", i))
		if err != nil {
			return res, err
		}
		rr.Errors = append(rr.Errors, posture.DataError{CheckID: rr.CheckID})
	}
	return res, nil
}

func renderSummary(orgs []orgSummary) ([]byte, error) {
	fs := fleetSummary{Version: FleetSummaryVersion, Passed: len(orgs) > 0, Organizations: orgs}
	fs.Totals.MinScore = 100
	for _, o := range orgs {
		fs.Totals.Organizations++
		if o.Passed {
			fs.Totals.Passed++
		} else {
			fs.Totals.Failed++
			fs.Passed = false
		}
		fs.Totals.Counts.add(o.Counts)
		fs.Totals.MinScore = min(fs.Totals.MinScore, o.Score)
	}
	out, err := json.MarshalIndent(fs, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
