package posture

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
)

// nfdID is "g-Café" with the é decomposed (e + U+0301): not in Unicode NFC.
const nfdID = "g-Cafe\u0301"

// baselineForSubject renders the baseline of one unwaived gpt_public_link
// finding on a subject of the given id (named to break out of a comment).
func baselineForSubject(id string) (string, Finding) {
	f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: id, SubjectName: hostileName}
	res := Result{Rules: []RuleResult{{CheckID: "gpt_public_link", Severity: SeverityCritical, Findings: []Finding{f}}}}
	return BaselineHCL(nil, res, baselineAsOf, 30), f
}

// checkSubjectRoundTrip is the property the baseline keeps for any subject
// id: the file parses (as Terraform parses it), holds no waiver but the
// subject's, and either that waiver, read as Terraform reads it, waives the
// finding (for an id Terraform delivers unchanged: its value is exactly the
// id's bytes), or there is no waiver and a comment says why, so the finding
// keeps failing visibly instead of behind a waiver that matches nothing.
func checkSubjectRoundTrip(t *testing.T, id string) {
	t.Helper()
	src, f := baselineForSubject(id)
	blocks := parseBaseline(t, src)
	var subjects []string
	for _, w := range evalAttr(t, blocks["gpt_public_link"], "waivers").AsValueSlice() {
		subjects = append(subjects, w.GetAttr("subject").AsString())
	}
	exact := id != "" && !strings.Contains(id, "*") && utf8.ValidString(id) &&
		cty.NormalizeString(id) == id && strings.TrimSpace(id) == id
	switch {
	case exact:
		if len(subjects) != 1 || subjects[0] != id {
			t.Fatalf("id %q: waiver subjects %q, want exactly the id's bytes\n%s", id, subjects, src)
		}
	case len(subjects) == 0:
		if !strings.Contains(src, "# Not waived: subject id ") {
			t.Fatalf("id %q: no waiver and no comment saying why\n%s", id, src)
		}
		return
	case len(subjects) != 1:
		t.Fatalf("id %q: waiver subjects %q\n%s", id, subjects, src)
	}
	w := Waiver{Subject: subjects[0], Justification: BaselineJustification, Expires: "2026-12-31"}
	if errs := w.validate("gpt_public_link", 0); len(errs) > 0 || !w.matches(f) {
		t.Fatalf("id %q: rendered waiver %q does not waive the finding (%v)\n%s", id, subjects[0], errs, src)
	}
}

// A subject id not in Unicode NFC cannot be written so Terraform reads it
// back unchanged: HCL literals and every cty string (function results such
// as base64decode's included) are normalized to NFC. The baseline says so
// instead of writing a waiver that would never match.
func TestBaselineHCLSubjectRoundTrip(t *testing.T) {
	for _, id := range []string{
		"g-plain", nfdID, "g-\u212b", // Angstrom sign: NFC is U+00C5
		"g-ctl\x00\x01\x1f\x7f\u0085\u2028", "g-tab\tnl\nret\r",
		"g-${file(\"/etc/passwd\")}", "g-%{ if true }x%{ endif }", "g-$${x}", "g-%%{x}",
		"g-\"quoted\"", "g-back\\slash\\", "g-\\u0041", "g-\xff-bad-utf8",
		" g-leading-space", "g-trailing-space ", "", "g-*",
	} {
		checkSubjectRoundTrip(t, id)
	}
	// While the waiver matcher compares bytes, the NFD id gets the comment,
	// naming the cause; were the matcher to compare NFC forms, it would get a
	// waiver instead (checkSubjectRoundTrip accepts either).
	src, f := baselineForSubject(nfdID)
	if unwaivableSubject(f) != "" && (!strings.Contains(src, `# Not waived: subject id "g-Cafe`) || !strings.Contains(src, "Unicode NFC")) {
		t.Errorf("the NFD id's comment does not say why it is not waived:\n%s", src)
	}
}

func FuzzBaselineHCLSubject(f *testing.F) {
	for _, s := range []string{"g-plain", nfdID, hostileName, "a\\\"${%{", "\xff", " x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		checkSubjectRoundTrip(t, id)
	})
}

// The real Terraform CLI reads a rendered subject literal as hclLiteralValue
// predicts, NFC normalization included (terraform console, which evaluates
// like a plan; skipped without the binary).
func TestBaselineHCLLiteralAsTerraformReadsIt(t *testing.T) {
	tf, _ := filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "terraform-1.5.7"))
	if _, err := os.Stat(tf); err != nil {
		t.Skip("no terraform binary in .tools/bin")
	}
	for _, id := range []string{nfdID, "g-\u212b", "g-${x}%{y}\"\\\x01", "g-plain"} {
		lit := HCLString(id)
		want, ok := hclLiteralValue(lit)
		if !ok {
			t.Fatalf("%s does not evaluate", lit)
		}
		cmd := exec.Command(tf, "console")
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
		cmd.Stdin = strings.NewReader("base64encode(" + lit + ")\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("terraform console: %v\n%s", err, out)
		}
		got := strings.Trim(strings.TrimSpace(string(out)), `"`)
		if got != base64.StdEncoding.EncodeToString([]byte(want)) {
			t.Errorf("%s: terraform reads %s (base64), hclLiteralValue says %q", lit, got, want)
		}
		if id == nfdID && want == id {
			t.Errorf("%s read back unchanged: the NFC premise of the baseline no longer holds", lit)
		}
	}
}

// The comment written for an id that cannot be waived is `terraform fmt`
// clean too (raw combining marks and all).
func TestBaselineHCLUnwaivableIsFmtClean(t *testing.T) {
	tf, _ := filepath.Abs(filepath.Join("..", "..", ".tools", "bin", "terraform-1.5.7"))
	if _, err := os.Stat(tf); err != nil {
		t.Skip("no terraform binary in .tools/bin")
	}
	file := filepath.Join(t.TempDir(), "baseline.tf")
	src, _ := baselineForSubject(nfdID)
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tf, "fmt", "-check", "-diff", file).CombinedOutput(); err != nil {
		t.Errorf("terraform fmt -check: %v\n%s", err, out)
	}
}
