package provider

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// gptContentConfig is the GPT file content check alone, with extra lines in
// its block (parameters).
func gptContentConfig(sim *openaisim.Server, extra string) string {
	return providerBlock(sim) + `
resource "openai_posture_check" "gpt_files" {
  check       = "dlp_gpt_file_content"
  enforcement = "warn"
` + extra + `}
`
}

// cliPlanOutput runs a plan and returns its output with single spaces (the
// CLI wraps diagnostics).
func cliPlanOutput(h *cliHarness, args ...string) string {
	h.t.Helper()
	return strings.Join(strings.Fields(h.run(0, append([]string{"plan"}, args...)...)), " ")
}

// TestAccCLIDLPVerdictsSavedPlan applies a saved plan (plan -out, then apply
// of the plan file, each command in its own provider process): the verdicts
// the apply judged land in the checks' private state, so the next plan
// downloads nothing and reports every verdict reused.
func TestAccCLIDLPVerdictsSavedPlan(t *testing.T) {
	unsetProviderEnv(t)
	h := newCLIHarness(t, cacheableSampleOrg())
	h.writeConfig(dlpCacheConfig(h.sim, ""))

	planFile := filepath.Join(h.work, "saved.tfplan")
	h.run(0, "plan", "-out="+planFile)
	if h.sim.DownloadCount() == 0 {
		t.Fatal("the saved plan downloaded no file; the test proves nothing")
	}
	h.run(0, "apply", planFile)

	before := h.sim.DownloadCount()
	out := cliPlanOutput(h)
	if n := h.sim.DownloadCount() - before; n != 0 {
		t.Fatalf("the plan after applying a saved plan downloaded %d files; want 0 (the verdicts are in the checks' private state):\n%s", n, out)
	}
	for _, check := range []string{"dlp_gpt_file_content", "dlp_project_file_content", "dlp_conversation_file_content"} {
		if !strings.Contains(out, check+": ") || strings.Contains(out, check+": 0 files judged") {
			t.Fatalf("the plan does not report what %s judged:\n%s", check, out)
		}
	}
	if strings.Count(out, "0 downloaded and scanned in this plan") != 3 || strings.Contains(out, " 0 verdicts reused") {
		t.Fatalf("the plan does not report every verdict reused:\n%s", out)
	}
}

// TestAccCLIDLPOverCapKeptAcrossPlans: a file over max_file_mib is judged once
// (kept in the check's private state with the cap it failed at): the next
// plan downloads nothing and still reports it as not scanned; raising
// max_file_mib past its size downloads it again, once.
func TestAccCLIDLPOverCapKeptAcrossPlans(t *testing.T) {
	unsetProviderEnv(t)
	h := newCLIHarness(t, openaisim.SampleOrg()) // with its 21 MiB file
	h.writeConfig(gptContentConfig(h.sim, ""))
	h.run(0, "apply", "-auto-approve")
	if h.sim.DownloadCount() == 0 {
		t.Fatal("the apply downloaded no file; the test proves nothing")
	}

	before := h.sim.DownloadCount()
	out := cliPlanOutput(h)
	if n := h.sim.DownloadCount() - before; n != 0 {
		t.Fatalf("the second plan downloaded %d files; want 0 (the oversized file's verdict is kept):\n%s", n, out)
	}
	for _, w := range []string{
		`file "huge-dump.txt" (file-SimHugeDump) not scanned: larger than the size cap`,
		"0 downloaded and scanned in this plan, 6 verdicts reused from the verdict cache (2 of them not scanned), 1 not scanned",
	} {
		if !strings.Contains(out, w) {
			t.Fatalf("the second plan does not report %q:\n%s", w, out)
		}
	}

	h.writeConfig(gptContentConfig(h.sim, "  parameters = { max_file_mib = 22 }\n"))
	before = h.sim.DownloadCount()
	out = cliPlanOutput(h)
	if n := h.sim.DownloadCount() - before; n != 1 {
		t.Fatalf("with max_file_mib raised the plan downloaded %d files; want 1 (the oversized file):\n%s", n, out)
	}
	// The plan's diff shows the old finding going; the findings reported
	// (observed: ...) no longer hold it.
	if !strings.Contains(out, "1 downloaded and scanned in this plan") || strings.Contains(out, `observed: file "huge-dump.txt"`) {
		t.Fatalf("with max_file_mib raised past its size the file is still not scanned:\n%s", out)
	}
}

// TestAccCLIDLPSlowDownloadIsNotAPass: with max_file_seconds = 1 and a
// download host answering after 3 s, every GPT file is a "not scanned:
// download timed out" finding, so an enforcing check fails the plan instead
// of passing files it never read; once the host is fast again, the next plan
// downloads them (a timeout is never kept) and finds the planted key.
func TestAccCLIDLPSlowDownloadIsNotAPass(t *testing.T) {
	unsetProviderEnv(t)
	h := newCLIHarness(t, cacheableSampleOrg())
	h.writeConfig(providerBlock(h.sim) + `
resource "openai_posture_check" "gpt_files" {
  check      = "dlp_gpt_file_content"
  parameters = { max_file_seconds = 1 }
}
`)
	h.sim.SetDownloadLatency(3 * time.Second)
	out := strings.Join(strings.Fields(h.run(1, "plan")), " ")
	if !strings.Contains(out, `file "vendor-notes.docx" (file-SimVendorNotes) not scanned: download timed out (after 1s)`) {
		t.Fatalf("a download slower than max_file_seconds is not a timeout finding:\n%s", out)
	}
	h.sim.SetDownloadLatency(0)
	before := h.sim.DownloadCount()
	out = strings.Join(strings.Fields(h.run(1, "plan")), " ")
	if h.sim.DownloadCount() == before || !strings.Contains(out, "rule aws-access-token") {
		t.Fatalf("after the timeouts the next plan did not download and scan the files:\n%s", out)
	}
}
