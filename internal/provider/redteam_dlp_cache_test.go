package provider

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Red-team test of dlp_cache_dir (issue 11): a forged verdict hides a
// finding, so a cache directory someone else can write must be refused.
// Mode 0755 owned by another user passes the "writable by other users"
// check (it only looks at the group/other write bits), yet its owner
// writes there. The same holds for a path whose symlink points into such a
// directory, or whose parent another user owns (they can swap the dir).
func TestRedTeamDLPCacheDirOwnedByAnotherUser(t *testing.T) {
	if os.Getenv("REDTEAM_RUN") == "" {
		t.Skip("REDTEAM FAIL: dlp_cache_dir owned by another user (mode 0755) is accepted: its owner can plant clean verdicts")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the directory to another user")
	}
	unsetProviderEnv(t)
	other := filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(other, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(other); info.Sys().(*syscall.Stat_t).Uid == uint32(os.Geteuid()) {
		t.Fatal("control: the directory should belong to another user")
	}
	if c, err := dlpVerdictCache(types.StringValue(other)); err == nil {
		t.Fatalf("a cache directory owned by uid 4242 (mode 0755) was accepted (%T): that user can write a clean verdict for any file", c)
	}
}
