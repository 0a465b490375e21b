package posture

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// plantedAWSKey is an obviously fake AWS access key id of the real format
// (gitleaks' aws-access-token rule): the tests prove it never leaves the
// engine except as a redacted preview.
const plantedAWSKey = "AKIA" + "Z7QXWPLKMN3RT5VB"

func contentCheckCases() []checkCase {
	file := func(kind, id string, text string) ScannedFile {
		return ScannedFile{FileID: "file-1", FileName: "notes.txt", SubjectKind: kind, SubjectID: id, SubjectName: "infra", OwnerEmail: "o@example.com", Format: "txt", Text: text}
	}
	leaky := "line one\naws_access_key_id = " + plantedAWSKey + "\n"
	clean := "line one\nnothing to see\n"
	errRead := errors.New("HTTP 500")
	return []checkCase{
		{
			id:      "dlp_gpt_file_content",
			fail:    func(s *Snapshot) { s.GPTFileContent = Loaded(file("gpt", "g-1", leaky)) },
			pass:    func(s *Snapshot) { s.GPTFileContent = Loaded(file("gpt", "g-1", clean)) },
			subject: "g-1", observed: `file "notes.txt" (file-1): rule aws-access-token (secrets) at line 2: AK…[redacted]…VB`,
			unreadable: func(s *Snapshot) { s.GPTFileContent = Unreadable[ScannedFile]("", errRead) },
			collection: CollectionGPTFileContent,
		},
		{
			id: "dlp_project_file_content",
			fail: func(s *Snapshot) {
				s.ProjectFileContent = Loaded(file("chatgpt_project", "g-p-1", "iban DE89 3704 0044 0532 0130 00"))
			},
			pass: func(s *Snapshot) {
				s.ProjectFileContent = Loaded(file("chatgpt_project", "g-p-1", "iban DE89 3704 0044 0532 0130 01"))
			},
			subject: "g-p-1", observed: "rule iban (iban) at line 1: DE…[redacted]…00",
			unreadable: func(s *Snapshot) { s.ProjectFileContent = Unreadable[ScannedFile]("", errRead) },
			collection: CollectionProjectFileContent,
		},
		{
			id: "dlp_conversation_file_content",
			fail: func(s *Snapshot) {
				f := file("conversation", "conv-1", "card 4111 1111 1111 1111 exp 12/29")
				f.AttachedAt = s.Now.AddDate(0, 0, -2)
				s.ConversationFileContent = Loaded(f)
			},
			pass: func(s *Snapshot) {
				// The same file attached before the lookback window.
				f := file("conversation", "conv-1", "card 4111 1111 1111 1111 exp 12/29")
				f.AttachedAt = s.Now.AddDate(0, 0, -90)
				s.ConversationFileContent = Loaded(f)
			},
			subject: "conv-1", observed: "rule card_number (card_number) at line 1: 41…[redacted]…11",
			unreadable: func(s *Snapshot) { s.ConversationFileContent = Unreadable[ScannedFile]("", errRead) },
			collection: CollectionConversationFileContent,
		},
		{
			id: "dlp_memory",
			fail: func(s *Snapshot) {
				s.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "u@example.com", Content: "My SSN is 123-45-6789", UpdatedAt: s.Now.AddDate(0, 0, -1)})
			},
			pass: func(s *Snapshot) {
				s.Memories = Loaded(Memory{ID: "mem-1", UserID: "user-1", UserEmail: "u@example.com", Content: "Prefers metric units; test SSN 666-45-6789", UpdatedAt: s.Now.AddDate(0, 0, -1)})
			},
			subject: "user-1", observed: "memory mem-1: rule us_ssn (us_ssn) at line 1: [redacted]",
			unreadable: func(s *Snapshot) { s.Memories = Unreadable[Memory]("", errRead) },
			collection: CollectionMemories,
		},
	}
}

func contentRule(id string, params Params) Rule { return Rule{CheckID: id, Params: params} }

func TestContentNotScannedIsAFinding(t *testing.T) {
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.GPTFileContent = Loaded(ScannedFile{FileID: "file-9", FileName: "locked.pdf", SubjectKind: "gpt", SubjectID: "g-1", NotScanned: "encrypted PDF"})
	res := EvaluateRule(snap, contentRule("dlp_gpt_file_content", nil))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Observed, `file "locked.pdf" (file-9) not scanned: encrypted PDF`) {
		t.Fatalf("findings %+v errors %v", res.Findings, res.Errors)
	}
}

// One finding per file and rule, however many matches, and the planted value
// is in no finding field.
func TestContentFindingsAggregateAndRedact(t *testing.T) {
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	text := strings.Repeat("4111111111111111\n5555555555554444\n378282246310005\n", 20) + "key " + plantedAWSKey + "\ncode PRJ-ORION-7\n"
	snap.ProjectFileContent = Loaded(ScannedFile{FileID: "file-1", FileName: "dump.csv", SubjectKind: "chatgpt_project", SubjectID: "p-1", Text: text})
	res := EvaluateRule(snap, contentRule("dlp_project_file_content", Params{"custom_patterns": ListValue(`PRJ-[A-Z]+-\d`)}))
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.SubKey)
		for _, v := range []string{plantedAWSKey, "4111111111111111", "PRJ-ORION-7"} {
			if strings.Contains(f.Observed+f.SubKey+f.SubjectName, v) {
				t.Errorf("finding leaks %q: %+v", v, f)
			}
		}
	}
	want := []string{"file:file-1:aws-access-token", "file:file-1:card_number", "file:file-1:custom:1"}
	if strings.Join(rules, ",") != strings.Join(want, ",") {
		t.Fatalf("sub keys %v, want %v", rules, want)
	}
	// Findings are reported in sub-key order; distinct values are counted.
	if !strings.Contains(res.Findings[1].Observed, "at line 1: 41…[redacted]…11 (3 distinct matches of this rule)") {
		t.Errorf("no count: %s", res.Findings[1].Observed)
	}
}

func TestContentDetectorSelection(t *testing.T) {
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.Memories = Loaded(Memory{ID: "m", UserID: "u", Content: "key " + plantedAWSKey + " card 4111111111111111"})
	res := EvaluateRule(snap, contentRule("dlp_memory", Params{"detectors": ListValue(DetectorCardNumber)}))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Observed, "card_number") {
		t.Fatalf("%+v", res.Findings)
	}
	_, errs := ValidateRule(contentRule("dlp_memory", Params{"detectors": ListValue()}))
	if len(errs) == 0 || !strings.Contains(errs[0].Error(), "detectors") {
		t.Fatalf("empty selection accepted: %v", errs)
	}
	_, errs = ValidateRule(contentRule("dlp_memory", Params{"detectors": ListValue("ssn")}))
	if len(errs) == 0 || !strings.Contains(errs[0].Error(), "us_ssn") {
		t.Fatalf("unknown detector accepted: %v", errs)
	}
}

func TestPIIValidators(t *testing.T) {
	for _, tc := range []struct {
		f    func(string) bool
		in   string
		want bool
	}{
		{validCardNumber, "4111 1111 1111 1111", true},
		{validCardNumber, "4111 1111 1111 1112", false}, // Luhn
		{validCardNumber, "378282246310005", true},      // Amex
		{validCardNumber, "1234567812345670", false},    // no network
		{validCardNumber, "0000000000000000", false},
		{validIBAN, "GB82 WEST 1234 5698 7654 32", true},
		{validIBAN, "GB82 WEST 1234 5698 7654 33", false},
		{validIBAN, "DE89370400440532013000", true},
		{validIBAN, "DE8937040044053201300", false}, // length
		{validSSN, "123-45-6789", true},
		{validSSN, "000-45-6789", false},
		{validSSN, "666-45-6789", false},
		{validSSN, "912-45-6789", false},
		{validSSN, "123-00-6789", false},
		{validSSN, "123-45-0000", false},
		{validSSN, "078-05-1120", false},
	} {
		if got := tc.f(tc.in); got != tc.want {
			t.Errorf("%s: got %v", tc.in, got)
		}
	}
}

func TestRedactPreview(t *testing.T) {
	if got := redactPreview("abcdefghijkl"); got != "ab…[redacted]…kl" {
		t.Fatal(got)
	}
	if got := redactPreview("short"); got != "[redacted]" {
		t.Fatal(got)
	}
}

func TestContentNeeds(t *testing.T) {
	n := ContentNeeds([]Rule{
		contentRule("dlp_conversation_file_content", Params{"lookback_days": IntValue(45)}),
		contentRule("dlp_memory", nil),
		contentRule("dlp_gpt_file_content", Params{"max_file_mib": IntValue(5)}),
	})
	if n.ConversationDays != 45 || n.MemoryDays != 30 || n.MaxFileBytes != 20<<20 {
		t.Fatalf("%+v", n)
	}
}

func TestMemoryNotReportedIsAFinding(t *testing.T) {
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.Memories = Loaded(Memory{UserID: "user-1", NotReported: "memory_contexts not reported"})
	res := EvaluateRule(snap, contentRule("dlp_memory", nil))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Observed, "not scanned: memory_contexts not reported") {
		t.Fatalf("%+v", res.Findings)
	}
}

// A kept verdict stands in for the text, for the rule whose selection it was
// computed with only.
func TestContentVerdictReplacesText(t *testing.T) {
	text := "key " + plantedAWSKey
	def := ContentSelection{Detectors: ContentDetectorNames(), CustomPatterns: []string{}}
	v, err := ScanContent(text, def)
	if err != nil || len(v.Hits) != 1 || v.Hits[0].Rule != "aws-access-token" || strings.Contains(v.Hits[0].Preview, plantedAWSKey) {
		t.Fatalf("%+v %v", v, err)
	}
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.GPTFileContent = Loaded(ScannedFile{FileID: "file-1", SubjectKind: "gpt", SubjectID: "g-1", Verdicts: map[string]ContentVerdict{def.Key(): v}})
	if res := EvaluateRule(snap, contentRule("dlp_gpt_file_content", nil)); len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Observed, "aws-access-token") {
		t.Fatalf("verdict not used: %+v", res.Findings)
	}
	// Another selection has no verdict: it scans the (empty) text.
	res := EvaluateRule(snap, contentRule("dlp_gpt_file_content", Params{"detectors": ListValue(DetectorIBAN)}))
	if len(res.Findings) != 0 {
		t.Fatalf("a verdict of another selection was used: %+v", res.Findings)
	}
	if def.Key() == (ContentSelection{Detectors: []string{DetectorIBAN}}).Key() {
		t.Fatal("selections share a key")
	}
}

// An SSN preview shows nothing: with its separators it is 11 characters,
// but four of its nine digits would leave too few candidates (red-team find).
func TestSSNPreviewShowsNothing(t *testing.T) {
	v, err := ScanContent("ssn 123-45-6789", ContentSelection{Detectors: []string{DetectorUSSSN}})
	if err != nil || len(v.Hits) != 1 {
		t.Fatalf("want one SSN hit, got %+v %v", v, err)
	}
	if v.Hits[0].Preview != "[redacted]" {
		t.Fatalf("SSN preview %q reveals digits", v.Hits[0].Preview)
	}
	if got := redactPreview("12-34-56-78"); got != "[redacted]" {
		t.Fatalf("eight digits with separators must show nothing, got %q", got)
	}
}
