package snapshot

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// contentPlans serves fixture and returns a plan function: each call is one
// plan in a new provider process (a new loader) sharing one verdict cache
// directory, and returns its findings and warnings.
func contentPlans(t *testing.T, fixture *openaisim.Fixture, mutate func(*openai.Config)) (*openaisim.Server, func(rules ...posture.Rule) (findings, warnings []string)) {
	t.Helper()
	sim, err := openaisim.New(fixture)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	cfg := openai.Config{
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), ComplianceRequestsPerMinute: -1,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	client, err := openai.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	return sim, func(rules ...posture.Rule) ([]string, []string) {
		cache, err := NewDirVerdictCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		snap := NewWithOptions(client, Options{VerdictCache: cache}).PostureSnapshot(context.Background(), rules, time.Now())
		res := posture.Evaluate(snap, rules)
		return contentFindings(res), res.Warnings()
	}
}

func findingAbout(findings []string, file string) string {
	for _, f := range findings {
		if strings.Contains(f, "("+file+")") {
			return f
		}
	}
	return ""
}

// A file over the size cap is judged once: the next plan neither asks the
// API for it nor downloads it, and still reports it as not scanned. Raising
// max_file_mib past its size downloads and scans it; that verdict (a whole
// scan) then stands, also under the lower cap again.
func TestOverCapVerdictKeptUntilTheCapIsRaised(t *testing.T) {
	sim, plan := contentPlans(t, openaisim.SampleOrg(), nil)
	def := posture.Rule{CheckID: "dlp_gpt_file_content"}
	raised := posture.Rule{CheckID: "dlp_gpt_file_content", Params: posture.Params{"max_file_mib": posture.IntValue(22)}}
	const huge = "file-SimHugeDump"

	first, _ := plan(def)
	if f := findingAbout(first, huge); !strings.Contains(f, "not scanned: larger than the size cap") {
		t.Fatalf("first plan: the over-cap file is not reported as not scanned: %q\n%v", f, first)
	}
	if sim.DownloadCount() == 0 {
		t.Fatal("first plan downloaded nothing")
	}

	step := func(name string, rule posture.Rule, wantDownloads, wantFileRequests int) ([]string, []string) {
		t.Helper()
		sim.ResetCounts()
		before := sim.DownloadCount()
		findings, warnings := plan(rule)
		if got := sim.DownloadCount() - before; got != wantDownloads {
			t.Errorf("%s: %d downloads, want %d", name, got, wantDownloads)
		}
		// The 410 file is asked again every plan (not kept), nothing else.
		if got := sim.RequestCount(openai.EndpointComplianceGPTFile); got != wantFileRequests {
			t.Errorf("%s: %d requests to gpt_files, want %d", name, got, wantFileRequests)
		}
		return findings, warnings
	}

	second, warnings := step("second plan", def, 0, 1)
	if !slices.Equal(first, second) {
		t.Errorf("findings differ:\nfirst  %v\nsecond %v", first, second)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool {
		return strings.Contains(w, "dlp_gpt_file_content: 7 files judged: 0 downloaded and scanned in this plan, 6 verdicts reused from the verdict cache (2 of them not scanned), 1 not scanned")
	}) {
		t.Errorf("the cost report does not count the kept not-scanned verdicts as reused: %q", warnings)
	}

	third, _ := step("plan with max_file_mib raised", raised, 1, 2)
	if f := findingAbout(third, huge); f != "" {
		t.Errorf("with the cap raised past its size the file is still not scanned: %s", f)
	}
	step("plan after that", raised, 0, 1)
	fifth, _ := step("plan with the default cap again", def, 0, 1)
	if f := findingAbout(fifth, huge); f != "" {
		t.Errorf("a whole scan was not reused under a lower cap: %s", f)
	}
}

// Transient failures are never kept: a download slower than max_file_seconds
// is a "not scanned: download timed out" finding (never a pass), as are a
// 5xx, a 429, a 404 and a 410, and the next plan asks for each file again
// and finds what it holds. (A connection reset is left out: Go's transport
// itself retries an idempotent GET on a reused connection, so it is not
// deterministic here; it takes the same path as the 5xx.)
func TestTransientFailuresAreNotKept(t *testing.T) {
	sim, plan := contentPlans(t, openaisim.SampleOrg(), func(c *openai.Config) { c.MaxRetries = -1 })
	gpt := posture.Rule{CheckID: "dlp_gpt_file_content", Params: posture.Params{"max_file_seconds": posture.IntValue(1)}}
	project := posture.Rule{CheckID: "dlp_project_file_content"}
	const secretFile, payroll = "file-SimVendorNotes", "file-SimPayrollExport"

	sim.SetDownloadLatency(3 * time.Second)
	start := time.Now()
	slow, _ := plan(gpt)
	if took := time.Since(start); took > 20*time.Second*timeScale {
		t.Errorf("the slow plan took %v: the 1 s limit per file was not applied", took)
	}
	sim.SetDownloadLatency(0)
	if f := findingAbout(slow, secretFile); !strings.Contains(f, "not scanned: download timed out (after 1s)") {
		t.Fatalf("a download slower than max_file_seconds is not a timeout finding: %q\n%v", f, slow)
	}
	again, _ := plan(gpt)
	if f := findingAbout(again, secretFile); !strings.Contains(f, "rule aws-access-token") {
		t.Fatalf("after a timeout the next plan did not scan the file: %q", f)
	}

	for _, fault := range []openaisim.Fault{
		{Kind: openaisim.FaultStatus, Status: http.StatusInternalServerError},
		{Kind: openaisim.FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: "0"},
		{Kind: openaisim.FaultStatus, Status: http.StatusNotFound},
		{Kind: openaisim.FaultStatus, Status: http.StatusGone},
	} {
		t.Run(fmt.Sprintf("%s %d", fault.Kind, fault.Status), func(t *testing.T) {
			sim, plan := contentPlans(t, openaisim.SampleOrg(), func(c *openai.Config) { c.MaxRetries = -1 })
			fault.Times = 1
			sim.InjectFault(openai.EndpointComplianceProjectFile, fault)
			// Files are fetched concurrently: the fault hits one of them.
			failed, _ := plan(project)
			var notScanned []string
			for _, f := range failed {
				if strings.Contains(f, ":not_scanned ") {
					notScanned = append(notScanned, f)
				}
			}
			if len(notScanned) != 1 {
				t.Fatalf("want one not-scanned finding for the failed file, got %v", failed)
			}
			sim.ResetCounts()
			next, _ := plan(project)
			if slices.Contains(next, notScanned[0]) {
				t.Errorf("the failure was kept: the next plan still reports %s", notScanned[0])
			}
			if got := sim.RequestCount(openai.EndpointComplianceProjectFile); got != 1 {
				t.Errorf("the next plan asked for %d project files, want 1 (the failed one, again)", got)
			}
			if f := findingAbout(next, payroll); !strings.Contains(f, "rule card_number") && !strings.Contains(f, "rule iban") {
				t.Errorf("the payroll file's secrets are not reported: %v", next)
			}
		})
	}
}
