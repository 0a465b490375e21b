package posture

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// Red team 4 (rtdlp4): quoted-printable MIME bodies (content_qp.go). The
// uploader wants a card number, an SSN or a key that a mail reader shows
// whole to pass clean. Each test asserts the safe behaviour (found, or
// the scan reported incomplete); all ten attacks are fixed and run always.

// rtd4QPFound scans text with every detector and reports whether rule was
// found (a scan reported incomplete counts as found: never a pass).
func rtd4QPFound(t *testing.T, text, rule string) (bool, []ContentHit) {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if h.Rule == rule || h.Rule == scanIncompleteRule {
			return true, v.Hits
		}
	}
	return false, v.Hits
}

// rtd4QPHeader is a one-part message header; ct is the Content-Type value.
func rtd4QPHeader(ct string) string {
	return "From: a@example.com\nTo: b@example.com\nSubject: statement\nMIME-Version: 1.0\nContent-Type: " + ct + "\nContent-Transfer-Encoding: quoted-printable\n\n"
}

// A boundary parameter on a text/plain part means nothing to a mail
// reader (only multipart/* has parts), but the walk remembers it: a line
// "--zz" in that body then ends the decoded body, and a card split by a
// soft break after it is whole on screen and in no decoded line.
func TestRTDLP4QPBoundaryOnTextPlainEndsBody(t *testing.T) {
	body := "Hello,\n--zz\nCustomer card: 4111 1111 11=\n11 1111, thanks\n"
	control := rtd4QPHeader(`text/plain; charset=utf-8`) + body
	if ok, hits := rtd4QPFound(t, control, DetectorCardNumber); !ok {
		t.Fatalf("control: the split card is not found without the boundary parameter: %+v", hits)
	}
	text := rtd4QPHeader(`text/plain; charset=utf-8; boundary="zz"`) + body
	if ok, hits := rtd4QPFound(t, text, DetectorCardNumber); !ok {
		t.Fatalf("a boundary parameter on a text/plain part ends its quoted-printable body at a '--zz' line: the soft-broken card after it passes (hits %+v)", hits)
	}
}

// Header-like lines inside a single-part quoted-printable body are body
// text to a mail reader, but the walk reads them as a header block and
// remembers their boundary: the body's decoding stops at the "--zz" line
// the uploader wrote after them.
func TestRTDLP4QPBoundaryDeclaredInsideBody(t *testing.T) {
	body := "Notes:\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nSSN 123-4=\n5-6789 on file\n"
	text := rtd4QPHeader("text/plain; charset=utf-8") + body
	if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a boundary declared by header-like lines inside a quoted-printable body ends it: the soft-broken SSN after '--zz' passes (hits %+v)", hits)
	}
}

// An mbox: the first message is multipart with boundary zz; the second is
// a single-part quoted-printable message whose body holds a "--zz" line
// (text to a reader of the second message), then a soft-broken SSN.
func TestRTDLP4QPMboxBoundaryOfEarlierMessage(t *testing.T) {
	text := "From a@example.com Mon Jan  5 10:00:00 2026\nFrom: a@example.com\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz--\n\n" +
		"From b@example.com Mon Jan  5 11:00:00 2026\n" + rtd4QPHeader("text/plain") + "quoting the other mail:\n--zz\nSSN 123-4=\n5-6789\n"
	if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a boundary of an earlier mbox message ends a later message's quoted-printable body: the soft-broken SSN passes (hits %+v)", hits)
	}
}

// A body in a single-byte charset: =A0 is a no-break space in ISO-8859-1
// and Windows-1252 (the separator Word and Outlook put in numbers), =96
// an en dash in Windows-1252. A reader shows "4111 1111 1111 1111" and
// "123–45–6789"; the decoder keeps the byte, which is not UTF-8, and
// writes U+FFFD, which no pattern reads as a separator.
func TestRTDLP4QPSingleByteCharsetSeparators(t *testing.T) {
	for _, c := range []struct {
		name, charset, body, rule string
	}{
		{"card, ISO-8859-1 no-break spaces", "iso-8859-1", "Card 4111=A01111=A01111=A01111\n", DetectorCardNumber},
		{"card, Windows-1252 no-break spaces", "windows-1252", "Card 5555=A05555=A05555=A04444\n", DetectorCardNumber},
		{"SSN, Windows-1252 en dashes", "windows-1252", "SSN 123=9645=966789\n", DetectorUSSSN},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := rtd4QPHeader("text/plain; charset="+c.charset) + c.body
			if ok, hits := rtd4QPFound(t, text, c.rule); !ok {
				t.Fatalf("%s: a quoted-printable body in %s is decoded without its charset; the value passes (hits %+v)", c.name, c.charset, hits)
			}
		})
	}
}

// A body in UTF-16: every ASCII character is followed by =00. A reader
// honouring the charset shows the SSN; the decoded text holds a NUL
// between its digits.
func TestRTDLP4QPUTF16Charset(t *testing.T) {
	var b strings.Builder
	for i, c := range []byte("SSN 123-45-6789 on file") {
		if i > 0 && i%12 == 0 {
			b.WriteString("=\n") // a soft break, as encoders wrap
		}
		b.WriteByte(c)
		b.WriteString("=00")
	}
	text := rtd4QPHeader("text/plain; charset=utf-16le") + b.String() + "\n"
	if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a quoted-printable body in UTF-16LE is decoded as bytes: the SSN passes with NULs between its digits (hits %+v)", hits)
	}
}

// A private key whose BEGIN line is written with an escape (=2D for a
// dash): its raw text has no valid BEGIN line, and the decoded text holds
// only the logical lines decoding changes (the BEGIN line), not the
// unchanged key body and END line the private-key rule needs with it.
func TestRTDLP4QPPEMBeginLineEscaped(t *testing.T) {
	pem := "-----BEGIN " + "PRIVATE KEY=2D----\n" + fill(64) + "\n" + fill(40) + "\n-----END " + "PRIVATE KEY-----\n"
	if ok, hits := rtd4QPFound(t, "-----BEGIN "+"PRIVATE KEY-----\n"+fill(64)+"\n"+fill(40)+"\n-----END "+"PRIVATE KEY-----\n", "private-key"); !ok {
		t.Fatalf("control: the unescaped key block is not found: %+v", hits)
	}
	text := rtd4QPHeader("text/plain") + "The deploy key:\n" + pem
	if ok, hits := rtd4QPFound(t, text, "private-key"); !ok {
		t.Fatalf("a private key block whose BEGIN line holds a QP escape passes: the decoded text lacks the unchanged lines of the block (hits %+v)", hits)
	}
}

// An HTML part in quoted-printable holding a data: URI: every encoder
// wraps it at 76 characters with soft breaks, and its padding is =3D.
// The personal-data base64 pass reads the raw text only, where the soft
// breaks and escapes cut the run.
func TestRTDLP4QPBase64DataURIInQPBody(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString([]byte("Patient record. SSN 123-45-6789. Card 4111 1111 1111 1111. End of record, thanks."))
	uri := `<a href=3D"data:text/plain;base64,` + strings.ReplaceAll(b64, "=", "=3D") + `">record</a>`
	var wrapped strings.Builder
	for len(uri) > 70 {
		cut := 70
		for uri[cut-1] == '=' || uri[cut-2] == '=' { // never split an escape
			cut--
		}
		wrapped.WriteString(uri[:cut] + "=\n")
		uri = uri[cut:]
	}
	wrapped.WriteString(uri + "\n")
	text := rtd4QPHeader("text/html; charset=utf-8") + "<p>See the attached record.</p>\n" + wrapped.String()
	// Control: the same URI unwrapped is read.
	if ok, hits := rtd4QPFound(t, "<a href=\"data:text/plain;base64,"+b64+"\">record</a>\n", DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in the unwrapped data: URI is not found: %+v", hits)
	}
	if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
		t.Fatalf("personal data in a base64 data: URI of a quoted-printable HTML body passes: base64Runs reads the raw text only (hits %+v)", hits)
	}
}

// A forwarded message attached in base64 (application/octet-stream, as
// mailers attach a saved .eml): opened, it is a message whose body is
// quoted-printable with a soft-broken SSN. The base64 pass decodes the
// attachment but reads it line by line, without its QP body decoded.
func TestRTDLP4QPInsideBase64Attachment(t *testing.T) {
	inner := rtd4QPHeader("text/plain") + "Hello,\nSSN 123-4=\n5-6789 as requested\n"
	enc := base64.StdEncoding.EncodeToString([]byte(inner))
	var lines strings.Builder
	for len(enc) > 76 {
		lines.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	lines.WriteString(enc + "\n")
	text := "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: text/plain\n\nForwarding.\n--outer\nContent-Type: application/octet-stream; name=\"fwd.eml\"\nContent-Transfer-Encoding: base64\n\n" + lines.String() + "--outer--\n"
	if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a soft-broken SSN in a quoted-printable message attached in base64 passes (hits %+v)", hits)
	}
}

// Coverage (passes): boundaries holding regular-expression characters and
// "=" end exactly their part, with CRLF line ends, and the next
// quoted-printable part is still decoded.
func TestRTDLP4QPBoundaryMetacharacters(t *testing.T) {
	for _, boundary := range []string{`a.b*c+(d)?[e]`, `==_Part_1.2$^|\\`, `x y`} {
		text := "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n--" + boundary +
			"\nContent-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nplain part\n--" + boundary +
			"\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nCard 4111 1111 11=\n11 1111\n--" + boundary + "--\n"
		text = strings.ReplaceAll(text, "\n", "\r\n")
		if ok, hits := rtd4QPFound(t, text, DetectorCardNumber); !ok {
			t.Errorf("boundary %q: the soft-broken card in the second part is not found: %+v", boundary, hits)
		}
	}
}

// Coverage (passes): pathological shapes stay linear: one header block of
// many Content-Type fields, each folded over many lines; many "=" lines.
func TestRTDLP4QPPathologicalHeadersLinear(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 20000; i++ {
		b.WriteString("Content-Type: multipart/mixed;\n")
		for j := 0; j < 10; j++ {
			b.WriteString("\tboundary=\"" + strings.Repeat("b", 60) + "\";\n")
		}
	}
	b.WriteString("Content-Transfer-Encoding: quoted-printable\n\n")
	b.WriteString(strings.Repeat("=\n", 200000))
	b.WriteString("SSN 123-4=\n5-6789\n")
	start := time.Now()
	ok, hits := rtd4QPFound(t, b.String(), DetectorUSSSN)
	if el := time.Since(start); el > 30*time.Second*timeScale {
		t.Errorf("scan of %d bytes took %v", b.Len(), el)
	}
	if !ok {
		t.Errorf("SSN after pathological headers not found: %+v", hits)
	}
}

// A header line that is not a field (no colon, a space in the name)
// after the Content-Transfer-Encoding field, or no empty line before the
// body: Python's email package (what a code interpreter reads mail with)
// takes the bad line as the start of the body (a defect it records, not
// an error) and decodes the body as quoted-printable. The walk drops the
// whole header block, so the body is not decoded.
func TestRTDLP4QPMalformedHeaderBlock(t *testing.T) {
	for name, text := range map[string]string{
		"bad line after the encoding": "From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\nX Mailer Note: bad\n\nSSN 123-4=\n5-6789\n",
		"no empty line before body":   "From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\nSSN 123-4=\n5-6789 on file\n",
	} {
		t.Run(name, func(t *testing.T) {
			if ok, hits := rtd4QPFound(t, text, DetectorUSSSN); !ok {
				t.Fatalf("%s: the header block is dropped and the quoted-printable body not decoded; the soft-broken SSN passes (hits %+v)", name, hits)
			}
		})
	}
}

// RFC 2047 encoded words are quoted-printable in headers ("Q" encoding:
// =XX escapes, "_" for a space): a mail reader shows the Subject
// "Card 4111 1111 1111 1111"; the raw line holds "4111=201111..." or
// "4111_1111...", which no pattern reads.
func TestRTDLP4QPEncodedWordInHeader(t *testing.T) {
	for name, subject := range map[string]string{
		"=20 for spaces": "=?UTF-8?Q?Card=204111=201111=201111=201111?=",
		"_ for spaces":   "=?iso-8859-1?q?Card_4111_1111_1111_1111?=",
		"SSN, =2D":       "=?UTF-8?Q?SSN_123=2D45=2D6789?=",
	} {
		text := "From: a@example.com\nTo: b@example.com\nSubject: " + subject + "\nMIME-Version: 1.0\nContent-Type: text/plain\n\nSee subject.\n"
		rule := DetectorCardNumber
		if strings.HasPrefix(name, "SSN") {
			rule = DetectorUSSSN
		}
		t.Run(name, func(t *testing.T) {
			if ok, hits := rtd4QPFound(t, text, rule); !ok {
				t.Fatalf("%s: a value in a Q-encoded header word passes (hits %+v)", name, hits)
			}
		})
	}
}

// Coverage (passes): an invisible format character written as a QP escape
// inside a key (=C2=AD soft hyphen, =E2=80=8B zero-width space) is dropped
// from the decoded text as from the raw.
func TestRTDLP4QPEscapedFormatCharInKey(t *testing.T) {
	for _, esc := range []string{"=C2=AD", "=E2=80=8B"} {
		text := rtd4QPHeader("text/plain; charset=utf-8") + "key " + qpKey[:14] + esc + qpKey[14:] + "\n"
		if ok, hits := rtd4QPFound(t, text, ruleOpenAIPrefixedKey); !ok {
			t.Errorf("key with %s inside: not found (hits %+v)", esc, hits)
		}
	}
}
