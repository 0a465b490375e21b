//go:build !windows

package snapshot

import (
	"os"
	"syscall"
)

// ownerKnown: POSIX systems report a file's owner uid.
const ownerKnown = true

const ownerUnknownNote = ""

// fileOwner returns the uid owning the file info describes; -1 and false
// when the platform did not report it (then no uid matches it).
func fileOwner(info os.FileInfo) (int, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid), true
	}
	return -1, false
}
