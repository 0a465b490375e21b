package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
)

// setSubKey is the sub-key of a finding that stands for a set of items (the
// owners counted, the files without a name): prefix, the set's size and a
// 128-bit digest of its sorted members. A waiver names a finding by its
// fingerprint, and the fingerprint hashes the sub-key, so a waiver accepting
// today's set does not cover a set with one more member: the new member is a
// new violation, reviewed on its own. Any change of the set changes the
// sub-key (the finding then fails again until waived anew); that is the
// price of a bounded, one-line finding for a list that may be long.
func setSubKey(prefix string, items []string) string {
	sorted := append([]string(nil), items...)
	sort.Strings(sorted)
	digest := sha256.Sum256([]byte(strings.Join(sorted, "\x00")))
	return prefix + ":" + strconv.Itoa(len(sorted)) + ":" + hex.EncodeToString(digest[:16])
}
