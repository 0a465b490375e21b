package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
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
		CheckID *string `json:"check_id"`
		Passed  *bool   `json:"passed"`
	} `json:"rules"`
}

// parseReport reads one organization's JSON report. Missing or mistyped
// fields, and a summary that disagrees with the rules, are errors: an
// organization never counts as passed on a report the merge cannot trust.
func parseReport(data []byte, from, org string) (orgSummary, error) {
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
	out := orgSummary{
		Organization: org, Score: *s.Score, GeneratedAt: r.GeneratedAt.UTC(),
		Counts: counts{Critical: *s.Critical, High: *s.High, Medium: *s.Medium, Low: *s.Low, Waived: *s.Waived, Errors: *s.Errors},
		Rules:  len(*r.Rules), FailedChecks: []string{},
	}
	for i, rule := range *r.Rules {
		if rule.CheckID == nil || *rule.CheckID == "" {
			return orgSummary{}, fieldError(from, fmt.Sprintf("rules[%d].check_id", i), "missing")
		}
		if rule.Passed == nil {
			return orgSummary{}, fieldError(from, fmt.Sprintf("rules[%d].passed", i), "missing")
		}
		if *rule.Passed {
			out.RulesPassed++
		} else {
			out.FailedChecks = append(out.FailedChecks, *rule.CheckID)
		}
	}
	if *s.Rules != out.Rules || *s.Passed != out.RulesPassed {
		return orgSummary{}, fieldError(from, "summary", "says %d rules, %d passed, but \"rules\" lists %d, %d passed",
			*s.Rules, *s.Passed, out.Rules, out.RulesPassed)
	}
	// Passed only on evidence: at least one rule, all passed, none unreadable.
	out.Passed = out.Rules > 0 && out.RulesPassed == out.Rules && out.Counts.Errors == 0
	return out, nil
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
