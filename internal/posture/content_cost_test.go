package posture

import (
	"strings"
	"testing"
	"time"
)

// The file content checks take a time limit per file, max_file_seconds
// (default 120), carried to the loader like the size cap (the longest any
// rule allows); a value out of range is an error naming the range.
func TestContentMaxFileSeconds(t *testing.T) {
	for _, id := range []string{"dlp_gpt_file_content", "dlp_project_file_content", "dlp_conversation_file_content"} {
		if n := ContentNeeds([]Rule{contentRule(id, nil)}); n.MaxFileTimeout != 120*time.Second {
			t.Errorf("%s: default time limit %v, want 2m0s", id, n.MaxFileTimeout)
		}
		for _, bad := range []int64{0, 1801} {
			_, errs := ValidateRule(contentRule(id, Params{"max_file_seconds": IntValue(bad)}))
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), "max_file_seconds") || !strings.Contains(errs[0].Error(), "between 1 and 1800") {
				t.Errorf("%s: max_file_seconds = %d gives %v, want an error naming the range 1..1800", id, bad, errs)
			}
		}
	}
	n := ContentNeeds([]Rule{
		contentRule("dlp_gpt_file_content", Params{"max_file_seconds": IntValue(30)}),
		contentRule("dlp_project_file_content", Params{"max_file_seconds": IntValue(600)}),
		contentRule("dlp_memory", nil),
	})
	if n.MaxFileTimeout != 10*time.Minute {
		t.Fatalf("time limit %v, want the longest a rule allows (10m)", n.MaxFileTimeout)
	}
	if _, errs := ValidateRule(contentRule("dlp_memory", Params{"max_file_seconds": IntValue(30)})); len(errs) == 0 {
		t.Fatal("dlp_memory downloads no file but accepts max_file_seconds")
	}
}

// The plan reports what the check cost: files downloaded and scanned, and
// verdicts reused (also the kept "not scanned" ones, which cost no request),
// and the reused not-scanned files are still findings.
func TestContentCostReport(t *testing.T) {
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.GPTFileContent = Loaded(
		ScannedFile{FileID: "file-new", SubjectKind: "gpt", SubjectID: "g-1", Text: "nothing here"},
		ScannedFile{FileID: "file-kept", SubjectKind: "gpt", SubjectID: "g-1", Verdicts: map[string]ContentVerdict{}, Reused: true},
		ScannedFile{FileID: "file-huge", SubjectKind: "gpt", SubjectID: "g-1", NotScanned: "larger than the size cap (cap 20971520 bytes)", Reused: true},
		ScannedFile{FileID: "file-slow", SubjectKind: "gpt", SubjectID: "g-1", NotScanned: "download timed out (after 2m0s)"},
	)
	res := EvaluateRule(snap, contentRule("dlp_gpt_file_content", nil))
	want := "dlp_gpt_file_content: 4 files judged: 1 downloaded and scanned in this plan, 2 verdicts reused from the verdict cache (1 of them not scanned), 1 not scanned"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Fatalf("cost report %q, want %q", res.Warnings, want)
	}
	var notScanned []string
	for _, f := range res.Findings {
		notScanned = append(notScanned, f.Observed)
	}
	got := strings.Join(notScanned, "\n")
	for _, w := range []string{"(file-huge) not scanned: larger than the size cap", "(file-slow) not scanned: download timed out"} {
		if !strings.Contains(got, w) {
			t.Errorf("no finding %q in\n%s", w, got)
		}
	}
}

// Each file content check's catalog entry states its cost: the paced
// downloads at 100 a minute, the first-scan time of 5,000 files, what later
// plans reuse, and that the plan reports scanned and reused counts.
func TestContentChecksDocumentTheirCost(t *testing.T) {
	for _, id := range []string{"dlp_gpt_file_content", "dlp_project_file_content", "dlp_conversation_file_content"} {
		c, _ := LookupCheck(id)
		for _, w := range []string{"100 requests a minute", "5,000 files takes about 50 minutes", "a later plan downloads only new files", "max_file_mib is raised", "asked again each plan", "dlp_cache_dir", "how many verdicts it reused"} {
			if !strings.Contains(c.Description, w) {
				t.Errorf("%s: the catalog entry does not say %q:\n%s", id, w, c.Description)
			}
		}
	}
	c, _ := LookupCheck("dlp_memory")
	for _, w := range []string{"50 requests a minute", "nothing is downloaded"} {
		if !strings.Contains(c.Description, w) {
			t.Errorf("dlp_memory: the catalog entry does not say %q", w)
		}
	}
}
