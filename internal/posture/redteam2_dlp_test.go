package posture

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/extract"
)

// Red-team round 2 (issue 11): attacks on the chunked gitleaks scan, the
// format-character stripping and the PII detectors that landed after round
// 1. Each test asserts the safe behaviour; a test whose attack succeeds
// skips with "REDTEAM2 FAIL" unless REDTEAM_RUN=1.

// rt2Fail is declared in redteam2_gate_test.go.

// rt2Found reports whether scanning text with the default selection finds
// rule (or any hit at all when rule is "").
func rt2Found(t *testing.T, text, rule string) (bool, []ContentHit) {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if rule == "" || h.Rule == rule {
			return true, v.Hits
		}
	}
	return false, v.Hits
}

// rt2Filler is n bytes of harmless prose lines.
func rt2Filler(n int) string {
	line := "The quarterly figures were reviewed and approved by the board.\n"
	return strings.Repeat(line, n/len(line)+1)[:n/len(line)*len(line)]
}

// rt2PEM is a private key block whose body is about n bytes (a 16384-bit
// RSA key in PKCS#1 is about 12.5 KiB; with an encrypted header or a
// certificate chain bundled inside, more).
func rt2PEM(n int) string {
	body := strings.Repeat("MIIJQgIBADANBgkqhkiG9w0BAQEFAASCCSwwggkoAgEAAoICAQC7TESTONLYFAKE\n", n/65+1)
	return "-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n"
}

// Control: a PEM block straddling the 64 KiB chunk boundary, shorter than
// the 16 KiB overlap, is whole in the next chunk and found.
func TestRedTeam2PEMShorterThanOverlapAcrossChunkHeld(t *testing.T) {
	text := rt2Filler(scanChunkBytes-4<<10) + rt2PEM(12<<10) + rt2Filler(8<<10)
	if ok, hits := rt2Found(t, text, "private-key"); !ok {
		t.Fatalf("a 12 KiB PEM across the chunk boundary was missed (hits %v)", hits)
	}
}

// A PEM block longer than the overlap that straddles a chunk end is whole
// in no chunk: the first holds BEGIN without END, the next starts after
// BEGIN. The same key elsewhere in the file is found (control below).
func TestRedTeam2PEMLongerThanOverlapAcrossChunk(t *testing.T) {
	pem := rt2PEM(24 << 10)
	if ok, hits := rt2Found(t, pem, "private-key"); !ok {
		t.Fatalf("control: the 24 KiB PEM alone is not found (hits %v)", hits)
	}
	text := rt2Filler(40<<10) + pem + rt2Filler(40<<10)
	if ok, hits := rt2Found(t, text, ""); !ok {
		t.Fatalf("PEM across the chunk boundary missed (hits %v)", hits)
	}
}

// A private key block longer than the rescan window that crosses a chunk
// boundary is reported as not scanned whole, never passed; a BEGIN line
// whose block never ends (a truncated file) is no gap, and a short block
// ending within the window near the end of the text is found.
func TestRedTeam2PEMLongerThanWindowAcrossChunk(t *testing.T) {
	text := rt2Filler(40<<10) + rt2PEM(maxKeyBlockBytes+(8<<10)) + rt2Filler(40<<10)
	if ok, hits := rt2Found(t, text, scanIncompleteRule); !ok {
		t.Fatalf("a %d KiB key block across the boundary is not reported (hits %v)", (maxKeyBlockBytes+(8<<10))>>10, hits)
	}
	truncated := rt2Filler(60<<10) + "-----BEGIN RSA PRIVATE KEY-----\n" + rt2Filler(30<<10)
	if ok, hits := rt2Found(t, truncated, ""); ok {
		t.Fatalf("a BEGIN line without a block is reported: %v", hits)
	}
	tail := rt2Filler(60<<10) + rt2PEM(20<<10)
	if ok, hits := rt2Found(t, strings.TrimSuffix(tail, "\n"), "private-key"); !ok {
		t.Fatalf("a key block ending the text across the boundary is missed (hits %v)", hits)
	}
}

// A line of more than 64 KiB (minified JSON, a CSV row, base64 blob) is cut
// mid-line; a finding in the second chunk is reported on the right line.
func TestRedTeam2LineNumberAfterLongLineHeld(t *testing.T) {
	long := strings.Repeat("x", 100<<10)
	text := "line one\n" + long + " aws " + fakeSecrets.awsKeyID + " tail\nline three\n"
	scan, err := detectSecrets(text, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range scan.matches {
		if m.value == fakeSecrets.awsKeyID && m.line != 2 {
			t.Fatalf("key on line 2 reported on line %d", m.line)
		}
		if m.value == fakeSecrets.awsKeyID {
			return
		}
	}
	t.Fatalf("key after a 100 KiB line not found: %+v", scan.matches)
}

// Only Unicode category Cf is stripped before scanning. Other invisible
// characters that renderers draw as nothing and copy-paste keeps
// (variation selectors and the combining grapheme joiner, category Mn;
// the Hangul filler, Lo) break every pattern the same way.
func TestRedTeam2InvisibleNonCfInsideKey(t *testing.T) {
	key := fakeSecrets.awsKeyID
	var missed []string
	for _, c := range []struct{ name, ch string }{
		{"U+FE0F variation selector-16", "\uFE0F"},
		{"U+FE00 variation selector-1", "\uFE00"},
		{"U+034F combining grapheme joiner", "\u034F"},
		{"U+E0100 variation selector-17", "\U000E0100"},
		{"U+115F Hangul choseong filler", "\u115F"},
		{"U+1160 Hangul jungseong filler", "\u1160"},
		{"U+3164 Hangul filler", "\u3164"},
		{"U+FFA0 halfwidth Hangul filler", "\uFFA0"},
		{"U+180B Mongolian free variation selector", "\u180B"},
	} {
		text := "aws_access_key_id = " + key[:8] + c.ch + key[8:] + "\n"
		if ok, _ := rt2Found(t, text, ""); !ok {
			missed = append(missed, c.name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("missed: %v", missed)
	}
}

// Card numbers and SSNs are often written with a no-break space (word
// processors, PDFs) or dots; the patterns accept only ASCII space and dash.
func TestRedTeam2PIISeparators(t *testing.T) {
	cases := []struct{ name, text, rule string }{
		{"card with no-break spaces", "Card: 4111\u00a01111\u00a01111\u00a01111 exp 12/29", DetectorCardNumber},
		{"card with narrow no-break spaces", "Card: 4111\u202f1111\u202f1111\u202f1111", DetectorCardNumber},
		{"card with dots", "Card: 4111.1111.1111.1111", DetectorCardNumber},
		{"SSN with no-break spaces", "SSN 123\u00a045\u00a06789", DetectorUSSSN},
		{"SSN with dots", "SSN 123.45.6789", DetectorUSSSN},
		{"IBAN with no-break spaces", "IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000", DetectorIBAN},
		{"IBAN with dashes", "IBAN DE89-3704-0044-0532-0130-00", DetectorIBAN},
		{"IBAN in lower case", "iban de89 3704 0044 0532 0130 00", DetectorIBAN},
	}
	var missed []string
	for _, c := range cases {
		if ok, _ := rt2Found(t, c.text, c.rule); !ok {
			missed = append(missed, c.name)
		}
	}
	// Controls: the canonical forms are found.
	for _, c := range []struct{ text, rule string }{
		{"Card: 4111 1111 1111 1111", DetectorCardNumber},
		{"SSN 123-45-6789", DetectorUSSSN},
		{"IBAN DE89 3704 0044 0532 0130 00", DetectorIBAN},
	} {
		if ok, hits := rt2Found(t, c.text, c.rule); !ok {
			t.Fatalf("control %q not found (%v)", c.text, hits)
		}
	}
	// Controls: dotted version numbers and addresses, and lower case runs
	// of letters and digits (hashes, ids) are no PII, even where their
	// digits would pass the checksum.
	for _, c := range []struct{ text, rule string }{
		{"build 4.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", DetectorCardNumber},
		{"release v1.4111.1111.1111.1111 shipped", DetectorCardNumber},
		{"hosts 41.111.111.111 and 41.11.111.111.111.1", DetectorCardNumber},
		{"span 411.1111.1111.1111 ms", DetectorCardNumber},
		{"version 2.123.45.6789 of the schema", DetectorUSSSN},
		{"commit de89370400440532013000", DetectorIBAN},
	} {
		if ok, hits := rt2Found(t, c.text, c.rule); ok {
			t.Errorf("false positive: %q reported as %s (%v)", c.text, c.rule, hits)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("missed: %v", missed)
	}
}

// rt2FindingText is every reported field of the findings of a content check
// over one GPT file.
func rt2FindingText(t *testing.T, f ScannedFile) string {
	t.Helper()
	snap := Snapshot{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	snap.GPTFileContent = Loaded(f)
	res := EvaluateRule(snap, Rule{CheckID: "dlp_gpt_file_content"})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	var b strings.Builder
	for _, x := range res.Findings {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s\n", x.SubjectID, x.SubjectName, x.SubKey, x.Observed, x.Allowed, x.SubjectEmail)
	}
	return b.String()
}

// The file name is redacted with the secret rules only: an SSN, card number
// or IBAN in the name (scans and forms are often named after the person's
// number) reaches the finding's observed text, state and reports whole,
// while the same value in the content is shown as "[redacted]".
func TestRedTeam2PIIInFileNameReported(t *testing.T) {
	var leaked []string
	for _, v := range []string{"123-45-6789", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00"} {
		got := rt2FindingText(t, ScannedFile{FileID: "file-1", FileName: "W2 " + v + ".txt", SubjectKind: "gpt", SubjectID: "g-1", Text: "ssn 123-45-6789\n"})
		if strings.Contains(got, v) {
			leaked = append(leaked, v)
		}
	}
	if len(leaked) > 0 {
		t.Fatalf("leaked: %v", leaked)
	}
}

// A not-scanned reason is reported verbatim. Part of it comes from the
// file: the format label of a text file is its name's extension (lower
// cased), so a file named "notes.<AWS key id>" over the size cap reports the
// key id (AWS ids are upper case: lower-casing hides nothing). The name
// itself is redacted in the same finding.
func TestRedTeam2NotScannedReasonCarriesNameExtension(t *testing.T) {
	key := fakeSecrets.awsKeyID
	// What the loader sets for a text file over the text cap
	// (extract.plainText: format textFormat(name), reason with the cap).
	got := rt2FindingText(t, ScannedFile{FileID: "file-1", FileName: "notes." + key, SubjectKind: "gpt", SubjectID: "g-1",
		NotScanned: "text/" + strings.ToLower(key) + ": text larger than 33554432 bytes (the text cap); not scanned, not truncated"})
	if strings.Contains(strings.ToLower(got), strings.ToLower(key)) {
		t.Fatalf("finding carries the key: %s", got)
	}
}

// Markup formats are read as plain text (extract labels them "text/html",
// "text/rtf" and scans the raw bytes). Markup splits words wherever
// formatting or editing history changes: Word's RTF writes a run per rsid,
// an HTML editor a span per style. A browser, Word, or any converter to
// text (what a model reads) shows the key whole; the raw bytes hold it
// split. Round 1 joined DOCX runs; HTML and RTF still pass.
func TestRedTeam2MarkupSplitKey(t *testing.T) {
	key := fakeSecrets.awsKeyID
	var missed []string
	// The files are uploaded as page.html / doc.rtf: the text scanned is
	// what extract.Text reads from them.
	for name, text := range map[string]string{
		"html span":   "<p>aws_access_key_id = " + key[:4] + `<span class="x">` + key[4:] + "</span></p>\n",
		"html entity": "<p>aws_access_key_id = &#65;" + key[1:] + "</p>\n",
		"rtf runs":    `{\rtf1\ansi{\fonttbl\f0 Calibri;}\pard{\rtlch\f0 aws_access_key_id = ` + key[:8] + `}{\rtlch\f0\insrsid123 ` + key[8:] + `}\par}` + "\n",
	} {
		file := "page.html"
		if strings.HasPrefix(name, "rtf") {
			file = "doc.rtf"
		}
		res, err := extract.Text(file, []byte(text), extract.Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ok, _ := rt2Found(t, res.Text, ""); !ok {
			missed = append(missed, name)
		}
	}
	if len(missed) > 0 {
		t.Fatalf("a key split by markup in HTML/RTF passes clean: %v", missed)
	}
}
