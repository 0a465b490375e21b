package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Red team 4 (rtdlp4): Windows-1252 text (text_decode.go) and Office media
// members (media_*.go, office_media*.go). The uploader wants a card
// number, an SSN or a key to pass clean. Each test asserts the safe
// behaviour (the detectors find the value in the extracted text, or the
// file is reported not scanned). The attacks that worked at first were
// fixed; their tests run always.

// rtd4Key is an obviously fake OpenAI project key.
const rtd4Key = "sk-" + "proj-" + "TESTONLYfake0123456789abcdRT4x"

// rtd4Caught extracts name/data and runs the content detectors over the
// text: true when rule is found (or the scan is reported incomplete), or
// the file is reported not scanned. what says which.
func rtd4Caught(t *testing.T, name string, data []byte, rule string) (bool, string) {
	t.Helper()
	res, err := Text(name, data, Limits{})
	var ns *NotScannedError
	if errors.As(err, &ns) {
		return true, "not scanned: " + ns.Error()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	v, err := posture.ScanContent(res.Text, posture.ContentSelection{Detectors: posture.ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, h := range v.Hits {
		if h.Rule == rule || h.Rule == "scan_incomplete" {
			return true, "found"
		}
		rules = append(rules, h.Rule)
	}
	return false, "clean (hits " + strings.Join(rules, ",") + ", text " + rtd4Shorten(res.Text) + ")"
}

func rtd4Shorten(s string) string {
	if len(s) > 300 {
		return strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}

// A UTF-8 file (a CSV exported with no-break spaces in the card column,
// as Excel and Word write grouped numbers) with one stray Windows-1252
// byte (a curly quote pasted from Outlook): not valid UTF-8, so the whole
// file is decoded as Windows-1252, and every UTF-8 no-break space becomes
// "Â" and a no-break space ({Q} is the stray byte). An editor shows the card, the detectors read
// "4111Â 1111...".
func TestRTDLP4TextMixedUTF8AndWindows1252(t *testing.T) {
	for _, c := range []struct {
		name, text, rule string
	}{
		{"card grouped by U+00A0", "name,card\nJo {Q}JJ{Q} Doe,4111\u00a01111\u00a01111\u00a01111\n", "card_number"},
		{"SSN with en dashes", "name,ssn\nJo {Q}JJ{Q} Doe,123\u201345\u20136789\n", "us_ssn"},
		{"IBAN grouped by U+202F", "name,iban\nJo {Q}JJ{Q} Doe,DE89\u202f3704\u202f0044\u202f0532\u202f0130\u202f00\n", "iban"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Control: the same file without the stray byte is found.
			clean := strings.ReplaceAll(c.text, "{Q}", "'")
			if ok, why := rtd4Caught(t, "people.csv", []byte(clean), c.rule); !ok {
				t.Fatalf("control (valid UTF-8): %s", why)
			}
			mixed := strings.ReplaceAll(c.text, "{Q}", "\x92") // a Windows-1252 right quote
			if ok, why := rtd4Caught(t, "people.csv", []byte(mixed), c.rule); !ok {
				t.Fatalf("%s: UTF-8 text with one Windows-1252 byte is decoded whole as Windows-1252 and the value passes: %s", c.name, why)
			}
		})
	}
}

// Coverage (passes): Windows-1252 characters that word processors put in
// and around values are read as the detectors need: the no-break space
// (0xA0) and en dash (0x96) as separators, the soft hyphen (0xAD, an
// invisible format character) dropped inside a key, curly quotes (0x93,
// 0x94) around a key, and a UTF-8 BOM before Windows-1252 bytes.
func TestRTDLP4TextWindows1252Separators(t *testing.T) {
	for _, c := range []struct {
		name, text, rule string
	}{
		{"card, no-break spaces", "Caf\xe9;4111\xa01111\xa01111\xa01111\r\n", "card_number"},
		{"SSN, en dashes", "Caf\xe9;123\x9645\x966789\r\n", "us_ssn"},
		{"key, soft hyphen inside", "Caf\xe9;" + rtd4Key[:14] + "\xad" + rtd4Key[14:] + "\r\n", "openai-prefixed-api-key"},
		{"key, curly quotes around", "Caf\xe9;key=\x93" + rtd4Key + "\x94\r\n", "openai-prefixed-api-key"},
		{"card, UTF-8 BOM then Windows-1252", "\xef\xbb\xbfCaf\xe9;4111\xa01111\xa01111\xa01111\r\n", "card_number"},
	} {
		if ok, why := rtd4Caught(t, "notes.txt", []byte(c.text), c.rule); !ok {
			t.Errorf("%s: %s", c.name, why)
		}
	}
}

// Coverage (passes): UTF-8 with one byte Windows-1252 leaves undefined
// (0x81) is neither: refused, never clean.
func TestRTDLP4TextUTF8WithUndefinedByteRefused(t *testing.T) {
	data := []byte("name,card\nJo\x81,4111\u00a01111\u00a01111\u00a01111\n")
	res, err := Text("people.csv", data, Limits{})
	var ns *NotScannedError
	if !errors.As(err, &ns) {
		t.Fatalf("UTF-8 with an undefined Windows-1252 byte was read: %q, %v", rtd4Shorten(res.Text), err)
	}
}
