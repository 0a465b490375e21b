package provider

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// hitDigest is a kept hit digest: 32 bits of a hash of the matched value,
// which beside the preview can reveal a short value (an SSN).
var hitDigest = regexp.MustCompile(`"digest":"[0-9a-f]+"`)

// cacheableSampleOrg is the sample org without its oversized file, so that
// every file scans fully and the counts below are of full scans only; how an
// over-cap verdict is kept and re-scanned when the cap rises is tested on its
// own (TestAccCLIDLPOverCapKeptAcrossPlans).
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
// dlp_cache_dir set to dir (none when dir is empty).
func dlpCacheConfig(sim *openaisim.Server, dir string) string {
	provider := providerBlock(sim)
	if dir != "" {
		provider = strings.Replace(provider, "  max_retries", fmt.Sprintf("  dlp_cache_dir                  = %q\n  max_retries", dir), 1)
	}
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
		if hitDigest.Match(b) {
			t.Errorf("cache entry %s keeps a hit digest: %s", e.Name(), hitDigest.Find(b))
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

// TestAccCLIDLPVerdictsInState shows the verdicts kept in the checks' state
// (private state, no dlp_cache_dir): once applied, a plan in a new provider
// process downloads only the file added since, and still reports the
// planted findings of the files it did not download again; once that is
// applied too, a plan downloads nothing. The private state holds verdicts
// (redacted, as the findings show them) and no planted value.
func TestAccCLIDLPVerdictsInState(t *testing.T) {
	unsetProviderEnv(t)
	h := newCLIHarness(t, cacheableSampleOrg())
	h.writeConfig(dlpCacheConfig(h.sim, ""))

	h.run(0, "apply", "-auto-approve") // create records the verdicts its plan used
	h.sim.Update(func(f *openaisim.Fixture) {
		for gi := range f.Workspace.GPTs {
			if c := f.Workspace.GPTs[gi].Configs; len(c) > 0 && len(c[0].Files) > 0 {
				c[0].Files = append(c[0].Files, openaisim.File{ID: "file-SimNewlyAdded", Name: "new-notes.txt", Format: "text", Content: "nothing to see here"})
				return
			}
		}
		t.Fatal("no GPT with files in the sample org")
	})
	before := h.sim.DownloadCount()
	out := strings.Join(strings.Fields(h.run(0, "plan")), " ")
	if n := h.sim.DownloadCount() - before; n != 1 {
		t.Fatalf("the plan downloaded %d files; want 1 (only the new one)", n)
	}
	for _, w := range []string{"AK…[redacted]…Y2", "github-pat", "card_number", "not scanned: pdf: encrypted PDF"} {
		if !strings.Contains(out, w) {
			t.Fatalf("the plan does not report %q:\n%s", w, out)
		}
	}
	// An apply with nothing to change keeps the refreshed verdicts (the new
	// file's too): the next plan downloads nothing.
	h.run(0, "apply", "-auto-approve")
	before = h.sim.DownloadCount()
	h.run(0, "plan")
	if n := h.sim.DownloadCount() - before; n != 0 {
		t.Fatalf("the plan after the apply downloaded %d files; want 0", n)
	}
	// The state, private parts decoded, holds verdicts and no planted value.
	raw, err := os.ReadFile(filepath.Join(h.work, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Instances []struct {
				Private string `json:"private"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	var private []byte
	for _, r := range st.Resources {
		for _, i := range r.Instances {
			b, err := base64.StdEncoding.DecodeString(i.Private)
			if err != nil {
				t.Fatal(err)
			}
			var keys map[string][]byte // the framework's keys, each value base64 in JSON
			if err := json.Unmarshal(b, &keys); err != nil {
				t.Fatal(err)
			}
			for _, v := range keys {
				private = append(private, v...)
			}
		}
	}
	if !strings.Contains(string(private), "file-SimPayrollExport") {
		t.Fatalf("the private state holds no verdicts: %.500s", private)
	}
	if err := findPlanted("the state", append(raw, private...)); err != nil {
		t.Fatal(err)
	}
	if hitDigest.Match(private) {
		t.Fatalf("the private state keeps a hit digest: %s", hitDigest.Find(private))
	}
}
