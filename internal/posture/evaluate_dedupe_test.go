package posture

import "testing"

// Repeated identities get distinct fingerprints, and none takes one a
// finding holds as reported, even when owner text carries the separator.
func TestDedupeFingerprintsNeverReuses(t *testing.T) {
	fs := []Finding{
		{SubjectID: "g-1", SubKey: "file:a"},
		{SubjectID: "g-1", SubKey: "file:a"},
		{SubjectID: "g-1", SubKey: "file:a" + duplicateSeparator + "2"},
		{SubjectID: "g-1", SubKey: "file:a"},
		{SubjectID: "g-1", SubKey: "file:a#2"},
	}
	dedupeFingerprints("dlp_gpt_file", fs)
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.Fingerprint] {
			t.Fatalf("duplicate fingerprint: %+v", fs)
		}
		seen[f.Fingerprint] = true
		if f.Fingerprint != Fingerprint("dlp_gpt_file", f.SubjectID, f.SubKey) {
			t.Errorf("fingerprint of %q is not its identity", f.SubKey)
		}
	}
	for i, want := range []string{"file:a", "", "file:a\x00#2", "", "file:a#2"} {
		if want != "" && fs[i].SubKey != want {
			t.Errorf("finding %d: sub-key %q, want %q (as reported)", i, fs[i].SubKey, want)
		}
	}
	if fs[1].SubKey != "file:a\x00#3" || fs[3].SubKey != "file:a\x00#4" {
		t.Errorf("suffixed sub-keys %q, %q, want the next free ones", fs[1].SubKey, fs[3].SubKey)
	}
}
