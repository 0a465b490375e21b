package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/openai-posture/terraform-provider-openai/internal/extract"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// VerdictCache keeps what scanning one file with one detector selection
// found, so a later plan reuses it instead of downloading the file again
// (content behind a file id does not change). It holds verdicts only: rule
// ids, lines, redacted previews, or why the file could not be read; never
// content.
type VerdictCache interface {
	// Get returns the verdict kept for file and selection, if any.
	Get(file, selection string) (CachedVerdict, bool)
	// Put keeps a verdict; a failure to keep one is not an error for the
	// plan (the file is scanned again next time).
	Put(file, selection string, v CachedVerdict)
}

// CachedVerdict is one file's verdict for one selection: its hits, or why
// its content cannot be read when that depends only on the content and the
// limits (larger than the size cap; encrypted, corrupt or of an unknown
// type), which the same bytes under the same limits always repeat. Transient
// failures (timeouts, 5xx, 429, network errors) and 404 / 410 are never kept
// (lastingNotScanned).
type CachedVerdict struct {
	NotScanned string `json:"not_scanned,omitempty"`
	// OverCapBytes is the size cap a file was found larger than (with
	// NotScanned): the verdict holds only while the cap is at most that, so
	// raising max_file_mib downloads the file again.
	OverCapBytes int64 `json:"over_cap_bytes,omitempty"`
	// Reader names the text extraction (its version and limits) that could
	// not read the file (with NotScanned): another reader tries again.
	Reader  string                 `json:"reader,omitempty"`
	Verdict posture.ContentVerdict `json:"verdict"`
}

// contentReader names the text extraction and its limits, for verdicts of
// files it could not read. Bump the version when internal/extract learns a
// format or reads one differently, so files it refused are read again.
var contentReader = fmt.Sprintf("extract/v1 text<=%d inflated<=%d entries<=%d",
	extract.DefaultMaxTextBytes, extract.DefaultMaxUncompressedBytes, extract.DefaultMaxArchiveEntries)

// validUnder reports whether a kept verdict still stands for a download
// capped at capBytes: a scan always does (the whole file was read; a lower
// cap now would only lose information), an over-cap verdict while the cap
// is not raised past the one that caused it, an unreadable-content verdict
// for the same reader. A not-scanned entry that says neither (kept by an
// older version) does not: the file is asked again.
func (v CachedVerdict) validUnder(capBytes int64) bool {
	switch {
	case v.NotScanned == "":
		return true
	case v.OverCapBytes > 0:
		return capBytes <= v.OverCapBytes
	default:
		return v.Reader != "" && v.Reader == contentReader
	}
}

// DirVerdictCache keeps verdicts as small JSON files in dir (created 0700,
// files 0600), one per file and selection, named by a hash of both.
type DirVerdictCache struct{ Dir string }

// NewDirVerdictCache creates dir if needed.
func NewDirVerdictCache(dir string) (*DirVerdictCache, error) {
	if dir == "" {
		return nil, errors.New("verdict cache directory is empty")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("verdict cache directory: %w", err)
	}
	return &DirVerdictCache{Dir: dir}, nil
}

func (c *DirVerdictCache) path(file, selection string) string {
	h := sha256.Sum256([]byte("dlp-verdict/v1\x00" + file + "\x00" + selection))
	return filepath.Join(c.Dir, hex.EncodeToString(h[:16])+".json")
}

// Get reads a kept verdict; an unreadable or corrupt entry is a miss.
func (c *DirVerdictCache) Get(file, selection string) (CachedVerdict, bool) {
	b, err := os.ReadFile(c.path(file, selection))
	if err != nil {
		return CachedVerdict{}, false
	}
	var v CachedVerdict
	if json.Unmarshal(b, &v) != nil {
		return CachedVerdict{}, false
	}
	return v, true
}

// Put writes through a temporary file and a rename, so a reader never sees
// half an entry.
func (c *DirVerdictCache) Put(file, selection string, v CachedVerdict) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(c.Dir, ".verdict-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Chmod(tmp.Name(), 0o600) != nil || os.Rename(tmp.Name(), c.path(file, selection)) != nil {
		_ = os.Remove(tmp.Name())
	}
}
