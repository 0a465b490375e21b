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

// RFC 2231 extended parameters (an attachment's file name) are read
// percent-decoded, their sections joined, in their charset.
func TestQPExtendedParameters(t *testing.T) {
	for name, c := range map[string]struct{ field, rule string }{
		"one section":              {`Content-Disposition: attachment; filename*=UTF-8''SSN%20123%2D45%2D6789.txt`, DetectorUSSSN},
		"sections on folded lines": {"Content-Disposition: attachment;\n filename*0*=utf-8''Card%204111%201111;\n filename*1*=%201111%20;\n filename*2=\"1111.pdf\"", DetectorCardNumber},
		"windows-1252 no-break":    {`Content-Type: text/plain; name*=windows-1252'en'Card%204111%A01111%A01111%A01111`, DetectorCardNumber},
	} {
		text := "From: a@example.com\nMIME-Version: 1.0\n" + c.field + "\n\nhi\n"
		if _, ok := qpHit(t, text, c.rule); !ok {
			t.Errorf("%s: the value in the extended parameter passes", name)
		}
	}
}
