//go:build !windows

package snapshot

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// verdictPlans runs content plans against one simulator, each with a fresh
// loader on the same verdict cache directory (one provider process each).
type verdictPlans struct {
	t      *testing.T
	sim    *openaisim.Server
	client *openai.Client
	dir    string
	rules  []posture.Rule
}

func newVerdictPlans(t *testing.T) *verdictPlans {
	t.Helper()
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
	return &verdictPlans{t: t, sim: sim, client: client, dir: t.TempDir(), rules: []posture.Rule{
		{CheckID: "dlp_gpt_file_content"}, {CheckID: "dlp_project_file_content"}, {CheckID: "dlp_conversation_file_content"},
	}}
}

// plan returns the findings and the files scanned (judged from content,
// not "not scanned"), split into reused and downloaded.
func (p *verdictPlans) plan() (findings, reused, scanned []string) {
	p.t.Helper()
	cache, err := NewDirVerdictCache(p.dir)
	if err != nil {
		p.t.Fatal(err)
	}
	snap := NewWithOptions(p.client, Options{VerdictCache: cache}).PostureSnapshot(context.Background(), p.rules, time.Now())
	for _, c := range []posture.Collection[posture.ScannedFile]{snap.GPTFileContent, snap.ProjectFileContent, snap.ConversationFileContent} {
		for _, f := range c.Items {
			switch {
			case f.NotScanned != "":
			case f.Reused:
				reused = append(reused, f.FileID)
			default:
				scanned = append(scanned, f.FileID)
			}
		}
	}
	return contentFindings(posture.Evaluate(snap, p.rules)), reused, scanned
}

// A download without Content-Length (close-delimited) may have been cut
// without the client knowing: its verdicts judge this plan but are not
// kept, so the next plan downloads the file again. With Content-Length
// (control) the next plan reuses them.
func TestVerdictsOfUnverifiedDownloadNotKept(t *testing.T) {
	p := newVerdictPlans(t)
	p.sim.SetDownloadFraming(openaisim.DownloadFraming{OmitLength: true})
	first, reused, scanned := p.plan()
	if len(first) == 0 || len(scanned) == 0 || len(reused) != 0 {
		t.Fatalf("first plan: findings %v, scanned %v, reused %v", first, scanned, reused)
	}
	second, reused, scanned2 := p.plan()
	if len(reused) != 0 {
		t.Errorf("verdicts of downloads without Content-Length were kept and reused: %v", reused)
	}
	if !slices.Equal(scanned, scanned2) || !slices.Equal(first, second) {
		t.Errorf("second plan differs:\nscanned %v / %v\nfindings %v / %v", scanned, scanned2, first, second)
	}

	// A cut body reads as whole and judges this plan; nothing is kept.
	p.sim.SetDownloadFraming(openaisim.DownloadFraming{OmitLength: true, CutAfter: 3})
	_, reused, _ = p.plan()
	p.sim.SetDownloadFraming(openaisim.DownloadFraming{})
	if _, reused2, _ := p.plan(); len(reused)+len(reused2) != 0 {
		t.Errorf("verdicts of cut downloads were kept: %v %v", reused, reused2)
	}

	// Control: with Content-Length every scanned file's verdict is reused.
	_, reused, scanned = p.plan()
	if len(scanned) != 0 || len(reused) == 0 {
		t.Errorf("control: with Content-Length the next plan should reuse every verdict: scanned %v, reused %v", scanned, reused)
	}
}

var readerField = regexp.MustCompile(`"reader":"[^"]*"`)

// Verdicts kept under another extractor (another extract.Version), or with
// no reader at all (kept by an older provider), are judged again from a
// fresh download; the rewritten entries then carry the current reader.
func TestVerdictsOfOtherExtractorRescanned(t *testing.T) {
	for name, replace := range map[string]string{
		"older reader": `"reader":"extract/0 text<=1"`,
		"no reader":    ``,
	} {
		t.Run(name, func(t *testing.T) {
			p := newVerdictPlans(t)
			first, _, scanned := p.plan()
			entries, _ := os.ReadDir(p.dir)
			if len(entries) == 0 || len(scanned) == 0 {
				t.Fatalf("control: nothing kept (%d entries, scanned %v)", len(entries), scanned)
			}
			for _, e := range entries {
				name := filepath.Join(p.dir, e.Name())
				b, err := os.ReadFile(name)
				if err != nil || !readerField.Match(b) {
					t.Fatalf("%s: no reader kept: %s %v", e.Name(), b, err)
				}
				b = readerField.ReplaceAll(b, []byte(replace))
				b = []byte(strings.NewReplacer("{,", "{", ",,", ",").Replace(string(b)))
				if err := os.WriteFile(name, b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			second, reused, scanned2 := p.plan()
			if len(reused) != 0 {
				t.Errorf("verdicts of another extractor were reused: %v", reused)
			}
			if !slices.Equal(scanned, scanned2) || !slices.Equal(first, second) {
				t.Errorf("not judged again the same:\nscanned %v / %v\nfindings %v / %v", scanned, scanned2, first, second)
			}
			if _, reused, scanned := p.plan(); len(scanned) != 0 || len(reused) == 0 {
				t.Errorf("the re-judged verdicts were not kept: scanned %v, reused %v", scanned, reused)
			}
		})
	}
}

// A verdict cache directory someone else could write is refused: another
// owner (played here by injecting another uid, so no root is needed), a
// symbolic link, group or world write, a file.
func TestDirVerdictCacheRefusesDirsOthersCanWrite(t *testing.T) {
	mine := t.TempDir()
	if _, err := OpenDirVerdictCache(mine, DirCacheOptions{}); err != nil {
		t.Fatalf("control: a 0700 directory of mine was refused: %v", err)
	}
	other := func() int { return os.Geteuid() + 4242 }
	if _, err := OpenDirVerdictCache(mine, DirCacheOptions{UID: other}); err == nil || !strings.Contains(err.Error(), "belongs to uid") {
		t.Errorf("a directory of another user (mode 0700) was accepted: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "new")
	if _, err := OpenDirVerdictCache(missing, DirCacheOptions{}); err != nil {
		t.Errorf("control: a missing directory is created: %v", err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(mine, link); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDirVerdictCache(link, DirCacheOptions{}); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symlink to my own directory was accepted: %v", err)
	}
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDirVerdictCache(shared, DirCacheOptions{}); err == nil || !strings.Contains(err.Error(), "writable by other users") {
		t.Errorf("a world-writable directory was accepted: %v", err)
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDirVerdictCache(file, DirCacheOptions{}); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file was accepted: %v", err)
	}
}

// An entry someone else could have written (group/world-writable, owned by
// another uid, a symlink) is ignored with a warning: the file is scanned
// again, and the next Put replaces the entry with one of ours.
func TestDirVerdictCacheIgnoresUntrustedEntries(t *testing.T) {
	var warnings []string
	c, err := OpenDirVerdictCache(t.TempDir(), DirCacheOptions{Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	clean := CachedVerdict{Reader: contentReader}
	c.Put("gpt/file-1", "sel", clean)
	entry := c.path("gpt/file-1", "sel")
	if _, ok := c.Get("gpt/file-1", "sel"); !ok || len(warnings) != 0 {
		t.Fatalf("control: my own 0600 entry is not read (%v)", warnings)
	}
	if _, ok := c.Get("gpt/file-unknown", "sel"); ok || len(warnings) != 0 {
		t.Fatalf("control: a missing entry is a silent miss (%v)", warnings)
	}

	check := func(name, want string) {
		t.Helper()
		warnings = nil
		if _, ok := c.Get("gpt/file-1", "sel"); ok {
			t.Errorf("%s: the entry was trusted", name)
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], want) {
			t.Errorf("%s: warnings %q; want one saying %q", name, warnings, want)
		}
	}
	if err := os.Chmod(entry, 0o666); err != nil {
		t.Fatal(err)
	}
	check("world-writable entry", "writable by group or others")
	if err := os.Chmod(entry, 0o620); err != nil {
		t.Fatal(err)
	}
	check("group-writable entry", "writable by group or others")
	if err := os.Chmod(entry, 0o600); err != nil {
		t.Fatal(err)
	}

	// Another owner: the same directory seen by a cache of another uid.
	foreign := &DirVerdictCache{Dir: c.Dir, uid: os.Geteuid() + 4242, warn: c.warn}
	warnings = nil
	if _, ok := foreign.Get("gpt/file-1", "sel"); ok || len(warnings) != 1 || !strings.Contains(warnings[0], "owned by uid") {
		t.Errorf("an entry of another uid was trusted or not warned about: %q", warnings)
	}
	if os.Geteuid() == 0 { // the real thing, where possible
		if err := os.Chown(entry, 4242, 4242); err != nil {
			t.Fatal(err)
		}
		check("entry chowned to uid 4242", "owned by uid 4242")
	}

	// A symlink to a trusted-looking file elsewhere.
	elsewhere := filepath.Join(t.TempDir(), "v.json")
	if err := os.WriteFile(elsewhere, []byte(`{"reader":"`+contentReader+`","verdict":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(entry); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, entry); err != nil {
		t.Fatal(err)
	}
	check("symlinked entry", "not a regular file")

	// Put replaces the untrusted entry with a trusted one.
	c.Put("gpt/file-1", "sel", clean)
	warnings = nil
	if _, ok := c.Get("gpt/file-1", "sel"); !ok || len(warnings) != 0 {
		t.Errorf("the entry written again is not read: %q", warnings)
	}
}
