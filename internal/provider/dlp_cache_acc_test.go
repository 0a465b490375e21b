package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// cacheableSampleOrg is the sample org without its oversized file: a file
// past the size cap is a download failure, which no verdict cache keeps (it
// is asked again each plan), so with it a second plan would still download.
func cacheableSampleOrg() *openaisim.Fixture {
	fx := openaisim.SampleOrg()
	unpad := func(files []openaisim.File) {
		for i := range files {
			files[i].PadBytes = 0
		}
	}
	for _, list := range [][]openaisim.GPT{fx.Workspace.GPTs, fx.Workspace.Projects} {
		for gi := range list {
			for ci := range list[gi].Configs {
				unpad(list[gi].Configs[ci].Files)
			}
		}
	}
	for ci := range fx.Workspace.Conversations {
		for mi := range fx.Workspace.Conversations[ci].Messages {
			unpad(fx.Workspace.Conversations[ci].Messages[mi].Files)
		}
	}
	return fx
}

// dlpCacheConfig is the three file content checks with the provider's
// dlp_cache_dir set to dir.
func dlpCacheConfig(sim *openaisim.Server, dir string) string {
	provider := strings.Replace(providerBlock(sim), "  max_retries", fmt.Sprintf("  dlp_cache_dir                  = %q\n  max_retries", dir), 1)
	return provider + `
resource "openai_posture_check" "gpt_files" {
  check       = "dlp_gpt_file_content"
  enforcement = "warn"
}
resource "openai_posture_check" "project_files" {
  check       = "dlp_project_file_content"
  enforcement = "warn"
}
resource "openai_posture_check" "conversation_files" {
  check       = "dlp_conversation_file_content"
  enforcement = "warn"
}
`
}

// TestAccCLIDLPCacheDir runs two plans, each in its own provider process
// (the real CLI and the provider binary), sharing dlp_cache_dir: the first
// downloads and scans every file and keeps the verdicts, the second
// downloads none and still reports the same planted findings. The directory
// is created 0700 with 0600 entries and holds no planted value; a path that
// is a file, or a directory others may write, is a clear error.
func TestAccCLIDLPCacheDir(t *testing.T) {
	unsetProviderEnv(t)
	h := newCLIHarness(t, cacheableSampleOrg())
	cacheDir := filepath.Join(t.TempDir(), "verdicts", "dlp") // missing: the provider creates it
	h.writeConfig(dlpCacheConfig(h.sim, cacheDir))

	wantFindings := []string{"AK…[redacted]…Y2", "github-pat", "iban", "card_number", "not scanned: pdf: encrypted PDF"}
	plan := func(name string) string {
		// The CLI wraps diagnostics: compare with single spaces.
		out := strings.Join(strings.Fields(h.run(0, "plan")), " ")
		for _, w := range wantFindings {
			if !strings.Contains(out, w) {
				t.Fatalf("%s plan does not report %q:\n%s", name, w, out)
			}
		}
		if err := findPlanted(name+" plan output", []byte(out)); err != nil {
			t.Fatal(err)
		}
		return out
	}

	first := plan("the first")
	downloads := h.sim.DownloadCount()
	if downloads == 0 {
		t.Fatal("the first plan downloaded no file; the test proves nothing")
	}
	if !strings.Contains(first, "0 verdicts reused from the verdict cache") {
		t.Fatalf("the first plan reused verdicts from an empty cache:\n%s", first)
	}

	second := plan("the second")
	if n := h.sim.DownloadCount() - downloads; n != 0 {
		t.Fatalf("the second plan downloaded %d files; want 0 (every verdict is in %s)", n, cacheDir)
	}
	if !strings.Contains(second, "0 downloaded and scanned in this plan") {
		t.Fatalf("the second plan does not report that it scanned nothing:\n%s", second)
	}
	if strings.Contains(second, " 0 verdicts reused") {
		t.Fatalf("the second plan reports a check that reused no verdict:\n%s", second)
	}

	// The directory: 0700, 0600 entries, verdicts only.
	info, err := os.Stat(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("the cache directory has mode %04o, want 0700", perm)
	}
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("the cache directory is empty")
	}
	for _, e := range entries {
		p := filepath.Join(cacheDir, e.Name())
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", e.Name(), perm)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := findPlanted("cache entry "+e.Name(), b); err != nil {
			t.Error(err)
		}
	}

	// A bad directory is an error naming the attribute.
	notDir := filepath.Join(t.TempDir(), "a-file")
	writeFile(t, notDir, "not a directory")
	h.writeConfig(dlpCacheConfig(h.sim, notDir))
	if out := strings.Join(strings.Fields(h.run(1, "plan")), " "); !strings.Contains(out, "Invalid dlp_cache_dir") || !strings.Contains(out, "is not a directory") {
		t.Fatalf("a file as dlp_cache_dir is not a clear error:\n%s", out)
	}
	open := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(open, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	h.writeConfig(dlpCacheConfig(h.sim, open))
	if out := strings.Join(strings.Fields(h.run(1, "plan")), " "); !strings.Contains(out, "Invalid dlp_cache_dir") || !strings.Contains(out, "writable by other users") {
		t.Fatalf("a world-writable dlp_cache_dir is not a clear error:\n%s", out)
	}
}
