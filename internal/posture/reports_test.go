package posture

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sampleResult has an unwaived error-enforced finding, a warn-enforced one, a
// waived one, an expired waiver, a passing rule and an unreadable rule.
func sampleResult() Result {
	snap := emptySnapshot()
	snap.AdminAPIKeys = Loaded(
		AdminAPIKey{ID: "key_old", Name: "ci <prod>", CreatedAt: ago(200), LastUsedAt: ago(1)},
		AdminAPIKey{ID: "key_waived", Name: "legacy", CreatedAt: ago(200), LastUsedAt: ago(1)},
		AdminAPIKey{ID: "key_expired", Name: "temp", CreatedAt: ago(200), LastUsedAt: ago(1)},
	)
	g := gpt("g-1")
	g.Visibility = "gpt-store"
	withGPT(&snap, g)
	snap.Certificates = Unreadable[Certificate]("GET /v1/organization/certificates", errors.New("HTTP 500"))
	return Evaluate(snap, []Rule{
		{CheckID: "admin_key_rotation", Waivers: []Waiver{
			{Subject: "key_waived", Justification: "decommissioned in Q3", Expires: "2026-09-30"},
			{Subject: "temp", Match: WaiverMatchName, Justification: "was temporary", Expires: "2026-05-01"},
		}},
		{CheckID: "gpt_public_store", Enforcement: EnforcementWarn},
		{CheckID: "spend_limit"},
		{CheckID: "certificate_expiry"},
	})
}

func TestSummaryAndScore(t *testing.T) {
	res := sampleResult()
	s := res.Summary()
	// admin_key_rotation: 2 unwaived high (key_old, key_expired) = 20;
	// gpt_public_store: 1 high = 10; certificate_expiry error = 1 medium = 5.
	want := Summary{High: 3, Waived: 1, Errors: 1, Rules: 4, Passed: 1, Score: 65}
	if s != want {
		t.Errorf("summary = %+v, want %+v", s, want)
	}
	if !res.Failed() {
		t.Error("result with error-enforced findings did not fail")
	}
	warnOnly := Evaluate(func() Snapshot {
		s := emptySnapshot()
		g := gpt("g-1")
		g.Visibility = "gpt-store"
		withGPT(&s, g)
		return s
	}(),
		[]Rule{{CheckID: "gpt_public_store", Enforcement: EnforcementWarn}})
	if warnOnly.Failed() {
		t.Error("warn-only findings failed the plan")
	}
	if clean := Evaluate(emptySnapshot(), []Rule{{CheckID: "spend_limit"}}).Summary(); clean.Score != 100 {
		t.Errorf("clean score = %d", clean.Score)
	}
	var many []AdminAPIKey
	for i := 0; i < 50; i++ {
		many = append(many, AdminAPIKey{ID: string(rune('a'+i%26)) + strings.Repeat("x", i), CreatedAt: ago(400)})
	}
	snap := emptySnapshot()
	snap.AdminAPIKeys = Loaded(many...)
	if s := Evaluate(snap, []Rule{{CheckID: "admin_key_rotation"}}).Summary(); s.Score != 50 || s.High != 50 {
		t.Errorf("capped score = %+v", s)
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	out, err := SARIF(sampleResult(), "1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	schemaFile, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	// The schema check is only as good as the schema: make sure it rejects
	// a broken log.
	broken, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`))
	if sch.Validate(broken) == nil {
		t.Fatal("schema accepted a log without driver.name")
	}
}

func TestSARIFContent(t *testing.T) {
	out, err := SARIF(sampleResult(), "1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						Properties map[string]any `json:"properties"`
						Help       struct{ Text string }
					}
				}
			}
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			}
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct {
					Kind, Status, Justification string
				}
				Locations []struct {
					LogicalLocations []struct{ Kind, FullyQualifiedName string }
				}
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(Catalog()) {
		t.Errorf("%d rules, want one per check", len(run.Tool.Driver.Rules))
	}
	for i, r := range run.Tool.Driver.Rules {
		c, _ := LookupCheck(r.ID)
		if r.Properties["security-severity"] != c.Severity.SecuritySeverity() || r.Help.Text != c.Remediation || CheckIDs()[i] != r.ID {
			t.Errorf("rule %s: %+v", r.ID, r)
		}
	}
	if run.Invocations[0].ExecutionSuccessful {
		t.Error("invocation successful despite an unreadable collection")
	}
	byFP := map[string]int{}
	fps := map[string]Finding{}
	for _, f := range sampleResult().Findings() {
		fps[f.Fingerprint] = f
	}
	for i, r := range run.Results {
		fp := r.PartialFingerprints[SARIFFingerprintKey]
		f, ok := fps[fp]
		if !ok {
			t.Fatalf("result %d fingerprint %q unknown", i, fp)
		}
		byFP[fp]++
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex mismatch for %s", r.RuleID)
		}
		wantLevel := "error"
		if f.Enforcement == EnforcementWarn {
			wantLevel = "warning"
		}
		if r.Level != wantLevel {
			t.Errorf("%s level %s, want %s", f.SubjectID, r.Level, wantLevel)
		}
		if f.Waived != (len(r.Suppressions) == 1) {
			t.Errorf("%s: waived %v, suppressions %+v", f.SubjectID, f.Waived, r.Suppressions)
		}
		if f.Waived && (r.Suppressions[0].Kind != "external" || r.Suppressions[0].Status != "accepted" || !strings.Contains(r.Suppressions[0].Justification, "decommissioned in Q3")) {
			t.Errorf("suppression = %+v", r.Suppressions[0])
		}
		if f.WaiverExpired && !strings.Contains(r.Message.Text, "waiver expired on 2026-05-01") {
			t.Errorf("expired waiver not in message: %s", r.Message.Text)
		}
		if loc := r.Locations[0].LogicalLocations[0]; loc.Kind != f.SubjectKind || loc.FullyQualifiedName != f.SubjectKind+"/"+f.SubjectID {
			t.Errorf("location = %+v", loc)
		}
	}
	if len(byFP) != len(fps) {
		t.Errorf("%d results for %d findings", len(byFP), len(fps))
	}
}

func TestJUnitParsesBack(t *testing.T) {
	out, err := JUnit(sampleResult())
	if err != nil {
		t.Fatal(err)
	}
	var doc JUnitTestSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	suites := map[string]JUnitTestSuite{}
	for _, s := range doc.Suites {
		suites[s.Name] = s
	}
	rot := suites["admin_key_rotation"]
	if rot.Tests != 3 || rot.Failures != 2 || rot.Skipped != 1 || rot.Errors != 0 {
		t.Errorf("admin_key_rotation suite = %+v", rot)
	}
	for _, c := range rot.Cases {
		if strings.Contains(c.Name, "key_waived") && (c.Skipped == nil || !strings.Contains(c.Skipped.Message, "decommissioned in Q3")) {
			t.Errorf("waived case = %+v", c)
		}
		if strings.Contains(c.Name, "key_expired") && (c.Failure == nil || !strings.Contains(c.Failure.Text, "Waiver expired on 2026-05-01")) {
			t.Errorf("expired case = %+v", c)
		}
		if strings.Contains(c.Name, "key_old") && (c.Failure == nil || c.Failure.Type != "high" || !strings.Contains(c.Name, "ci <prod>")) {
			t.Errorf("failing case = %+v", c)
		}
	}
	if s := suites["spend_limit"]; s.Tests != 1 || s.Cases[0].Name != "no findings" || s.Cases[0].Failure != nil {
		t.Errorf("passing suite = %+v", s)
	}
	if s := suites["certificate_expiry"]; s.Errors != 1 || s.Cases[0].Error == nil || !strings.Contains(s.Cases[0].Error.Message, "GET /v1/organization/certificates") {
		t.Errorf("error suite = %+v", s)
	}
	if doc.Tests != 6 || doc.Failures != 3 || doc.Errors != 1 || doc.Skipped != 1 {
		t.Errorf("totals = %d tests %d failures %d errors %d skipped", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	res := sampleResult()
	out, err := JSON(res)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ParseJSONReport(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep, NewJSONReport(res)) {
		t.Errorf("round trip changed the report:\n%+v\n%+v", rep, NewJSONReport(res))
	}
	if rep.Version != "1" || !rep.GeneratedAt.Equal(testNow) || rep.Summary.Waived != 1 || len(rep.Errors) != 1 || len(rep.Rules) != 4 {
		t.Errorf("report = %+v", rep)
	}
	var raw map[string]any
	_ = json.Unmarshal(out, &raw)
	for _, key := range []string{"version", "generated_at", "summary", "score_formula", "rules", "findings", "errors", "warnings"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	if _, err := ParseJSONReport([]byte(`{"version":"0"}`)); err == nil {
		t.Error("accepted another version")
	}
	empty, _ := JSON(Evaluate(emptySnapshot(), nil))
	if !bytes.Contains(empty, []byte(`"findings": []`)) || !bytes.Contains(empty, []byte(`"errors": []`)) {
		t.Errorf("empty report uses null lists: %s", empty)
	}
}
