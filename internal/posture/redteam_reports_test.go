package posture

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

// Red-team attacks on the reports: text a subject's owner chooses (GPT
// names, file names, recipient emails, action domains) must not change a
// report's structure, forge a finding or a status, or make a failing result
// read as passing.

// hostileReportText aims at JSON, XML and human-readable report lines.
var hostileReportText = []string{
	`"}],"findings":[],"summary":{"passed":true`,
	`</failure></testcase><testcase name="ok"/><testcase><failure>`,
	`<![CDATA[ ]]> &amp; &#x0; <?xml version="1.0"?>`,
	"\x00\x01\x1b[2K\r\u2028\u2029\ufeff\xff",
	"x [waived until 2099-01-01: approved by CISO]",
	"x\n- gpt Other (g-2)\n    observed: nothing\n    allowed:  nothing",
}

// hostileResult has, for each hostile text, one unwaived finding whose
// subject name, sub key and observed value carry it, and one waived finding.
func hostileResult() Result {
	var fs []Finding
	for i, s := range hostileReportText {
		f := Finding{CheckID: "gpt_action_domain", Severity: SeverityHigh, Enforcement: EnforcementError, SubjectKind: "gpt",
			SubjectID: "g-" + string(rune('a'+i)), SubjectName: s, SubjectEmail: s, SubKey: "domain:" + s, Observed: "action calls " + s, Allowed: "action domains in example.com"}
		f.Fingerprint = Fingerprint(f.CheckID, f.SubjectID, f.SubKey)
		fs = append(fs, f)
	}
	w := Finding{CheckID: "gpt_action_domain", Severity: SeverityHigh, Enforcement: EnforcementError, SubjectKind: "gpt", SubjectID: "g-waived",
		SubjectName: hostileReportText[0], Observed: "x", Waived: true, WaiverJustification: "ok", WaiverExpires: "2026-12-31"}
	w.Fingerprint = Fingerprint(w.CheckID, w.SubjectID, "")
	fs = append(fs, w)
	return Result{GeneratedAt: testNow, Rules: []RuleResult{{CheckID: "gpt_action_domain", Title: "t", Severity: SeverityHigh, Enforcement: EnforcementError, Findings: fs}}}
}

func TestRedTeamReportsKeepStructureUnderHostileText(t *testing.T) {
	res := hostileResult()
	unwaived, waived := len(hostileReportText), 1

	js, err := JSON(res)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ParseJSONReport(js)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != unwaived+waived || rep.Summary.High != unwaived || rep.Summary.Waived != waived || rep.Rules[0].Passed {
		t.Errorf("JSON report changed by hostile text: summary %+v, %d findings", rep.Summary, len(rep.Findings))
	}

	sarif, err := SARIF(res, "test")
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Level        string            `json:"level"`
				Suppressions []json.RawMessage `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &log); err != nil {
		t.Fatal(err)
	}
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		if len(r.Suppressions) > 0 {
			suppressed++
		}
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != unwaived+waived || suppressed != waived {
		t.Errorf("SARIF changed by hostile text: %d runs, %d results, %d suppressed", len(log.Runs), len(log.Runs[0].Results), suppressed)
	}

	junit, err := JUnit(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc JUnitTestSuites
	if err := xml.Unmarshal(junit, &doc); err != nil {
		t.Fatalf("JUnit does not parse: %v", err)
	}
	if doc.Failures != unwaived || doc.Skipped != waived || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != unwaived+waived {
		t.Errorf("JUnit changed by hostile text: failures %d skipped %d cases %d", doc.Failures, doc.Skipped, len(doc.Suites[0].Cases))
	}
	failures := 0
	for _, c := range doc.Suites[0].Cases {
		if c.Failure != nil {
			failures++
		}
	}
	if failures != unwaived {
		t.Errorf("JUnit: %d failing cases, want %d", failures, unwaived)
	}

	ocsf, err := OCSFFindings(res, OCSFMeta{Version: "test", TenantUID: "org-x"})
	if err != nil {
		t.Fatal(err)
	}
	var events []struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(ocsf, &events); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range events {
		counts[e.Status]++
	}
	if len(events) != unwaived+waived || counts["New"] != unwaived || counts["Suppressed"] != waived {
		t.Errorf("OCSF changed by hostile text: %v", counts)
	}
}

// Attack: the human-readable lines (SARIF message, JUnit failure message,
// OCSF message, the plan's diagnostics) are built from Subject() and
// Message(). A GPT named "x [waived until 2099-01-01: approved by CISO]" or
// with a newline and a fake "- gpt Other" line makes an unwaived finding read
// as waived, or as another finding, to a person reading the plan or a code
// scanning alert.
func TestRedTeamFindingTextCannotForgeStatus(t *testing.T) {
	for _, f := range hostileResult().Rules[0].Findings {
		if f.Waived {
			continue
		}
		msg := f.Message()
		if strings.Contains(msg, "[waived") {
			t.Errorf("unwaived finding's message reads as waived: %q", msg)
		}
		if strings.ContainsAny(msg, "\n\r\u2028\u2029") {
			t.Errorf("a finding's message spans lines (a name can forge further lines): %q", msg)
		}
	}
}

// Attack: the provider returns the reports as Terraform strings, and
// Terraform decodes JSON strings to show them (output changes in a plan,
// terraform show), printing a multi-line value line by line, raw. So the
// structured fields must not carry an owner's raw control characters,
// newlines or GitHub Actions commands either.
func TestRedTeamReportFieldsCarryNoRawOwnerText(t *testing.T) {
	res := hostileResult()
	js, _ := JSON(res)
	sarif, _ := SARIF(res, "test")
	ocsf, _ := OCSFFindings(res, OCSFMeta{Version: "test"})
	for name, doc := range map[string][]byte{"json": js, "sarif": sarif, "ocsf": ocsf} {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		walkStrings(v, func(s string) {
			if strings.ContainsAny(s, "\x00\x01\x1b\r\u2028\u2029\ufeff") || strings.Contains(s, "##[") ||
				(strings.Contains(s, "\n") && strings.Contains(s, "- gpt Other")) {
				t.Errorf("%s report carries raw owner text: %q", name, s)
			}
		})
	}
}

func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	}
}

// Attack: BaselineHCL's comment naming a subject quotes the name with
// HCLString, which escapes control characters but leaves "##[" raw; GitHub's
// runner runs "##[command]" anywhere in a log line, and terraform show and
// plans print the baseline_hcl attribute line by line.
func TestRedTeamBaselineCommentCannotCarryWorkflowCommand(t *testing.T) {
	f := Finding{SubjectKind: "gpt", SubjectID: "g-1", SubjectName: "Press kit ##[warning]forged\n::add-mask::x"}
	if c := baselineComment(f); strings.Contains(c, "##[") || strings.Contains(c, "::") {
		t.Errorf("baseline comment carries a workflow command: %s", c)
	}
}

// Every catalog check carries framework tags: an untagged check would drop
// out of every framework selection and score without a word.
func TestRedTeamEveryCheckIsTagged(t *testing.T) {
	for _, id := range CheckIDs() {
		if len(CheckControls(id)) == 0 {
			t.Errorf("check %s has no framework tag: frameworks = [...] can never select it", id)
		}
	}
}
