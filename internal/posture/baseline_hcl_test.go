package posture

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

var baselineAsOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// hostileName is what an attacker could name a GPT to break out of a string
// or a comment of the rendered baseline, or to inject a waiver.
const hostileName = "Evil\" }\n    { subject = \"*\" justification = \"x\" expires = \"2099-01-01\" },\n# ${file(\"/etc/passwd\")} %{ if true }x%{ endif } \\ \r\u2028\x00 $${ done"

func baselineFixture() ([]Rule, Result) {
	rules := []Rule{
		{CheckID: "gpt_public_link", Waivers: []Waiver{
			{Subject: "g-Kept", Justification: "Approved, SEC-1", Expires: "2027-03-31"},
			{Subject: "g-Old", Justification: "Expired", Expires: "2026-01-01"},
		}},
		{CheckID: "gpt_external_share", Params: Params{"allowed_domains": ListValue("example.com", "a\"${b}")}, Enforcement: EnforcementWarn},
		{CheckID: "admin_key_rotation", Params: Params{"max_age_days": IntValue(30)}},
	}
	res := Result{Rules: []RuleResult{
		{CheckID: "admin_key_rotation", Severity: SeverityHigh}, // passes: a block, no waivers
		{CheckID: "gpt_external_share", Severity: SeverityHigh, Findings: []Finding{
			{SubjectKind: "gpt", SubjectID: "g-Evil", SubjectName: hostileName, SubKey: "a"},
			{SubjectKind: "gpt", SubjectID: "g-Evil", SubjectName: hostileName, SubKey: "b"},
			{SubjectKind: "gpt", SubjectID: "g-*", SubjectName: "wildcard id"},
		}},
		{CheckID: "gpt_public_link", Severity: SeverityCritical, Findings: []Finding{
			{SubjectKind: "gpt", SubjectID: "g-Kept", Waived: true},
			{SubjectKind: "gpt", SubjectID: "g-Old", SubjectName: "Old", WaiverExpired: true},
			{SubjectKind: "gpt", SubjectID: "g-New", SubjectName: "New"},
		}},
	}}
	return rules, res
}

// parseBaseline parses the rendered HCL and returns, by resource name, the
// value of each block's attributes.
func parseBaseline(t *testing.T, src string) map[string]*hclsyntax.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "baseline.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("rendered baseline does not parse: %v\n%s", diags, src)
	}
	out := map[string]*hclsyntax.Body{}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || b.Labels[0] != "openai_posture_check" {
			t.Fatalf("unexpected block %s %v", b.Type, b.Labels)
		}
		out[b.Labels[1]] = b.Body
	}
	return out
}

func TestBaselineHCLBlockPerEvaluatedCheck(t *testing.T) {
	rules, res := baselineFixture()
	src := BaselineHCL(rules, res, baselineAsOf.Add(15*time.Hour), 30)
	blocks := parseBaseline(t, src)
	if len(blocks) != 3 || blocks["gpt_public_link"] == nil || blocks["gpt_external_share"] == nil || blocks["admin_key_rotation"] == nil {
		t.Fatalf("blocks %v, want gpt_public_link, gpt_external_share and admin_key_rotation\n%s", blocks, src)
	}
	// The passing check is gated too: its block, its parameters, no waivers
	// (a passing check accepts nothing).
	pass := blocks["admin_key_rotation"]
	if pass.Attributes["waivers"] != nil || pass.Attributes["enforcement"] != nil {
		t.Errorf("the passing check's block has waivers or enforcement\n%s", src)
	}
	if got := evalAttr(t, pass, "parameters").GetAttr("max_age_days"); !got.Equals(cty.NumberIntVal(30)).True() {
		t.Errorf("admin_key_rotation max_age_days %v, want 30\n%s", got, src)
	}
	link := evalAttr(t, blocks["gpt_public_link"], "waivers")
	var subjects []string
	for _, w := range link.AsValueSlice() {
		subjects = append(subjects, w.GetAttr("subject").AsString()+"@"+w.GetAttr("expires").AsString())
		if w.GetAttr("subject").AsString() == "g-New" && w.GetAttr("justification").AsString() != BaselineJustification {
			t.Errorf("new waiver justification %q", w.GetAttr("justification").AsString())
		}
	}
	// The kept waiver as written, the expired one dropped, its finding and the
	// new one waived by id for 30 days from the as-of date.
	if got, want := strings.Join(subjects, ","), "g-Kept@2027-03-31,g-Old@2026-12-31,g-New@2026-12-31"; got != want {
		t.Errorf("gpt_public_link waivers %s, want %s\n%s", got, want, src)
	}
	share := blocks["gpt_external_share"]
	// The rule is warn-only; the baseline is a gate all the same.
	if share.Attributes["enforcement"] != nil {
		t.Errorf("the baseline copies the rule's enforcement\n%s", src)
	}
	domains := evalAttr(t, share, "parameters").GetAttr("allowed_domains").AsValueSlice()
	if len(domains) != 2 || domains[1].AsString() != "a\"${b}" {
		t.Errorf("allowed_domains %v, want the literal values back", domains)
	}
	ws := evalAttr(t, share, "waivers").AsValueSlice()
	// g-Evil once per finding (two sub-keys: two fingerprints); g-* never (a
	// wildcard).
	var got []string
	for _, w := range ws {
		got = append(got, w.GetAttr("subject").AsString()+"/"+w.GetAttr("finding").AsString())
	}
	want := []string{"g-Evil/" + Fingerprint("gpt_external_share", "g-Evil", "a"), "g-Evil/" + Fingerprint("gpt_external_share", "g-Evil", "b")}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("gpt_external_share waivers %v, want %v (by id and fingerprint)\n%s", got, want, src)
	}
	if !strings.Contains(src, `# Not waived: subject id "g-*"`) {
		t.Errorf("the wildcard id is not named as not waived\n%s", src)
	}
}

// The attacker's name is in a comment only, escaped: the file still parses to
// exactly the expected waivers (no "*" subject), and no line of it starts
// outside a comment with the attacker's text.
func TestBaselineHCLHostileNameCannotInject(t *testing.T) {
	rules, res := baselineFixture()
	src := BaselineHCL(rules, res, baselineAsOf, 30)
	blocks := parseBaseline(t, src)
	for name, body := range blocks {
		if body.Attributes["waivers"] == nil {
			continue
		}
		for _, w := range evalAttr(t, body, "waivers").AsValueSlice() {
			if s := w.GetAttr("subject").AsString(); strings.Contains(s, "*") || strings.Contains(s, "Evil\"") {
				t.Errorf("%s: waiver subject %q came from a name or is a wildcard", name, s)
			}
		}
	}
	for _, line := range strings.Split(src, "\n") {
		if strings.Contains(line, "Evil") && !strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(line, `"g-Evil"`) {
			t.Errorf("the hostile name leaks out of a comment: %q", line)
		}
		if strings.ContainsAny(line, "\r\x00\u2028") {
			t.Errorf("raw control character in %q", line)
		}
	}
}

func TestHCLStringRoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", hostileName, "$${x}", "$$${x}", "%%{", "trailing $", "a\\", "\xff bad utf8", "tab\there",
		"bidi\u202e\u2066x\u2069\u200b\ufeff", "nbsp\u00a0ideo\u3000", "tag\U000E0041 pua\U000F0000", "emoji \U0001F600 ok"} {
		src := "v = " + HCLString(s) + "\n"
		f, diags := hclsyntax.ParseConfig([]byte(src), "x.tf", hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			t.Errorf("%q: %s does not parse: %v", s, src, diags)
			continue
		}
		v, diags := f.Body.(*hclsyntax.Body).Attributes["v"].Expr.Value(nil)
		if diags.HasErrors() {
			t.Errorf("%q: %s does not evaluate without context: %v", s, src, diags)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if v.AsString() != want {
			t.Errorf("HCLString(%q) = %s reads back as %q", s, HCLString(s), v.AsString())
		}
		if strings.Count(src, "\n") != 1 {
			t.Errorf("HCLString(%q) spans lines", s)
		}
	}
}

// A passing organization's baseline still gates every check: one block per
// check, with no waiver (re-rendering after a clean-up keeps the gate).
func TestBaselineHCLGatesPassingChecks(t *testing.T) {
	got := BaselineHCL(nil, Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical}}}, baselineAsOf, 30)
	blocks := parseBaseline(t, got)
	if len(blocks) != 1 || blocks["gpt_public_link"] == nil || blocks["gpt_public_link"].Attributes["waivers"] != nil {
		t.Errorf("baseline of a passing org = %q, want one gpt_public_link block without waivers", got)
	}
	if got := BaselineHCL(nil, Result{}, baselineAsOf, 30); got != "" {
		t.Errorf("baseline of no rules = %q, want empty", got)
	}
}

// The rendered baseline is what `terraform fmt` would write.
func TestBaselineHCLIsFmtClean(t *testing.T) {
	tf, _ := filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "terraform-1.5.7"))
	if _, err := os.Stat(tf); err != nil {
		t.Skip("no terraform binary in .tools/bin")
	}
	rules, res := baselineFixture()
	dir := t.TempDir()
	file := filepath.Join(dir, "baseline.tf")
	if err := os.WriteFile(file, []byte(BaselineHCL(rules, res, baselineAsOf, 30)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tf, "fmt", "-check", "-diff", file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("terraform fmt -check: %v\n%s", err, out)
	}
}

func evalAttr(t *testing.T, body *hclsyntax.Body, name string) ctyValue {
	t.Helper()
	a := body.Attributes[name]
	if a == nil {
		t.Fatalf("no attribute %s", name)
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	return v
}

type ctyValue = cty.Value
