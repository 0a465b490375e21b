package posture

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Finding is one violation of one rule by one subject.
type Finding struct {
	CheckID     string   `json:"check_id"`
	Severity    Severity `json:"severity"`
	Enforcement string   `json:"enforcement"`
	SubjectKind string   `json:"subject_kind"`
	SubjectID   string   `json:"subject_id"`
	// SubjectName is the subject's name, or its email for people.
	SubjectName string `json:"subject_name,omitempty"`
	// SubjectEmail is set for people and people-owned objects; waivers match
	// it as well as the id and the name.
	SubjectEmail string `json:"subject_email,omitempty"`
	// SubKey tells apart several findings of one check on one subject (two
	// bad tools of one GPT, two matching files of one conversation).
	SubKey      string `json:"sub_key,omitempty"`
	Observed    string `json:"observed"`
	Allowed     string `json:"allowed"`
	Remediation string `json:"remediation"`

	Waived              bool   `json:"waived"`
	WaiverJustification string `json:"waiver_justification,omitempty"`
	// WaiverExpires is the matching waiver's expiry as declared.
	WaiverExpires string `json:"waiver_expires,omitempty"`
	// WaiverExpired is true when the only matching waivers have expired: the
	// finding is reported again and says so.
	WaiverExpired bool `json:"waiver_expired,omitempty"`

	Fingerprint string `json:"fingerprint"`
}

// Fingerprint is the stable identity of a finding: a hash of check id,
// subject id and sub-key. It is the provider's state key and the SARIF
// partial fingerprint, so it must never include anything that changes while
// the violation stays the same (observed values, names, dates).
func Fingerprint(checkID, subjectID, subKey string) string {
	h := sha256.Sum256([]byte("posture-finding/v1\x00" + checkID + "\x00" + subjectID + "\x00" + subKey))
	return hex.EncodeToString(h[:16])
}

// Subject renders the subject for people: `kind "name" (id)` or `kind id`.
// The name (or email) is its owner's choice, so it is quoted and escaped
// (UntrustedText): it cannot break the line or imitate the text around it.
func (f Finding) Subject() string { return f.subjectWith(UntrustedText) }

// SubjectLabel is Subject for a value Terraform prints quoted itself (the
// labels of accepted_findings): `kind name (id)`, the name escaped like
// ObservedText but not quoted. Terraform's quotes bound the value, and an
// ordinary name reads, and is stored, as before.
func (f Finding) SubjectLabel() string { return f.subjectWith(UntrustedFragment) }

// subjectWith renders `kind name (id)`, or `kind id` without a name of its
// own, the name rendered by showName.
func (f Finding) subjectWith(showName func(string) string) string {
	name := f.SubjectName
	if name == "" {
		name = f.SubjectEmail
	}
	if name == "" || name == f.SubjectID {
		return fmt.Sprintf("%s %s", f.SubjectKind, UntrustedFragment(f.SubjectID))
	}
	return fmt.Sprintf("%s %s (%s)", f.SubjectKind, showName(name), UntrustedFragment(f.SubjectID))
}

// ObservedText is Observed for a human-facing line: checks build it from
// fixed wording and values a subject's owner controls (domains, emails,
// file names, previews), so it is escaped (UntrustedFragment).
func (f Finding) ObservedText() string {
	return observedFragment(f.Observed)
}

// SubKeyText is SubKey for a human-facing line (it often carries a domain
// or a file name), escaped like ObservedText.
func (f Finding) SubKeyText() string {
	return UntrustedFragment(f.SubKey)
}

// Escaped returns the finding with every value its subject's owner
// controls (name, email, sub key, observed value) escaped by
// UntrustedFragment, for the structured fields of reports. Those are JSON or
// XML escaped, but the provider returns the reports as Terraform strings,
// and Terraform decodes a JSON string value to show it (plan output changes,
// terraform show) and prints a multi-line string line by line, raw: a name
// with a newline would start a log line of its own there. Fingerprints and
// waivers are computed before, on the raw values. Ordinary values are
// unchanged, and escaping twice changes nothing more.
func (f Finding) Escaped() Finding {
	f.SubjectName = UntrustedFragment(f.SubjectName)
	f.SubjectEmail = UntrustedFragment(f.SubjectEmail)
	f.SubKey = UntrustedFragment(f.SubKey)
	f.Observed = observedFragment(f.Observed)
	return f
}

// Message is a one-line description of the finding, including its waiver
// state, used in diagnostics and reports. Untrusted parts have their "["
// escaped, so only the waiver marker at the end can read "[waived": no
// subject can make an unwaived finding read as waived.
func (f Finding) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: observed %s; allowed %s", f.Subject(), f.ObservedText(), f.Allowed)
	switch {
	case f.Waived:
		fmt.Fprintf(&b, " [waived until %s: %s]", f.WaiverExpires, f.WaiverJustification)
	case f.WaiverExpired:
		fmt.Fprintf(&b, " [waiver expired on %s]", f.WaiverExpires)
	}
	return b.String()
}
