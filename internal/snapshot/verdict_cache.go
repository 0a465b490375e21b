package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// failures (timeouts, 5xx, 429, network errors, an extraction that ran out
// of time) and 404 / 410 are never kept (lastingNotScanned), nor any verdict
// of a download whose completeness the host did not vouch for (a body
// without Content-Length: see openai.Download.LengthVerified).
type CachedVerdict struct {
	NotScanned string `json:"not_scanned,omitempty"`
	// OverCapBytes is the size cap a file was found larger than (with
	// NotScanned): the verdict holds only while the cap is at most that, so
	// raising max_file_mib downloads the file again.
	OverCapBytes int64 `json:"over_cap_bytes,omitempty"`
	// Reader names the text extraction (extract.Version and its limits) the
	// verdict was judged with, on every verdict, clean ones included: a
	// verdict of another reader (or of none, kept by an older provider) is
	// not reused, so an extractor fix reaches files once judged clean.
	Reader  string                 `json:"reader,omitempty"`
	Verdict posture.ContentVerdict `json:"verdict"`
}

// contentReader names the text extraction and its limits. It changes with
// extract.Version (bumped whenever extraction output can change), so every
// verdict kept under an older extractor is judged again.
var contentReader = fmt.Sprintf("extract/%s text<=%d inflated<=%d entries<=%d",
	extract.Version, extract.DefaultMaxTextBytes, extract.DefaultMaxUncompressedBytes, extract.DefaultMaxArchiveEntries)

// validUnder reports whether a kept verdict still stands for a download
// capped at capBytes. Only verdicts of the current reader stand (whatever
// store they come from: private state or the cache directory); then a scan
// always does (the whole file was read; a lower cap now would only lose
// information), an over-cap verdict while the cap is not raised past the one
// that caused it, an unreadable-content verdict always.
func (v CachedVerdict) validUnder(capBytes int64) bool {
	if v.Reader == "" || v.Reader != contentReader {
		return false
	}
	if v.NotScanned != "" && v.OverCapBytes > 0 {
		return capBytes <= v.OverCapBytes
	}
	return true
}

// DirVerdictCache keeps verdicts as small JSON files in dir (created 0700,
// files 0600), one per file and selection, named by a hash of both. A
// verdict decides findings, so whoever can write the directory could hide
// one: the directory must be the current user's own (not a symlink, not
// writable by group or others), and an entry file owned by someone else,
// writable by group or others, or not a regular file is ignored (a miss,
// with a warning) and the file is scanned again.
type DirVerdictCache struct {
	Dir  string
	uid  int
	warn func(string)
}

// DirCacheOptions tune OpenDirVerdictCache.
type DirCacheOptions struct {
	// UID is the user the directory and its entries must belong to; nil
	// means the process's effective uid (tests inject another).
	UID func() int
	// Warn receives why an entry was ignored (nil: dropped silently).
	Warn func(msg string)
}

// NewDirVerdictCache opens dir for the current user (OpenDirVerdictCache
// with the default options).
func NewDirVerdictCache(dir string) (*DirVerdictCache, error) {
	return OpenDirVerdictCache(dir, DirCacheOptions{})
}

// OpenDirVerdictCache creates dir if needed (mode 0700, parents included)
// and checks that only its owner, the current user, can write it.
func OpenDirVerdictCache(dir string, opts DirCacheOptions) (*DirVerdictCache, error) {
	if dir == "" {
		return nil, errors.New("verdict cache directory is empty")
	}
	if !ownerKnown {
		return nil, errors.New(ownerUnknownNote)
	}
	uid := os.Geteuid()
	if opts.UID != nil {
		uid = opts.UID()
	}
	dir = filepath.Clean(dir)
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() && info.Mode()&os.ModeSymlink == 0 {
		return nil, fmt.Errorf("%q exists and is not a directory; name a directory (created with mode 0700 when missing)", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("verdict cache directory: %w", err)
	}
	// Checked after MkdirAll, on what is there now (created by us or not).
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, fmt.Errorf("%q cannot be read: %w", dir, err)
	}
	if err := checkCacheDir(dir, info, uid); err != nil {
		return nil, err
	}
	return &DirVerdictCache{Dir: dir, uid: uid, warn: opts.Warn}, nil
}

// checkCacheDir refuses a directory someone other than uid could write.
func checkCacheDir(dir string, info os.FileInfo, uid int) error {
	switch owner, _ := fileOwner(info); {
	case info.Mode()&os.ModeSymlink != 0:
		// The link (or what it points to) may be swapped by whoever owns
		// the directory holding it; name the real directory instead.
		return fmt.Errorf("%q is a symbolic link; name the directory itself", dir)
	case !info.IsDir():
		return fmt.Errorf("%q exists and is not a directory; name a directory (created with mode 0700 when missing)", dir)
	case owner != uid:
		// Its owner may write (or chmod) it whatever its mode says.
		return fmt.Errorf("%q belongs to uid %d, not to the user running the provider (uid %d); its owner could plant a verdict "+
			"that hides a finding. Use a directory of your own (mode 0700)", dir, owner, uid)
	case info.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%q is writable by other users (mode %04o); a verdict planted there would hide a finding. "+
			"Use a directory only you can write (chmod 700)", dir, info.Mode().Perm())
	}
	return nil
}

func (c *DirVerdictCache) path(file, selection string) string {
	h := sha256.Sum256([]byte("dlp-verdict/v1\x00" + file + "\x00" + selection))
	return filepath.Join(c.Dir, hex.EncodeToString(h[:16])+".json")
}

// maxVerdictFileBytes bounds one entry read (a verdict is a few KiB).
const maxVerdictFileBytes = 4 << 20

// Get reads a kept verdict; a missing, unreadable, corrupt or untrusted
// entry is a miss.
func (c *DirVerdictCache) Get(file, selection string) (CachedVerdict, bool) {
	name := c.path(file, selection)
	b, err := c.readTrusted(name)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) && c.warn != nil {
			c.warn(fmt.Sprintf("dlp_cache_dir entry %s ignored and the file scanned again: %v", filepath.Base(name), err))
		}
		return CachedVerdict{}, false
	}
	var v CachedVerdict
	if json.Unmarshal(b, &v) != nil {
		return CachedVerdict{}, false
	}
	return v, true
}

// errUntrusted marks an entry someone else could have written.
var errUntrusted = errors.New("untrusted verdict entry")

// readTrusted reads an entry only if it is a regular file of the cache's
// user that group and others cannot write, checked on the open file itself
// (and matched to the name's Lstat, so a link swapped in is refused).
func (c *DirVerdictCache) readTrusted(name string) ([]byte, error) {
	linfo, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if err := c.trusted(linfo); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(linfo, info) {
		return nil, fmt.Errorf("%w: replaced while being read", errUntrusted)
	}
	if err := c.trusted(info); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, maxVerdictFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxVerdictFileBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", errUntrusted, maxVerdictFileBytes)
	}
	return b, nil
}

func (c *DirVerdictCache) trusted(info os.FileInfo) error {
	owner, _ := fileOwner(info)
	switch {
	case !info.Mode().IsRegular():
		return fmt.Errorf("%w: not a regular file (mode %s)", errUntrusted, info.Mode())
	case owner != c.uid:
		return fmt.Errorf("%w: owned by uid %d, not uid %d; someone else may have planted it", errUntrusted, owner, c.uid)
	case info.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%w: writable by group or others (mode %04o); someone else may have planted it", errUntrusted, info.Mode().Perm())
	}
	return nil
}

// Put writes through a temporary file and a rename, so a reader never sees
// half an entry (and an untrusted entry is replaced by one of ours).
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
