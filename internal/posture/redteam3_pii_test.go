package posture

import (
	"encoding/base64"
	"strings"
	"testing"
)

// Red-team round 3 (issue 11): the PII detectors on file names and text.
// Each asserts the safe behaviour and fails when the attack succeeds.

// File names join words with underscores ("ssn_123-45-6789.pdf",
// "123-45-6789_W2.pdf"). The PII patterns start and end at \b, and '_' is
// a word character, so a value next to an underscore is no candidate: the
// name reaches the finding (observed text, state, reports) whole.
func TestRedTeam3PIIInFileNameNextToUnderscore(t *testing.T) {
	var leaked []string
	for _, c := range []struct{ name, value string }{
		{"ssn_123-45-6789.pdf", "123-45-6789"},
		{"123-45-6789_W2.pdf", "123-45-6789"},
		{"card_4111111111111111.png", "4111111111111111"},
		{"statement_GB82WEST12345698765432.pdf", "GB82WEST12345698765432"},
	} {
		got := rt2FindingText(t, ScannedFile{FileID: "file-1", FileName: c.name, SubjectKind: "gpt", SubjectID: "g-1", Text: "ssn 123-45-6789\n"})
		if strings.Contains(got, c.value) {
			leaked = append(leaked, c.name)
		}
	}
	// Control: the same values with a space are redacted.
	if got := rt2FindingText(t, ScannedFile{FileID: "file-1", FileName: "ssn 123-45-6789.pdf", SubjectKind: "gpt", SubjectID: "g-1", Text: "ssn 123-45-6789\n"}); strings.Contains(got, "123-45-6789") {
		t.Fatalf("control: a spaced SSN in the name leaks: %s", got)
	}
	if len(leaked) > 0 {
		t.Fatalf("PII next to '_' in a file name reaches the finding whole: %v", leaked)
	}
}

// Japanese and Chinese forms write numbers in full-width digits
// (U+FF10-FF19), often with the ideographic space U+3000 between groups:
// every reader (and every model) reads the card number, the patterns'
// \d is ASCII only.
func TestRedTeam3PIIFullWidthDigits(t *testing.T) {
	var missed []string
	for _, c := range []struct{ name, text, rule string }{
		{"card, full-width digits, ideographic spaces", "カード番号：４１１１　１１１１　１１１１　１１１１", DetectorCardNumber},
		{"card, full-width digits, whole", "カード番号：４１１１１１１１１１１１１１１１", DetectorCardNumber},
		{"SSN, full-width digits", "SSN: １２３－４５－６７８９", DetectorUSSSN},
	} {
		if ok, _ := rt2Found(t, c.text, c.rule); !ok {
			missed = append(missed, c.name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("PII in full-width digits passes clean (no NFKC fold before the PII patterns): %v", missed)
	}
}

// Groups separated by more than one separator: PDF text extraction and
// fixed-width layouts put two spaces (or " - ") between the groups a card
// is printed in.
func TestRedTeam3PIIWideGroupSeparators(t *testing.T) {
	var missed []string
	for _, c := range []struct{ name, text, rule string }{
		{"card, two spaces", "Card: 4111  1111  1111  1111", DetectorCardNumber},
		{"card, spaced dash", "Card: 4111 - 1111 - 1111 - 1111", DetectorCardNumber},
		{"SSN, spaced dash", "SSN: 123 - 45 - 6789", DetectorUSSSN},
	} {
		if ok, _ := rt2Found(t, c.text, c.rule); !ok {
			missed = append(missed, c.name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("PII with two-character group separators passes clean: %v", missed)
	}
}

// An e-mail saved as .eml (or a data: URI in a page) carries its text
// parts base64-encoded. The secret engine decodes base64 (gitleaks'
// decode depth) and finds a key in it; the PII detectors read the line as
// written, so a card number or SSN in the same base64 body passes clean.
func TestRedTeam3PIIInBase64MIMEPart(t *testing.T) {
	body := base64.StdEncoding.EncodeToString([]byte("Customer card: 4111 1111 1111 1111\nSSN 123-45-6789\n"))
	eml := "From: a@example.com\nTo: b@example.com\nSubject: card on file\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body + "\n"
	var missed []string
	for _, rule := range []string{DetectorCardNumber, DetectorUSSSN} {
		if ok, _ := rt2Found(t, eml, rule); !ok {
			missed = append(missed, rule)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("PII in a base64 MIME body passes clean (secrets are decoded, PII is not): %v", missed)
	}
}

// Found while fixing the base64 case: a quoted-printable MIME part
// wraps long lines with a soft line break ("=" at the end of a line), which
// can fall inside a number. Every mail reader joins the lines; the PII
// patterns read line by line, so the number is split in two candidates
// that are no card. Fixed: quoted-printable bodies are also read decoded
// (content_qp.go; more cases in content_qp_test.go).
func TestRedTeam3PIIInQuotedPrintableSoftBreak(t *testing.T) {
	eml := "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nCustomer card: 4111 1111 11=\n11 1111, SSN 123-4=\n5-6789\n"
	var missed []string
	for _, rule := range []string{DetectorCardNumber, DetectorUSSSN} {
		if ok, _ := rt2Found(t, eml, rule); !ok {
			missed = append(missed, rule)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("PII split by a quoted-printable soft line break passes clean: %v", missed)
	}
}
