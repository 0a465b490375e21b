package posture

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The content detectors also read quoted-printable MIME bodies decoded
// (content_qp.go), as a mail reader shows them: soft line breaks joined,
// =XX escapes undone. The raw text is scanned as before.

// qpKey is an obviously fake OpenAI project key (openai-prefixed-api-key).
const qpKey = "sk-" + "proj-" + "TESTONLYfake0123456789abcdQP"

// qpHit returns the first hit of rule in text, scanned with every detector.
func qpHit(t *testing.T, text, rule string) (ContentHit, bool) {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if h.Rule == rule {
			return h, true
		}
	}
	return ContentHit{}, false
}

// qpMessage is a one-part message whose body is quoted-printable; nl is
// the line end ("\n" or "\r\n").
func qpMessage(body, nl string) string {
	h := "From: a@example.com\nTo: b@example.com\nSubject: card on file\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\ncontent-transfer-encoding: Quoted-Printable\n\n"
	return strings.ReplaceAll(h+body, "\n", nl)
}

// A soft break is "=" at the end of a line, CRLF or LF (RFC 2045 says
// CRLF; a saved .eml keeps either), with white space allowed after the
// "=". Each value is found, at the raw line the value starts on.
func TestQPSoftBreakSplitsValue(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n"} {
		for _, c := range []struct {
			name, body, rule string
		}{
			{"card", "Hello,\nCustomer card: 4111 1111 11=\n11 1111, thanks\n", DetectorCardNumber},
			{"SSN", "Hello,\nSSN 123-4=\n5-6789\n", DetectorUSSSN},
			{"IBAN", "Hello,\nIBAN DE89 3704 0044 05=  \n32 0130 00\n", DetectorIBAN},
			{"OpenAI key", "Hello,\nkey " + qpKey[:5] + "=\n" + qpKey[5:] + "\n", ruleOpenAIPrefixedKey},
		} {
			t.Run(fmt.Sprintf("%s %q", c.name, nl), func(t *testing.T) {
				h, ok := qpHit(t, qpMessage(c.body, nl), c.rule)
				if !ok {
					t.Fatalf("%s split by a soft line break (line end %q) not found", c.name, nl)
				}
				if h.Line != 9 {
					t.Errorf("%s found at line %d, want 9 (where it starts)", c.name, h.Line)
				}
			})
		}
	}
}

// The key is found whole: its preview ends with the key's last two
// characters, which are after the break.
func TestQPSoftBreakKeyFoundWhole(t *testing.T) {
	h, ok := qpHit(t, qpMessage("key: "+qpKey[:20]+"=\n"+qpKey[20:]+"\n", "\n"), ruleOpenAIPrefixedKey)
	if !ok {
		t.Fatal("OpenAI key split by a soft line break not found")
	}
	if !strings.HasSuffix(h.Preview, qpKey[len(qpKey)-2:]) {
		t.Fatalf("preview %q: the key was not read whole (want it to end in %q)", h.Preview, qpKey[len(qpKey)-2:])
	}
}

// =XX escapes inside a value: a reader shows the character.
func TestQPEscapesInsideValue(t *testing.T) {
	for _, c := range []struct {
		name, body, rule string
	}{
		{"SSN, =2D for the dashes", "SSN 123=2D45=2D6789\n", DetectorUSSSN},
		{"card, =20 for the spaces", "Card 4111=201111=201111=201111\n", DetectorCardNumber},
		{"IBAN, =30 for the last zeros", "IBAN DE893704004405320130=30=30\n", DetectorIBAN},
		{"OpenAI key, =5F for an underscore, lower-case hex", "key " + qpKey[:16] + "=5f" + qpKey[16:] + "\n", ruleOpenAIPrefixedKey},
		{"card, an escape and a soft break", "Card 4111=201111=\n=201111 1111\n", DetectorCardNumber},
	} {
		if _, ok := qpHit(t, qpMessage(c.body, "\n"), c.rule); !ok {
			t.Errorf("%s: not found", c.name)
		}
	}
}

// qpMultipart is a multipart/mixed message (boundary on a folded header
// line, "=" in the boundary as many mailers write it) holding a 7bit part,
// a multipart/alternative part whose HTML alternative is quoted-printable,
// and a base64 attachment.
const qpMultipart = `From: a@example.com
To: b@example.com
Subject: statement
MIME-Version: 1.0
Content-Type: multipart/mixed;
	boundary="==outer=="

This is a multi-part message in MIME format.
--==outer==
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Card on file ends 4111 1111 11=
11 1111 (7bit: that "=" is an equals sign, not a soft break)
--==outer==
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

See the HTML part.
--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: QUOTED-PRINTABLE

<p>Customer card: 5555 5555 55=
55 4444,</p>
<p>SSN 123-4=
5-6789</p>
--inner--
--==outer==
Content-Type: application/octet-stream; name="a.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
--==outer==--
`

// A quoted-printable part of a (nested) multipart message is read decoded;
// a 7bit part is not (its "=" at a line end is an equals sign).
func TestQPPartInMultipartMixed(t *testing.T) {
	text := strings.ReplaceAll(qpMultipart, "\n", "\r\n")
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, h := range v.Hits {
		got[h.Rule+" "+h.Preview] = h.Line
	}
	for _, want := range []struct {
		key  string
		line int
	}{
		{DetectorCardNumber + " 55…[redacted]…44", 27},
		{DetectorUSSSN + " [redacted]", 29},
	} {
		if line, ok := got[want.key]; !ok || line != want.line {
			t.Errorf("no hit %q at line %d in the quoted-printable part: %+v", want.key, want.line, v.Hits)
		}
	}
	if _, ok := got[DetectorCardNumber+" 41…[redacted]…11"]; ok {
		t.Errorf("the 7bit part was read as quoted-printable: %+v", v.Hits)
	}
}

// A header saying quoted-printable on text that is not (bytes the
// standard reader refuses, "=" before no hex digits, "==" at a line end):
// what the raw text shows is still found, and what follows a refused
// line is still decoded.
func TestQPHeaderOnTextThatIsNotQP(t *testing.T) {
	body := "Control \x01 byte, =ZZ, = , a==\nSSN 123-45-6789 and card 4111 1111 1111 1111==\nIBAN DE89 3704 0044 0532 0130 00=\x01\n"
	for _, c := range []struct{ name, rule string }{
		{"SSN", DetectorUSSSN}, {"card", DetectorCardNumber}, {"IBAN", DetectorIBAN},
	} {
		if _, ok := qpHit(t, qpMessage(body, "\n"), c.rule); !ok {
			t.Errorf("%s in a body mislabelled quoted-printable: raw finding lost", c.name)
		}
	}
	// Logical lines the standard reader refuses (a control byte; "=" last
	// before a soft break) are decoded as a lenient reader shows them, and
	// the lines after them are decoded too.
	refused := "Bad \x01 byte, then 5555 5555 55=\n55 4444.\nIBAN DE89 3704 0044 0532 0=\n130 00 x==\n\nSSN 123-4=\n5-6789\n"
	for _, c := range []struct{ name, rule string }{
		{"card on a line with a control byte", DetectorCardNumber},
		{"IBAN on a line ending ==", DetectorIBAN},
		{"SSN after the refused lines", DetectorUSSSN},
	} {
		if _, ok := qpHit(t, qpMessage(refused, "\n"), c.rule); !ok {
			t.Errorf("%s: not decoded", c.name)
		}
	}
}

// Without a quoted-printable header nothing is joined: "=" at a line end
// in a shell script or a config file is an equals sign.
func TestQPNotDecodedWithoutHeader(t *testing.T) {
	text := "FOO=4111 1111 11=\n11 1111\nContent-Transfer-Encoding: 8bit\n\nBAR=123-4=\n5-6789\n"
	for _, rule := range []string{DetectorCardNumber, DetectorUSSSN} {
		if h, ok := qpHit(t, text, rule); ok {
			t.Errorf("text with no quoted-printable header was joined at '=': %+v", h)
		}
	}
}

// A value both in the raw text and decoded is one hit (at its raw line).
func TestQPDecodedDuplicateIsOneHit(t *testing.T) {
	v, err := ScanContent(qpMessage("SSN 123-45-6789\nagain 123-4=\n5-6789\n", "\n"), ContentSelection{Detectors: []string{DetectorUSSSN}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Hits) != 1 || v.Hits[0].Line != 8 {
		t.Fatalf("hits %+v, want one SSN at line 8", v.Hits)
	}
}

// Decoding is linear in the text: many parts, many boundaries, and long
// soft-broken lines (a multi-megabyte logical line) take no more than a
// scan of the raw text would.
func TestQPDecodingIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Content-Type: multipart/mixed; boundary=b0\n\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\nContent-Transfer-Encoding: quoted-printable\n\nx=3Dy=\nz\n", i, i+1)
	}
	b.WriteString("--b20000\nContent-Transfer-Encoding: quoted-printable\n\n")
	b.WriteString(strings.Repeat("abcdefghij=\n", 100000))
	b.WriteString("SSN 123-4=\n5-6789\n")
	start := time.Now()
	h, ok := qpHit(t, b.String(), DetectorUSSSN)
	if el := time.Since(start); el > 60*time.Second*timeScale {
		t.Fatalf("scan of %d bytes took %v", b.Len(), el)
	}
	if !ok {
		t.Fatal("SSN at the end of a long soft-broken body not found")
	}
	if want := 20000*6 + 2 + 3 + 1; h.Line != want { // the first line of the logical line
		t.Errorf("SSN at line %d, want %d", h.Line, want)
	}
}

// A message need not start the text: an mbox file (each message after a
// "From " line), or a message pasted after notes, is read the same way.
func TestQPMessageAfterOtherText(t *testing.T) {
	for name, text := range map[string]string{
		"mbox, second message": "From a@example.com Mon Jan  5 10:00:00 2026\nFrom: a@example.com\nSubject: one\n\nnothing here\n\nFrom b@example.com Mon Jan  5 11:00:00 2026\nFrom: b@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nSSN 123-4=\n5-6789\n",
		"pasted after notes":   "Notes from the call.\n---------- Forwarded message ---------\nFrom: b@example.com\nContent-Transfer-Encoding: quoted-printable\n\nSSN 123-4=\n5-6789\n",
	} {
		if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
			t.Errorf("%s: SSN split by a soft break not found", name)
		}
	}
}
