package posture

import (
	"encoding/base64"
	"testing"
)

// Encoded words split over folded header lines are joined (the white
// space between adjacent words is dropped, RFC 2047 6.2), in Q and B.
func TestQPEncodedWordsFoldedAndBase64(t *testing.T) {
	b := func(s string) string { return "=?UTF-8?B?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?=" }
	for name, c := range map[string]struct{ subject, rule string }{
		"Q over two folded lines": {"=?UTF-8?Q?Card_4111_1111?=\n =?UTF-8?Q?_1111_1111?=", DetectorCardNumber},
		"B":                       {b("SSN 123-45-6789"), DetectorUSSSN},
		"B over two folded lines": {b("Card 4111 1111 ") + "\r\n\t" + b("1111 1111"), DetectorCardNumber},
		"windows-1252 en dashes":  {"=?windows-1252?Q?SSN_123=9645=966789?=", DetectorUSSSN},
		"UTF-16LE":                {"=?UTF-16LE?B?" + base64.StdEncoding.EncodeToString([]byte("S\x00S\x00N\x00 \x001\x002\x003\x00-\x004\x005\x00-\x006\x007\x008\x009\x00")) + "?=", DetectorUSSSN},
	} {
		text := "From: a@example.com\nSubject: " + c.subject + "\nMIME-Version: 1.0\n\nSee subject.\n"
		if _, ok := qpHit(t, text, c.rule); !ok {
			t.Errorf("%s: the value in the encoded words passes", name)
		}
	}
}
