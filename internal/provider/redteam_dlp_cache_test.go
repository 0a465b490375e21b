//go:build !windows

package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// Red-team test of dlp_cache_dir (issue 11): a forged verdict hides a
// finding, so a cache directory someone else can write must be refused.
// Mode 0755 owned by another user passed the "writable by other users"
// check (it only looked at the group/other write bits), yet its owner
// writes there. Fixed: the directory must belong to the user running the
// provider and not be a symlink. Another owner is played by injecting
// another uid (no root needed); as root the directory is also really given
// to uid 4242.
func TestRedTeamDLPCacheDirOwnedByAnotherUser(t *testing.T) {
	unsetProviderEnv(t)
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := dlpVerdictCache(types.StringValue(dir)); err != nil {
		t.Fatalf("control: my own 0755 directory was refused: %v", err)
	}
	otherUID := func() int { return os.Geteuid() + 4242 }
	if c, err := dlpVerdictCacheFor(types.StringValue(dir), otherUID); err == nil || !strings.Contains(err.Error(), "belongs to uid") {
		t.Fatalf("a cache directory of another user (mode 0755) was accepted (%T, %v): that user can write a clean verdict for any file", c, err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if _, err := dlpVerdictCache(types.StringValue(link)); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("a symlink as dlp_cache_dir was accepted: %v", err)
	}
	if os.Geteuid() != 0 {
		return
	}
	if err := os.Chown(dir, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(dir); info.Sys().(*syscall.Stat_t).Uid == uint32(os.Geteuid()) {
		t.Fatal("control: the directory should belong to another user")
	}
	if c, err := dlpVerdictCache(types.StringValue(dir)); err == nil {
		t.Fatalf("a cache directory owned by uid 4242 (mode 0755) was accepted (%T): that user can write a clean verdict for any file", c)
	}
}

// An entry of dlp_cache_dir others could have written is ignored, and the
// check that read it says so in a warning (once).
func TestDLPCacheUntrustedEntryWarns(t *testing.T) {
	unsetProviderEnv(t)
	dir := t.TempDir()
	c, err := dlpVerdictCache(types.StringValue(dir))
	if err != nil {
		t.Fatal(err)
	}
	rule := posture.Rule{CheckID: "dlp_gpt_file_content"}
	sel := posture.ContentNeeds([]posture.Rule{rule}).Selections[0].Key()
	c.Put("gpt/file-1", sel, snapshot.CachedVerdict{Reader: "r"})
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("control: %d entries", len(entries))
	}
	if err := os.Chmod(filepath.Join(dir, entries[0].Name()), 0o666); err != nil {
		t.Fatal(err)
	}
	mem := newVerdictMemory(c)
	if _, ok := mem.Get("gpt/file-1", sel); ok {
		t.Fatal("a world-writable entry was trusted")
	}
	d := mem.keepVerdicts(context.Background(), rule, fakePrivate{})
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d.Warnings()[0].Detail(), "writable by group or others") {
		t.Fatalf("want one warning naming the untrusted entry, got %v", d)
	}
	if d := mem.keepVerdicts(context.Background(), rule, fakePrivate{}); d.WarningsCount() != 0 {
		t.Fatalf("the warning was repeated: %v", d)
	}
}
