package conformance

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// Outcomes of one check on one variant.
const (
	outFinding     = "finding"      // a finding about the data
	outNotReported = "not-reported" // a finding saying data was not reported
	outError       = "error"        // the check failed closed
	outPass        = "pass"
)

// requiredParams fills the parameters opt-in checks require, with values
// the baseline satisfies.
var requiredParams = map[string]posture.Params{
	"gpt_action_domain":              {"allowed_domains": posture.ListValue("example.com", "*.example.com")},
	"gpt_external_share":             {"allowed_domains": posture.ListValue("example.com", "*.example.com")},
	"key_user_owned":                 {"projects": posture.ListValue("*")},
	"project_hosted_tools":           {"allowed_tools": posture.ListValue()},
	"data_retention":                 {"mode": posture.StringValue("zero_data_retention")},
	"dlp_conversation_file":          {"patterns": posture.ListValue("*.pem", "*payroll*")},
	"dlp_gpt_file":                   {"patterns": posture.ListValue("*.pem", "*payroll*")},
	"dlp_project_file":               {"patterns": posture.ListValue("*.pem", "*payroll*")},
	"chatgpt_project_action_domain":  {"allowed_domains": posture.ListValue("example.com", "*.example.com")},
	"chatgpt_project_external_share": {"allowed_domains": posture.ListValue("example.com", "*.example.com")},
}

// rules is one rule per catalog check: default parameters, required ones
// filled.
func rules(t *testing.T) []posture.Rule {
	t.Helper()
	var out []posture.Rule
	for _, c := range posture.Catalog() {
		r := posture.Rule{CheckID: c.ID, Enforcement: posture.EnforcementError, Params: requiredParams[c.ID]}
		if _, errs := posture.ValidateRule(r); len(errs) > 0 {
			t.Fatalf("rule for %s does not validate (fill requiredParams): %v", c.ID, errs)
		}
		out = append(out, r)
	}
	return out
}

// notReportedMarks are the words checks use when a finding is about data
// that was not reported rather than about a bad value.
var notReportedMarks = []string{"not reported", "truncated", "cannot be judged", "not fully reported", "unknown", "incomplete"}

func classify(rr posture.RuleResult) string {
	switch {
	case len(rr.Errors) > 0:
		return outError
	case rr.Passed():
		return outPass
	}
	for _, f := range rr.Findings {
		for _, m := range notReportedMarks {
			if strings.Contains(strings.ToLower(f.Observed), m) {
				return outNotReported
			}
		}
	}
	return outFinding
}

// run serves a variant and evaluates every rule on it through the real
// client, loader and engine.
func run(t *testing.T, v variant, now time.Time, rs []posture.Rule) map[string]posture.RuleResult {
	t.Helper()
	srv := newServer(v.build(t, now), v.paging)
	defer srv.Close()
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: adminKey, AdminBaseURL: srv.URL + adminPrefix,
		ComplianceAPIKey: complianceKey, ComplianceBaseURL: srv.URL + compliancePrefix, WorkspaceID: workspaceID,
		AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
		MaxRetries: -1, RequestTimeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	snap := snapshot.New(client).PostureSnapshot(ctx, rs, now)
	out := map[string]posture.RuleResult{}
	for _, rr := range posture.Evaluate(snap, rs).Rules {
		out[rr.CheckID] = rr
	}
	return out
}

// verdict is one cell: the outcome and, for a false pass, why.
type verdict struct {
	outcome   string
	falsePass string // empty unless the pass is wrong
	observed  string // what the check said (first finding or error)
}

func judge(check string, v variant, rr posture.RuleResult, byName map[string]map[string]posture.RuleResult, enumValues map[string][]variant) verdict {
	out := verdict{outcome: classify(rr)}
	switch {
	case len(rr.Errors) > 0:
		out.observed = rr.Errors[0].Cause
	case len(rr.Findings) > 0:
		out.observed = rr.Findings[0].Observed
	}
	if out.outcome != outPass {
		return out
	}
	switch v.class {
	case "b":
		if contains(mustFlag[check][v.field], v.value) {
			out.falsePass = fmt.Sprintf("passed with documented value %s=%q, which it must flag", v.field, v.value)
		}
		return out
	case "e":
		if ref := byName[v.reference][check]; !ref.Passed() {
			out.falsePass = fmt.Sprintf("passed, but the same data in one page gives %s: items on later pages were lost", classify(ref))
		}
		return out
	}
	for _, r := range checkReads[check] {
		hit := ""
		for _, f := range v.varied {
			// The outermost varied container is the one at fault.
			if (r == f || strings.HasPrefix(r, f+".") || strings.HasPrefix(r, f+"[]")) && (hit == "" || len(f) < len(hit)) {
				hit = f
			}
		}
		if hit == "" {
			continue
		}
		// A missing container (sharing) excuses what it holds when the
		// container itself is benign for the check.
		if why, ok := benign[check][hit]; ok && hit != r && (!strings.HasPrefix(why, "alone:") || len(v.varied) == 1) {
			continue
		}
		if v.emptyList && !emptyMeansUnknown[v.varied[0]] {
			continue // an empty, complete list is an answer
		}
		if v.truncated && truncationHarmless[v.varied[0]] {
			continue
		}
		if why, ok := benign[check][r]; ok && (!strings.HasPrefix(why, "alone:") || len(v.varied) == 1) {
			continue
		}
		if bs := enumValues[r]; len(bs) > 0 && allPass(check, bs, byName) {
			continue // no documented value changes the verdict
		}
		what := map[string]string{"a": "absent", "c": "undocumented, unknown or in the future", "d": "missing, empty or truncated"}[v.class]
		out.falsePass = fmt.Sprintf("passed although %s is %s", r, what)
		return out
	}
	return out
}

func allPass(check string, bs []variant, byName map[string]map[string]posture.RuleResult) bool {
	for _, b := range bs {
		if !byName[b.name][check].Passed() {
			return false
		}
	}
	return true
}

// knownFalsePasses reads testdata/known_false_passes.txt: "check variant"
// pairs expected to be fixed by branches not yet merged.
func knownFalsePasses(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("testdata/known_false_passes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		check, v, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("known_false_passes.txt: %q is not \"check variant\"", line)
		}
		out[check+" "+strings.TrimSpace(v)] = true
	}
	return out
}

// TestConformanceMatrix runs every catalog check over every variant and
// prints the matrix. It fails on a false pass not listed in
// testdata/known_false_passes.txt, on a listed pair that no longer is a false
// pass (so the list shrinks as fixes land), on a catalog check without a
// checkReads entry, and when the baseline does not pass every check.
func TestConformanceMatrix(t *testing.T) {
	now := time.Now().UTC().Truncate(24 * time.Hour)
	rs := rules(t)
	var checks []string
	for _, r := range rs {
		checks = append(checks, r.CheckID)
		if _, ok := checkReads[r.CheckID]; !ok {
			t.Errorf("check %s has no checkReads entry (reads_test.go): say which fields it reads", r.CheckID)
		}
	}
	for c := range checkReads {
		if _, ok := posture.LookupCheck(c); !ok {
			t.Errorf("checkReads names %s, which is not in the catalog", c)
		}
	}
	for _, f := range readFields() {
		_, _, _ = fieldInfo(t, f) // fails on a key that is not in the schema
	}
	if t.Failed() {
		t.FailNow()
	}

	vs := variants(t, now)
	byName := map[string]map[string]posture.RuleResult{}
	enumValues := map[string][]variant{}
	for _, v := range vs {
		byName[v.name] = run(t, v, now, rs)
		if v.class == "b" {
			enumValues[v.field] = append(enumValues[v.field], v)
		}
	}
	for _, c := range checks {
		if rr := byName["base"][c]; !rr.Passed() {
			t.Errorf("baseline: %s does not pass (%s: %s); the baseline must pass every check so variants show their own effect", c, classify(rr), judge(c, vs[0], rr, byName, enumValues).observed)
		}
	}

	known := knownFalsePasses(t)
	var falsePasses, unexpected []string
	cells := make([][]verdict, len(vs))
	for i, v := range vs {
		cells[i] = make([]verdict, len(checks))
		for j, c := range checks {
			cells[i][j] = judge(c, v, byName[v.name][c], byName, enumValues)
			if fp := cells[i][j].falsePass; fp != "" {
				key := c + " " + v.name
				falsePasses = append(falsePasses, key+": "+fp)
				if !known[key] {
					unexpected = append(unexpected, key+": "+fp)
				}
				delete(known, key)
			}
		}
	}
	t.Logf("conformance matrix (%d checks x %d variants):\n%s", len(checks), len(vs), render(checks, vs, cells))
	t.Logf("false passes: %d", len(falsePasses))
	for _, fp := range falsePasses {
		t.Logf("  FALSE PASS %s", fp)
	}
	for _, u := range unexpected {
		t.Errorf("false pass not in testdata/known_false_passes.txt: %s", u)
	}
	var fixed []string
	for k := range known {
		fixed = append(fixed, k)
	}
	sort.Strings(fixed)
	for _, k := range fixed {
		t.Errorf("testdata/known_false_passes.txt lists %q, which is no longer a false pass: remove the line", k)
	}
}

var codes = map[string]string{outPass: ".", outFinding: "F", outNotReported: "N", outError: "E"}

// render prints one row per variant and one column per check (numbered in
// the legend); X marks a false pass.
func render(checks []string, vs []variant, cells [][]verdict) string {
	var b strings.Builder
	b.WriteString("legend: . pass  F finding  N not-reported finding  E error (failed closed)  X FALSE PASS\n")
	for j, c := range checks {
		fmt.Fprintf(&b, "  %2d %s\n", j+1, c)
	}
	width := 0
	for _, v := range vs {
		width = max(width, len(v.name))
	}
	width = min(width, 90)
	fmt.Fprintf(&b, "%-*s ", width, "variant \\ check")
	for j := range checks {
		fmt.Fprintf(&b, "%d", (j+1)%10)
	}
	b.WriteString("\n")
	for i, v := range vs {
		name := v.name
		if len(name) > width {
			name = name[:width-1] + "…"
		}
		fmt.Fprintf(&b, "%-*s ", width, name)
		for j := range checks {
			c := codes[cells[i][j].outcome]
			if cells[i][j].falsePass != "" {
				c = "X"
			}
			b.WriteString(c)
		}
		b.WriteString("\n")
	}
	return b.String()
}
