package posture

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// smallChunks makes the scan's chunks small for the test, so that chunk
// boundaries are met in little text.
func smallChunks(t *testing.T) {
	size, overlap := scanChunkBytes, scanChunkOverlap
	scanChunkBytes, scanChunkOverlap = 4096, 1024
	t.Cleanup(func() { scanChunkBytes, scanChunkOverlap = size, overlap })
}

// Chunks cover the whole text, overlap, start on line starts where the text
// has lines, and carry the line they start on.
func TestTextChunksCoverTextWithLineNumbers(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&b, "line %d %s\n", i, strings.Repeat("x", i%70))
	}
	lined := b.Len()
	text := b.String() + strings.Repeat("y", 5000) // a long last line
	chunks := textChunks(text, 4096, 1024)
	if len(chunks) < 10 {
		t.Fatalf("%d chunks for %d bytes", len(chunks), len(text))
	}
	covered := 0
	for i, c := range chunks {
		if len(c.text) > 4096 {
			t.Fatalf("chunk %d is %d bytes", i, len(c.text))
		}
		start := c.start
		if text[start:start+len(c.text)] != c.text || start > covered {
			t.Fatalf("chunk %d leaves a gap (starts at %d, covered to %d)", i, start, covered)
		}
		if want := strings.Count(text[:start], "\n") + 1; c.line != want {
			t.Fatalf("chunk %d: line %d, want %d", i, c.line, want)
		}
		// At least the overlap asked (so a secret that long spanning the
		// boundary is whole in one chunk), rounded back to a line start.
		if ov := covered - start; i > 0 && (ov < 1024 || (ov > 1024+80 && covered < lined)) {
			t.Fatalf("chunk %d overlaps the previous one by %d bytes", i, ov)
		}
		covered = start + len(c.text)
	}
	if covered != len(text) {
		t.Fatalf("chunks cover %d of %d bytes", covered, len(text))
	}
}

// A secret on a chunk boundary (a PEM key spans lines) is found, with the
// line number of the whole text.
func TestChunkedScanFindsSecretOnBoundary(t *testing.T) {
	smallChunks(t)
	for _, secret := range []string{"aws_access_key_id = " + fakeSecrets.awsKeyID, fakeSecrets.pem} {
		for pad := 0; pad < 300; pad += 23 {
			filler := strings.Repeat("lorem ipsum dolor sit amet\n", (scanChunkBytes-pad)/27)
			text := filler + secret + "\n" + filler
			wantLine := strings.Count(filler, "\n") + 1
			res, err := detectSecrets(text, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.matches) != 1 || res.matches[0].line != wantLine || res.incomplete != "" {
				t.Fatalf("pad %d: matches %+v (want one at line %d), incomplete %q", pad, res.matches, wantLine, res.incomplete)
			}
		}
	}
}

// Past maxScanFindings the scan stops and says so: a hit, hence a finding,
// never a pass; the content check reports it.
func TestScanStopsAfterMaxFindings(t *testing.T) {
	smallChunks(t)
	old := maxScanFindings
	maxScanFindings = 50
	defer func() { maxScanFindings = old }()
	text := rtGenericKeys(32 << 10)
	hits, err := scanContent(text, ContentDetectorNames(), nil)
	if err != nil {
		t.Fatal(err)
	}
	last := hits[len(hits)-1]
	if last.rule != scanIncompleteRule || !strings.Contains(last.preview, "scan exceeded 50 findings") {
		t.Fatalf("last hit %+v, want %s", last, scanIncompleteRule)
	}
	if len(hits) > 50+scanChunkBytes/40+1 {
		t.Fatalf("%d hits: the scan did not stop", len(hits))
	}
	snap := emptySnapshot()
	snap.GPTFileContent = Loaded(ScannedFile{FileID: "file-1", FileName: "keys.txt", SubjectKind: "gpt", SubjectID: "g-1", Text: text})
	res := Evaluate(snap, []Rule{{CheckID: "dlp_gpt_file_content"}})
	found := false
	for _, f := range res.Findings() {
		found = found || (f.SubKey == "file:file-1:"+scanIncompleteRule && strings.Contains(f.Observed, "not scanned after line"))
	}
	if !found {
		t.Fatalf("no %s finding: %+v", scanIncompleteRule, res.Findings())
	}
	// Instructions too.
	g := gpt("g-1")
	g.Config.Instructions = text
	snap = emptySnapshot()
	withGPT(&snap, g)
	res = Evaluate(snap, []Rule{{CheckID: "dlp_gpt_instructions"}})
	found = false
	for _, f := range res.Findings() {
		found = found || f.SubKey == scanIncompleteRule+":instructions"
	}
	if !found {
		t.Fatalf("no %s finding for instructions", scanIncompleteRule)
	}
}

// A base64-encoded key is found (gitleaks' CLI decode depth), on the line
// of the encoded text, and neither the preview nor the instructions'
// mask shows more of the decoded key than allowed.
func TestDecodedSecretRedactedWithLine(t *testing.T) {
	key := fakeSecrets.awsKeyID
	encoded := base64.StdEncoding.EncodeToString([]byte("aws_access_key_id = " + key + "\n"))
	text := "a: 1\nb: 2\nconfig_b64: " + encoded + "\n"
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Hits) != 1 || v.Hits[0].Rule != "aws-access-token" || v.Hits[0].Line != 3 {
		t.Fatalf("hits %+v, want aws-access-token at line 3", v.Hits)
	}
	if p := v.Hits[0].Preview; p != key[:2]+"…[redacted]…"+key[len(key)-2:] {
		t.Fatalf("preview %q", p)
	}
	hits, _, err := findSecrets(text, nil)
	if err != nil || len(hits) != 1 || hits[0].masked != key[:4]+"…[redacted]" || hits[0].line != 3 {
		t.Fatalf("instructions hits %+v (%v)", hits, err)
	}
}

// The global allowlist is anchored: "false" inside a secret no longer
// hides it (a default rule and ours), while the whole values true, false
// and null stay allowed.
func TestGlobalAllowlistAnchored(t *testing.T) {
	rtWant(t, `api_key = "q8ZfalseKp2LmN4xR9sT1vW3yB6cD0e"`, "generic-api-key")
	rtWant(t, "Authorization: Bearer NULLq8Zk7Kp2LmN4xR9sT1vW3yB6cD0e", ruleAuthorizationBearer)
	rtWant(t, "Authorization: Bearer q8Zk7Kp2LmN4xR9sT1vW3yB6cD0eTrue", ruleAuthorizationBearer)
	cfg, err := secretConfig()
	if err != nil {
		t.Fatal(err)
	}
	var res []*regexp.Regexp
	for _, a := range cfg.Allowlists {
		res = append(res, a.Regexes...)
	}
	matches := func(s string) bool {
		for _, re := range res {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"true", "FALSE", "Null"} {
		if !matches(s) {
			t.Errorf("%q is no longer allowed", s)
		}
	}
	for _, s := range []string{"xfalsex", "trueq8Zk7Kp2LmN4", "q8Zk7Kp2LmN4null"} {
		if matches(s) {
			t.Errorf("%q is allowed", s)
		}
	}
}

// The instructions check keys its findings by rule id, ordinal and the
// configuration version: no part of it derives from the value, and it is
// the same on every run.
func TestInstructionSubKeyIsPositional(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Version = "gzm_cnf_1"
	g.Config.Instructions = "db: postgres://app:Summer2024rocks@db.internal:5432/app\nother: postgres://app:Winter2031rules@db2.internal/app\n"
	withGPT(&snap, g)
	var keys []string
	for _, f := range Evaluate(snap, []Rule{{CheckID: "dlp_gpt_instructions"}}).Findings() {
		keys = append(keys, f.SubKey)
	}
	want := []string{ruleConnectionStringCreds + ":instructions:1@gzm_cnf_1", ruleConnectionStringCreds + ":instructions:2@gzm_cnf_1"}
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Fatalf("sub-keys %v, want %v", keys, want)
	}
	v, err := ScanContent(g.Config.Instructions, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if h.Digest != "" {
			t.Fatalf("content hit carries a digest: %+v", h)
		}
	}
}

// A file name holding a key is redacted in the finding text and sub-key.
func TestFileNameSecretRedacted(t *testing.T) {
	name := "creds-" + fakeSecrets.awsKeyID + ".txt"
	snap := emptySnapshot()
	snap.GPTFileContent = Loaded(ScannedFile{FileID: "file-1", FileName: name, SubjectKind: "gpt", SubjectID: "g-1", Text: "ssn,123-45-6789"})
	g := gpt("g-1")
	g.Config.Files = []string{name}
	withGPT(&snap, g)
	res := Evaluate(snap, []Rule{
		{CheckID: "dlp_gpt_file_content"},
		{CheckID: "dlp_gpt_file", Params: map[string]ParamValue{"patterns": ListValue("creds-*")}},
	})
	n := 0
	for _, f := range res.Findings() {
		n++
		if strings.Contains(f.Observed+f.SubKey, fakeSecrets.awsKeyID[4:]) {
			t.Fatalf("finding shows the key in the file name: %+v", f)
		}
		if !strings.Contains(f.Observed, "creds-[aws-access-token redacted].txt") {
			t.Fatalf("finding does not name the redacted file: %q", f.Observed)
		}
	}
	if n != 2 {
		t.Fatalf("%d findings, want 2: %+v", n, res.Findings())
	}
	if got := redactSecretsInName("report.pdf"); got != "report.pdf" {
		t.Fatalf("clean name changed: %q", got)
	}
}

// Cards and IBANs followed by more digits or words are found by a prefix
// ending at a separator; a long number without separators holds no card,
// and a grouped number whose prefixes all fail Luhn is not one.
func TestPIIPrefixesAtSeparatorsOnly(t *testing.T) {
	rtWant(t, "4111 1111 1111 1111 5555 5555 5555 4444", DetectorCardNumber)
	hits, err := scanContent("cards 4111 1111 1111 1111 5555 5555 5555 4444", []string{DetectorCardNumber}, nil)
	if err != nil || len(hits) != 2 {
		t.Fatalf("two cards on one line: %+v (%v)", hits, err)
	}
	for _, text := range []string{
		"order 411111111111111112345678901234",                       // 30 digits, a card's digits first, no separator
		"order 4111 1111 1111 1112 3456 7890 1234 56",                // grouped, no valid prefix (Luhn fails)
		"ref DE89370400440532013000123 BIC",                          // IBAN digits run on
		"tracking 1234 5678 9012 3456 7890 1234 5678 9012 3456 7890", // long grouped id
	} {
		if hits, err := scanContent(text, ContentDetectorNames(), nil); err != nil || len(hits) != 0 {
			t.Errorf("%q: hits %+v (%v), want none", text, hits, err)
		}
	}
}
