package posture

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Red-team attacks on the waiver matcher with subject values Terraform can
// never deliver unchanged (not Unicode NFC). A waiver as Terraform reads it
// (every string NFC) must never waive them, whichever field it matches:
// the finding keeps failing (fail closed). The look-alikes that NFC folds to
// ASCII (Kelvin sign, Angstrom sign) must not match their ASCII twin either.
func TestRedTeamNonNFCSubjectsNeverWaived(t *testing.T) {
	values := []string{"Cafe\u0301 Bot", "\u212Aey Bot", "\u212B Bot", "x\u0041\u030A"}
	for _, v := range values {
		typed := cty.NormalizeString(v) // what a waiver written for it holds once Terraform read it
		if typed == v {
			t.Fatalf("%q is NFC; the premise does not hold", v)
		}
		for _, match := range []string{"", WaiverMatchID, WaiverMatchName, WaiverMatchEmail, "NAME", " email "} {
			f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-" + v, SubjectName: v, SubjectEmail: v + "@example.com"}
			subject := typed
			switch match {
			case "", WaiverMatchID:
				subject = "g-" + typed
			case WaiverMatchEmail, " email ":
				subject = typed + "@example.com"
			}
			w := Waiver{Subject: subject, Match: match, Justification: "x", Expires: "2026-12-31"}
			if errs := w.validate("gpt_public_link", 0); len(errs) > 0 {
				t.Fatalf("waiver invalid: %v", errs)
			}
			fs := []Finding{f}
			applyWaivers(fs, []Waiver{w}, testNow, "gpt_public_link")
			if fs[0].Waived {
				t.Errorf("match %q: waiver %q (as Terraform reads it) waives the non-NFC value %q", match, subject, v)
			}
		}
	}
	// The baseline writes no waiver for such an id (only a comment).
	for _, v := range values {
		f := Finding{CheckID: "gpt_public_link", SubjectKind: "gpt", SubjectID: "g-" + v}
		if why := unwaivableSubject(f); why == "" {
			t.Errorf("baseline would write a waiver for the non-NFC id %q", f.SubjectID)
		}
	}
}
