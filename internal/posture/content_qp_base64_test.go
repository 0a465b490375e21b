package posture

import (
	"encoding/base64"
	"strings"
	"testing"
)

// qpAttachedMessage is a message attached in base64 whose own body is
// quoted-printable and holds body.
func qpAttachedMessage(body string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(rtd4QPHeader("text/plain") + body))
	var lines strings.Builder
	for len(enc) > 76 {
		lines.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	lines.WriteString(enc + "\n")
	return "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: text/plain\n\nForwarding.\n--outer\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + lines.String() + "--outer--\n"
}

// The secret rules and custom patterns read a message attached in base64
// decoded too: a key split by a soft break, a custom value written with
// escapes.
func TestQPMessageInBase64SecretsAndCustom(t *testing.T) {
	text := qpAttachedMessage("Hello,\nkey " + qpKey[:12] + "=\n" + qpKey[12:] + "\nref CASE=2D0042=2D7\n")
	h, ok := qpHit(t, text, ruleOpenAIPrefixedKey)
	if !ok {
		t.Fatal("a key split by a soft break in a message attached in base64 passes")
	}
	if h.Line != 12 {
		t.Errorf("key at line %d, want 12 (where the base64 body starts)", h.Line)
	}
	v, err := ScanContent(text, ContentSelection{CustomPatterns: []string{`CASE-\d{4}-\d`}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Hits) == 0 || v.Hits[0].Rule != "custom:1" {
		t.Fatalf("a custom pattern in a message attached in base64 passes: %+v", v.Hits)
	}
}
