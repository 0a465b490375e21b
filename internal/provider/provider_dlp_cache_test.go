package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDLPVerdictCacheSetting(t *testing.T) {
	unsetProviderEnv(t)

	if c, err := dlpVerdictCache(types.StringNull()); c != nil || err != nil {
		t.Fatalf("unset: got %v, %v; want no cache and no error", c, err)
	}
	if _, err := dlpVerdictCache(types.StringValue("  ")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("blank: got %v; want an error saying the path is empty", err)
	}

	// Missing: created 0700, parents included.
	missing := filepath.Join(t.TempDir(), "a", "b")
	if c, err := dlpVerdictCache(types.StringValue(missing)); c == nil || err != nil {
		t.Fatalf("missing dir: got %v, %v", c, err)
	}
	if info, err := os.Stat(missing); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("missing dir not created 0700: %v %v", info, err)
	}

	// From the environment when HCL leaves it unset.
	fromEnv := filepath.Join(t.TempDir(), "env")
	t.Setenv(envDLPCacheDir, fromEnv)
	if c, err := dlpVerdictCache(types.StringNull()); c == nil || err != nil {
		t.Fatalf("env: got %v, %v", c, err)
	}
	if _, err := os.Stat(fromEnv); err != nil {
		t.Fatalf("the environment's directory was not created: %v", err)
	}

	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := dlpVerdictCache(types.StringValue(file)); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("a file: got %v; want an error saying it is not a directory", err)
	}

	shared := t.TempDir()
	if err := os.Chmod(shared, 0o770); err != nil {
		t.Fatal(err)
	}
	if _, err := dlpVerdictCache(types.StringValue(shared)); err == nil || !strings.Contains(err.Error(), "writable by other users") {
		t.Fatalf("a group-writable dir: got %v; want a refusal", err)
	}
}
