//go:build windows

package snapshot

import "os"

// ownerKnown: Windows has no POSIX owner uid or mode bits, and who may write
// a directory is decided by ACLs this package does not read. A verdict cache
// directory there cannot be shown to be the user's alone, so it is refused
// (fail closed); the checks' private state still keeps their verdicts.
const ownerKnown = false

const ownerUnknownNote = "dlp_cache_dir is not supported on Windows: whether only you can write the directory " +
	"(its ACLs) is not checked, and a verdict planted there would hide a finding. Leave it unset; each check " +
	"still keeps its verdicts in its private state"

func fileOwner(os.FileInfo) (int, bool) { return -1, false }
