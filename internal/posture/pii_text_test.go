package posture

import (
	"encoding/base64"
	"strings"
	"testing"
	"unicode"
)

// digitValue relies on every range of the Nd table being whole runs of ten
// digits from zero; a Unicode update breaking that must fail here.
func TestDigitValueRangesAreRunsOfTen(t *testing.T) {
	for _, rg := range unicode.Nd.R16 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Errorf("Nd range %U-%U is not whole runs of ten", rg.Lo, rg.Hi)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Errorf("Nd range %U-%U is not whole runs of ten", rg.Lo, rg.Hi)
		}
	}
	for r, want := range map[rune]rune{'０': 0, '９': 9, '٣': 3, '۷': 7, '५': 5} {
		if got, ok := digitValue(r); !ok || got != want {
			t.Errorf("%c: %d %v, want %d", r, got, ok, want)
		}
	}
}

// A name is redacted over the span of the original the match came from,
// also where the name spells the value in full-width digits or with wide
// separators; the rest of the name stays as written.
func TestRedactUntrustedNameMapsSpansBack(t *testing.T) {
	for in, want := range map[string]string{
		"ssn_123-45-6789.pdf":            "ssn_[us_ssn redacted].pdf",
		"card_4111111111111111_scan.png": "card_[card_number redacted]_scan.png",
		"カード４１１１　１１１１　１１１１　１１１１.pdf":     "カード[card_number redacted].pdf",
		"ssn 123 - 45 - 6789 (copy).txt": "ssn [us_ssn redacted] (copy).txt",
		"report_2026-06-01.pdf":          "report_2026-06-01.pdf",
		"invoice_12345_final.docx":       "invoice_12345_final.docx",
	} {
		if got := redactUntrustedName(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// Lines stay lines: a full-width or widely spaced number is reported on the
// line it is on.
func TestPIINormalisedLineNumbers(t *testing.T) {
	text := "header\nカード番号：４１１１　１１１１　１１１１　１１１１\nSSN 123 - 45 - 6789\n"
	hits, err := scanContent(text, ContentDetectorNames(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, h := range hits {
		got[h.rule] = h.line
	}
	if got[DetectorCardNumber] != 2 || got[DetectorUSSSN] != 3 {
		t.Fatalf("lines: %v (%+v)", got, hits)
	}
}

// Wide gaps that are columns, and base64 that decodes to no text, are no
// PII; base64 PII is reported on the line the encoding starts on, and a
// MIME body wrapped over lines is decoded whole.
func TestPIIWideGapsAndBase64Bounds(t *testing.T) {
	for _, text := range []string{
		"cols 4111      1111      1111      1111", // columns: more than three spaces
		"range 4111 -- 1111 -- 1111 -- 1111",
		"sha " + base64.StdEncoding.EncodeToString([]byte{0x41, 0x11, 0x11, 0x11, 0x90, 0xff, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01}),
		"word ConfigurationManagerFactoryBuilder",
	} {
		if hits, err := scanContent(text, ContentDetectorNames(), nil); err != nil || len(hits) != 0 {
			t.Errorf("%q: hits %+v (%v), want none", text, hits, err)
		}
	}
	body := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("filler text of the message body. ", 4) + "card 4111 1111 1111 1111 and more text after it\n"))
	var wrapped strings.Builder
	for len(body) > 76 {
		wrapped.WriteString(body[:76] + "\r\n")
		body = body[76:]
	}
	wrapped.WriteString(body + "\r\n")
	hits, err := scanContent("Subject: x\n\n"+wrapped.String(), ContentDetectorNames(), nil)
	if err != nil || len(hits) != 1 || hits[0].rule != DetectorCardNumber || hits[0].line != 3 {
		t.Fatalf("wrapped base64 body: %+v (%v)", hits, err)
	}
	if strings.Contains(hits[0].preview, "4111 1111") {
		t.Fatalf("preview not redacted: %q", hits[0].preview)
	}
}

// The name-pattern check keeps the file name in its sub-key (in state):
// redacted there the same way as in the finding text; the GPT's name (its
// builder's) is redacted in the finding's subject name.
func TestFileNamePIINextToUnderscoreRedactedInSubKey(t *testing.T) {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Name = "Refunds for SSN 123-45-6789"
	g.Config.Files = []string{"ssn_123-45-6789.pdf", "card_4111111111111111.png"}
	withGPT(&snap, g)
	res := Evaluate(snap, []Rule{{CheckID: "dlp_gpt_file", Params: map[string]ParamValue{"patterns": ListValue("ssn*", "card*")}}})
	n := 0
	for _, f := range res.Findings() {
		n++
		if all := f.SubKey + f.Observed + f.SubjectName; strings.Contains(all, "6789") || strings.Contains(all, "41111111") {
			t.Fatalf("PII in the sub-key, observed text or subject name: %+v", f)
		}
	}
	if n != 2 {
		t.Fatalf("%d findings, want 2", n)
	}
}
