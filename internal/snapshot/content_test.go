package snapshot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Planted values of the sample org's content (openaisim fixtures).
var plantedContent = []string{"AKIATESTONLYFAKEKEY2", "ghp_TESTONLYfakeTOKENx1y2z3w4v5u6t7s8r9q0", "DE89 3704 0044 0532 0130 00", "4111 1111 1111 1111", "123-45-6789"}

// Each file is downloaded once, through the 307, never with a key; every
// unreadable file is a finding; no planted value reaches a finding.
func TestContentChecksOnSample(t *testing.T) {
	res, sim := evaluate(t, openaisim.SampleOrg())
	if v := sim.DownloadAuthViolations(); v != 0 {
		t.Fatalf("the download host saw Authorization %d times", v)
	}
	files := 0
	for _, g := range sim.Fixture().Workspace.GPTs {
		files += len(g.Configs[0].Files)
	}
	if got := sim.RequestCount(openai.EndpointComplianceGPTFile); got != files {
		t.Errorf("gpt_files requested %d times, want %d (once per latest-config file)", got, files)
	}
	observed := map[string][]string{}
	for _, r := range res.Rules {
		for _, f := range r.Findings {
			all := f.Observed + f.SubKey + f.SubjectName + f.Allowed
			for _, v := range plantedContent {
				if strings.Contains(all, v) {
					t.Errorf("%s: finding leaks %q: %s", r.CheckID, v, f.Observed)
				}
			}
			observed[r.CheckID] = append(observed[r.CheckID], f.Observed)
		}
	}
	for check, want := range map[string][]string{
		"dlp_gpt_file_content": {
			`file "vendor-notes.docx" (file-SimVendorNotes): rule aws-access-token (secrets) at line 2: AK…[redacted]…Y2`,
			`file "board-minutes.pdf" (file-SimBoardMinutes) not scanned: pdf: encrypted PDF`,
			`file "old-export.txt" (file-SimOldExport) not scanned: expired (HTTP 410)`,
			`file "huge-dump.txt" (file-SimHugeDump) not scanned: larger than the size cap`,
		},
		"dlp_project_file_content": {
			`file "payroll-export.csv" (file-SimPayrollExport): rule iban (iban) at line 2: DE…[redacted]…00`,
			`file "payroll-export.csv" (file-SimPayrollExport): rule card_number (card_number) at line 2: 41…[redacted]…11`,
		},
		"dlp_conversation_file_content": {`file "debug-notes.pdf" (file-SimDebugNotes): rule github-pat (secrets)`},
		"dlp_memory":                    {`memory mem-SimSsn: rule us_ssn (us_ssn) at line 2: [redacted]`},
	} {
		got := strings.Join(observed[check], "\n")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no finding %q in\n%s", check, w, got)
			}
		}
	}
}

// The conversation lookback bounds the downloads: with a window that ends
// before the sample's attachments, no user file is fetched.
func TestConversationFilesOutsideLookbackNotDownloaded(t *testing.T) {
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
	rules := []posture.Rule{{CheckID: "dlp_conversation_file_content", Params: posture.Params{"lookback_days": posture.IntValue(1)}}}
	// Judged 40 days from now: a 1-day window holds none of the attachments.
	New(client).PostureSnapshot(context.Background(), rules, time.Now().AddDate(0, 0, 40))
	if got := sim.RequestCount(openai.EndpointComplianceUserFile); got != 0 {
		t.Fatalf("user files requested %d times outside the window", got)
	}
}

// Every supported format, served through the simulator's 307, is extracted
// and scanned: the planted key is found in each, at its line.
func TestContentEveryFormat(t *testing.T) {
	fx := openaisim.SampleOrg()
	key := "AKIA" + "TESTONLYFAKEKEY2"
	lines := "first line\nsecond line\nkey " + key
	formats := map[string]string{
		"notes.txt": "", "data.csv": "", "data.tsv": "", "cfg.json": "", "README.md": "", "main.go": "",
		"report.docx": "docx", "sheet.xlsx": "xlsx", "deck.pptx": "pptx", "doc.pdf": "pdf",
	}
	var files []openaisim.File
	for name, format := range formats {
		content := lines
		switch name {
		case "data.csv":
			content = "a,b\nc,d\n" + key + ",e"
		case "data.tsv":
			content = "a\tb\nc\td\n" + key + "\te"
		case "cfg.json":
			content = "{\n\"a\": 1,\n\"key\": \"" + key + "\"}"
		}
		files = append(files, openaisim.File{ID: "file-every-" + name, Name: name, Content: content, Format: format})
	}
	g := &fx.Workspace.GPTs[0]
	g.Configs[0].Files = files
	sim, err := openaisim.New(fx)
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
	rules := []posture.Rule{{CheckID: "dlp_gpt_file_content"}}
	res := posture.Evaluate(New(client).PostureSnapshot(context.Background(), rules, time.Now()), rules)
	found := map[string]bool{}
	for _, f := range res.Rules[0].Findings {
		if f.SubjectID == g.ID && strings.Contains(f.Observed, "rule aws-access-token (secrets) at line 3") {
			found[f.SubKey] = true
		}
		if strings.Contains(f.Observed, key) {
			t.Errorf("finding leaks the key: %s", f.Observed)
		}
	}
	for name := range formats {
		if !found["file:file-every-"+name+":aws-access-token"] {
			t.Errorf("%s: planted key not found at line 3 (findings %v)", name, res.Rules[0].Findings)
		}
	}
}
