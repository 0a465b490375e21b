package posture

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/zricethezav/gitleaks/v8/detect"
)

// Red-team tests of the DLP detectors and checks (issue 11). Each asserts
// the safe behaviour; a test that fails shows an attack that works. Those
// are skipped unless REDTEAM_RUN=1, so the branch stays green.

// rtRules scans text with the default content selection and returns the
// rule ids found.
func rtRules(t *testing.T, text string) []string {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range v.Hits {
		out = append(out, h.Rule)
	}
	return out
}

func rtWant(t *testing.T, text, rule string) {
	t.Helper()
	got := rtRules(t, text)
	for _, r := range got {
		if r == rule {
			return
		}
	}
	t.Fatalf("rule %s not found in %q (found %v): the planted value passes", rule, text, got)
}

// gitleaks skips any finding on a line that contains "gitleaks:allow" (a
// developer's inline suppression for a repository). In an uploaded file or
// GPT instructions the uploader writes that line: appending the comment
// hides the key from the gate.
func TestRedTeamGitleaksAllowCommentSuppresses(t *testing.T) {
	line := "aws_access_key_id = " + fakeSecrets.awsKeyID + "  # gitleaks:allow"
	t.Run("content", func(t *testing.T) { rtWant(t, line, "aws-access-token") })
	t.Run("instructions", func(t *testing.T) {
		hits, _, err := findSecrets("Use this key: "+fakeSecrets.awsKeyID+" <!-- gitleaks:allow -->", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatalf("gitleaks:allow in GPT instructions hides the key from dlp_gpt_instructions")
		}
	})
}

// gitleaks (the CLI, default --max-decode-depth 5) decodes base64, hex and
// percent-encoded values and finds keys inside them. The library's
// Detector leaves MaxDecodeDepth at 0: the engine never decodes.
func TestRedTeamBase64EncodedKey(t *testing.T) {
	encoded := base64.StdEncoding.EncodeToString([]byte("aws_access_key_id = " + fakeSecrets.awsKeyID + "\n"))
	text := "config_b64: " + encoded + "\n"
	// What gitleaks itself does with its CLI default: finds it.
	cfg, err := secretConfig()
	if err != nil {
		t.Fatal(err)
	}
	d := detect.NewDetector(cfg)
	d.MaxDecodeDepth = 5
	found := false
	for _, f := range d.DetectString(text) {
		found = found || f.RuleID == "aws-access-token"
	}
	if !found {
		t.Fatalf("control: gitleaks at decode depth 5 should find the key")
	}
	rtWant(t, text, "aws-access-token")
}

// A card number followed by more digits on the same line (the expiry, the
// CVV) is swallowed by the greedy candidate pattern: the 18-19 digit
// candidate fails the network length or Luhn check and no shorter candidate
// is tried.
func TestRedTeamCardFollowedByExpiryOrCVV(t *testing.T) {
	for _, text := range []string{
		"4111 1111 1111 1111 12/29",
		"visa 4111 1111 1111 1111 123",
		"5555 5555 5555 4444 07 28",
	} {
		t.Run(text, func(t *testing.T) { rtWant(t, text, DetectorCardNumber) })
	}
}

// The IBAN candidate pattern takes optional spaces between characters, so an
// IBAN followed by an upper-case word (the usual "IBAN ... BIC ..." line of an
// invoice) is read as one longer candidate and fails the length check.
func TestRedTeamIBANFollowedByBIC(t *testing.T) {
	for _, text := range []string{
		"IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX",
		"GB82 WEST 1234 5698 7654 32 EUR",
	} {
		t.Run(text, func(t *testing.T) { rtWant(t, text, DetectorIBAN) })
	}
}

// Held: the validated PII detectors find their canonical forms.
func TestRedTeamPIICanonicalHeld(t *testing.T) {
	rtWant(t, "card: 4111 1111 1111 1111, exp 12/29", DetectorCardNumber)
	rtWant(t, "\"4111111111111111\",\"12/29\"", DetectorCardNumber)
	rtWant(t, "IBAN: DE89 3704 0044 0532 0130 00.", DetectorIBAN)
	rtWant(t, "ssn,123-45-6789", DetectorUSSSN)
}

// A zero-width space inside a key breaks every pattern; the key still works
// for whoever strips it (a model reading the file does).
func TestRedTeamZeroWidthInsideKey(t *testing.T) {
	k := fakeSecrets.awsKeyID
	for _, zw := range []string{"\u200b", "\u2060", "\u00ad"} {
		text := "aws_access_key_id = " + k[:8] + zw + k[8:]
		t.Run(fmt.Sprintf("%U", []rune(zw)[0]), func(t *testing.T) { rtWant(t, text, "aws-access-token") })
	}
}

// Held: a key quoted in a CSV cell, or split over DOCX runs (joined by the
// extractor), is found.
func TestRedTeamQuotedCSVKeyHeld(t *testing.T) {
	rtWant(t, "name,key\n\"prod\",\""+fakeSecrets.awsKeyID+"\"\n", "aws-access-token")
	rtWant(t, "name;token\nci;"+fakeSecrets.githubPAT+"\n", "github-pat")
}

// dlp_gpt_instructions puts 32 bits of an unsalted SHA-256 of the secret in
// the finding's sub-key (state, plan, every report) beside its first four
// characters. The content checks drop digests from kept verdicts for this
// very reason; here it stays. A low-entropy secret that the rules still
// report (a connection-URI password, a generic password= assignment) is
// recovered by a dictionary run over the prefix-filtered candidates.
func TestRedTeamInstructionDigestRevealsPassword(t *testing.T) {
	password := "Summer2024rocks"
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Instructions = "Use DATABASE_URL=postgres://app:" + password + "@db.internal:5432/app for lookups."
	withGPT(&snap, g)
	res := Evaluate(snap, []Rule{{CheckID: "dlp_gpt_instructions"}})
	fs := res.Findings()
	if len(fs) == 0 {
		t.Fatalf("control: the connection-string password should be found")
	}
	out, err := JSON(res)
	if err != nil {
		t.Fatal(err)
	}
	// The attacker's view: the report, and a wordlist.
	report := string(out)
	words := []string{"Spring", "Summer", "Autumn", "Winter", "Password", "Welcome", "Company", "Letmein", "Dragon", "Monkey"}
	suffixes := []string{"", "!", "1", "123", "rocks", "rules", "#", "$$", "pass", "pw"}
	var recovered []string
	for _, w := range words {
		for y := 1950; y <= 2050; y++ {
			for _, s := range suffixes {
				cand := fmt.Sprintf("%s%d%s", w, y, s)
				sum := sha256.Sum256([]byte(cand))
				if strings.Contains(report, ":"+hex.EncodeToString(sum[:4])) {
					recovered = append(recovered, cand)
				}
			}
		}
	}
	if len(recovered) > 0 {
		t.Fatalf("the report's sub-key confirms the password from a %d-word list: %v", len(words)*101*len(suffixes), recovered)
	}
}

// A waiver is by subject (the GPT) for the whole check: a waiver granted for
// a GPT's unreadable (encrypted) file also waives a key uploaded to that GPT
// later, for as long as the waiver runs. The uploader controls both.
func TestRedTeamWaiverForNotScannedHidesLaterSecret(t *testing.T) {
	snap := emptySnapshot()
	snap.GPTFileContent = Loaded(
		ScannedFile{FileID: "file-enc", FileName: "locked.pdf", SubjectKind: "gpt", SubjectID: "g-1", NotScanned: "pdf: encrypted PDF"},
	)
	expires := testNow.AddDate(0, 2, 0).Format("2006-01-02")
	// A waiver of the whole GPT would accept whatever its owner uploads next:
	// the content checks refuse it.
	whole := Rule{CheckID: "dlp_gpt_file_content", Waivers: []Waiver{{Subject: "g-1", Justification: "locked.pdf is the vendor's encrypted contract; accepted", Expires: expires}}}
	if _, errs := ValidateRule(whole); len(errs) == 0 {
		t.Fatal("a subject-only waiver on a content check validated: it would also hide every secret uploaded to the GPT later")
	}
	// The waiver that names the not-scanned finding accepts that finding only.
	var fp string
	for _, f := range EvaluateRule(snap, Rule{CheckID: "dlp_gpt_file_content"}).Findings {
		fp = f.Fingerprint
	}
	if fp == "" {
		t.Fatal("the encrypted file gave no finding")
	}
	rule := Rule{CheckID: "dlp_gpt_file_content", Waivers: []Waiver{{Subject: "g-1", Finding: fp, Justification: "locked.pdf is the vendor's encrypted contract; accepted", Expires: expires}}}
	if _, errs := ValidateRule(rule); len(errs) > 0 {
		t.Fatal(errs)
	}
	snap.GPTFileContent = Loaded(
		ScannedFile{FileID: "file-enc", FileName: "locked.pdf", SubjectKind: "gpt", SubjectID: "g-1", NotScanned: "pdf: encrypted PDF"},
		ScannedFile{FileID: "file-new", FileName: "notes.txt", SubjectKind: "gpt", SubjectID: "g-1", Text: "aws_access_key_id = " + fakeSecrets.awsKeyID},
	)
	res := Evaluate(snap, []Rule{rule})
	var secretFound bool
	for _, f := range res.Rules[0].Findings {
		if strings.Contains(f.SubKey, "aws-access-token") {
			secretFound = true
			if f.Waived {
				t.Fatalf("the secret uploaded after the waiver is waived too: %+v", f)
			}
		}
	}
	if !secretFound || res.Rules[0].Passed() {
		t.Fatalf("the later secret must be an unwaived finding: %+v", res.Rules[0].Findings)
	}
}

// rtGenericKeys is about size bytes of "api_key = \"<32 random chars>\""
// lines: each one a generic-api-key finding.
func rtGenericKeys(size int) string {
	r := rand.New(rand.NewSource(1))
	const alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var b strings.Builder
	for b.Len() < size {
		k := make([]byte, 32)
		for i := range k {
			k[i] = alpha[r.Intn(len(alpha))]
		}
		fmt.Fprintf(&b, "api_key = \"%s\"\n", k)
	}
	return b.String()
}

// The whole extracted text goes to gitleaks' DetectString in one fragment.
// gitleaks' overlap filter compares every finding with every other
// (detect.filter), so the scan is quadratic in the findings; the gitleaks
// CLI reads files in small chunks and never meets this. ScanContent has no
// time limit (the extraction timeout is over by then). Measured here: 1 MiB
// 7.8 s, 4 MiB 95 s; a 20 MiB text file (the default max_file_mib) is about
// 50 minutes of CPU for one upload, and the plan waits for it.
func TestRedTeamScanCostQuadraticInFindings(t *testing.T) {
	sel := ContentSelection{Detectors: ContentDetectorNames()}
	scan := func(size int) time.Duration {
		text := rtGenericKeys(size)
		start := time.Now()
		if _, err := ScanContent(text, sel); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	small := scan(512 << 10)
	large := scan(2 << 20)
	ratio := float64(large) / float64(small)
	t.Logf("512 KiB: %v, 2 MiB: %v (x%.1f for 4x the text)", small, large, ratio)
	if ratio > 6 {
		t.Fatalf("scan time grows x%.1f for 4x the text (quadratic): a 20 MiB file would take about %v", ratio, time.Duration(float64(large)*100))
	}
}

// A JSON file (or an action schema) may write a key's characters as \u
// escapes; every JSON reader (and the model) sees the key, the rules see
// backslashes. gitleaks decodes percent, hex and base64 at its CLI's decode
// depth, not JSON escapes.
func TestRedTeamJSONEscapedKey(t *testing.T) {
	var esc strings.Builder
	for _, r := range fakeSecrets.awsKeyID {
		fmt.Fprintf(&esc, `\u%04x`, r)
	}
	rtWant(t, `{"aws_access_key_id": "`+esc.String()+`"}`, "aws-access-token")
}

// gitleaks' default global allowlist holds `(?i)^true|false|null$`, which by
// precedence reads "starts with true, or contains false, or ends with null"
// and applies to every rule's secret: a bearer token or password holding
// "false" anywhere (any case) is dropped. Someone choosing a password to
// slip past the gate (or a random token that happens to) passes clean.
func TestRedTeamGlobalAllowlistContainsFalse(t *testing.T) {
	for text, rule := range map[string]string{
		"postgres://app:Xk9FalseQz7w2@db.internal/app":           "connection-string-password",
		"Authorization: Bearer q8Zfalse7Kp2LmN4xR9sT1vW3yB6cD0e": "authorization-bearer-token",
	} {
		t.Run(rule, func(t *testing.T) { rtWant(t, text, rule) })
	}
}
