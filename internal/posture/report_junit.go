package posture

import (
	"encoding/xml"
	"fmt"
	"time"
)

// JUnit XML types. CI systems read this shape (the de-facto JUnit schema used
// by Jenkins, GitLab and GitHub test reporters).
type (
	// JUnitTestSuites is the document root.
	JUnitTestSuites struct {
		XMLName  xml.Name         `xml:"testsuites"`
		Name     string           `xml:"name,attr"`
		Tests    int              `xml:"tests,attr"`
		Failures int              `xml:"failures,attr"`
		Errors   int              `xml:"errors,attr"`
		Skipped  int              `xml:"skipped,attr"`
		Suites   []JUnitTestSuite `xml:"testsuite"`
	}
	// JUnitTestSuite is one rule.
	JUnitTestSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Timestamp  string          `xml:"timestamp,attr"`
		Properties []JUnitProperty `xml:"properties>property"`
		Cases      []JUnitTestCase `xml:"testcase"`
	}
	// JUnitProperty is a name/value pair of a suite.
	JUnitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	// JUnitTestCase is one finding, one data error, or the passing case of a
	// rule without findings.
	JUnitTestCase struct {
		ClassName string        `xml:"classname,attr"`
		Name      string        `xml:"name,attr"`
		Failure   *JUnitProblem `xml:"failure"`
		Error     *JUnitProblem `xml:"error"`
		Skipped   *JUnitSkipped `xml:"skipped"`
	}
	// JUnitProblem is a failure or an error.
	JUnitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	// JUnitSkipped marks a waived finding.
	JUnitSkipped struct {
		Message string `xml:"message,attr"`
	}
)

// JUnit renders the result as JUnit XML: a test suite per rule, a failing
// test case per unwaived finding (a failure even for enforcement "warn": the
// suite's "enforcement" property tells them apart), a skipped one per waived
// finding, an error per unreadable collection, and one passing case when the
// rule has neither findings nor errors.
func JUnit(res Result) ([]byte, error) {
	doc := JUnitTestSuites{Name: "openai-posture"}
	ts := res.GeneratedAt.UTC().Format(time.RFC3339)
	for _, rr := range res.Rules {
		s := JUnitTestSuite{Name: rr.CheckID, Timestamp: ts, Properties: []JUnitProperty{
			{Name: "title", Value: rr.Title},
			{Name: "severity", Value: string(rr.Severity)},
			{Name: "enforcement", Value: rr.Enforcement},
		}}
		for _, tag := range CheckControls(rr.CheckID) {
			s.Properties = append(s.Properties, JUnitProperty{Name: "framework", Value: tag})
		}
		class := "posture." + rr.CheckID
		for _, e := range rr.Errors {
			s.Cases = append(s.Cases, JUnitTestCase{
				ClassName: class, Name: "data " + firstNonEmpty(string(e.Collection), "rule"),
				Error: &JUnitProblem{Message: e.Error(), Type: "DataError", Text: e.Error()},
			})
			s.Errors++
		}
		for _, f := range rr.Findings {
			tc := JUnitTestCase{ClassName: class, Name: f.Subject() + subKeySuffix(f.SubKeyText())}
			if f.Waived {
				tc.Skipped = &JUnitSkipped{Message: fmt.Sprintf("waived until %s: %s", f.WaiverExpires, f.WaiverJustification)}
				s.Skipped++
			} else {
				text := fmt.Sprintf("Observed: %s\nAllowed: %s\nRemediation: %s\nFingerprint: %s", f.ObservedText(), f.Allowed, f.Remediation, f.Fingerprint)
				if f.WaiverExpired {
					text += "\nWaiver expired on " + f.WaiverExpires
				}
				tc.Failure = &JUnitProblem{Message: f.Message(), Type: string(f.Severity), Text: text}
				s.Failures++
			}
			s.Cases = append(s.Cases, tc)
		}
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, JUnitTestCase{ClassName: class, Name: "no findings"})
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

func subKeySuffix(k string) string {
	if k == "" {
		return ""
	}
	return " [" + k + "]"
}
