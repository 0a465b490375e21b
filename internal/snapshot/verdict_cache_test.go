package snapshot

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

func contentFindings(res posture.Result) []string {
	var out []string
	for _, r := range res.Rules {
		for _, f := range r.Findings {
			out = append(out, r.CheckID+" "+f.SubjectID+" "+f.SubKey+" "+f.Observed)
		}
	}
	slices.Sort(out)
	return out
}

// Two plans (two provider processes: two loaders) sharing a verdict cache
// directory: the second downloads no file already judged and reports the
// same findings; the directory holds no planted value. Transient download
// failures (and 404 / 410) are not kept, so those files are asked again.
func TestVerdictCacheScansEachFileOnce(t *testing.T) {
	sim, err := openaisim.New(openaisim.SampleOrg())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rules := []posture.Rule{
		{CheckID: "dlp_gpt_file_content"},
		{CheckID: "dlp_gpt_file_content", Params: posture.Params{"detectors": posture.ListValue(posture.DetectorIBAN)}},
		{CheckID: "dlp_project_file_content"},
		{CheckID: "dlp_conversation_file_content"},
	}
	var warnings []string
	plan := func() []string {
		cache, err := NewDirVerdictCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		l := NewWithOptions(client, Options{VerdictCache: cache})
		snap := l.PostureSnapshot(context.Background(), rules, time.Now())
		for _, f := range snap.GPTFileContent.Items {
			if f.Text != "" {
				t.Errorf("file %s: text held although its verdicts were kept", f.FileID)
			}
		}
		res := posture.Evaluate(snap, rules)
		warnings = res.Warnings()
		return contentFindings(res)
	}
	first := plan()
	firstDownloads := sim.DownloadCount()
	if firstDownloads == 0 || len(first) == 0 {
		t.Fatalf("first plan: %d downloads, findings %v", firstDownloads, first)
	}
	sim.ResetCounts()
	second := plan()
	if !slices.Equal(first, second) {
		t.Errorf("findings differ:\nfirst  %v\nsecond %v", first, second)
	}
	// Only the file whose download failed (410 at the API) is asked again;
	// the over-cap one is kept as not scanned (under the same cap), so
	// nothing is downloaded.
	if got := sim.DownloadCount() - firstDownloads; got != 0 {
		t.Errorf("second plan downloaded %d files, want 0", got)
	}
	// The plan says what it cost: the project check reused every verdict.
	if !slices.Contains(warnings, "dlp_project_file_content: 3 files judged: 0 downloaded and scanned in this plan, 3 verdicts reused from the verdict cache, 0 not scanned") {
		t.Errorf("no cost report in %q", warnings)
	}
	if got := sim.RequestCount(openai.EndpointComplianceProjectFile); got != 0 {
		t.Errorf("second plan asked for project files %d times", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) == 0 {
		t.Fatal("nothing kept")
	}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		for _, v := range plantedContent {
			if strings.Contains(string(b), v) {
				t.Errorf("%s keeps the planted value %q", e.Name(), v)
			}
		}
		if info, _ := e.Info(); info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", e.Name(), info.Mode().Perm())
		}
	}
}
