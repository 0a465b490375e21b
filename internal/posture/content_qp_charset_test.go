package posture

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
)

// A UTF-16 body is read as one stream: a line end written as a hard break
// (the LF byte of "\n\x00" in UTF-16LE) leaves the NUL after it on the
// next raw line, and the text after it is still read in step.
func TestQPUTF16AcrossHardBreak(t *testing.T) {
	enc := func(s string) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			b.WriteByte(c)
			b.WriteString("=00")
		}
		return b.String()
	}
	body := enc("Hello") + "\n=00" + enc("SSN 123-45-6789") + "\n"
	if _, ok := qpHit(t, rtd4QPHeader("text/plain; charset=utf-16le"), DetectorUSSSN); ok {
		t.Fatal("control: a hit without the body")
	}
	h, ok := qpHit(t, rtd4QPHeader("text/plain; charset=utf-16le")+body, DetectorUSSSN)
	if !ok {
		t.Fatal("the UTF-16 SSN after a hard line break passes")
	}
	if h.Line != 9 {
		t.Errorf("SSN at line %d, want 9", h.Line)
	}
	// "utf-16" with a byte order mark, big-endian.
	var b strings.Builder
	for _, c := range []byte("SSN 123-45-6789") {
		b.WriteString("=00")
		b.WriteByte(c)
	}
	be := "=FE=FF" + b.String()
	if _, ok := qpHit(t, rtd4QPHeader("text/plain; charset=UTF-16")+be+"\n", DetectorUSSSN); !ok {
		t.Fatal("the big-endian UTF-16 SSN after a byte order mark passes")
	}
}

// Bytes that are not UTF-8 read as Windows-1252 (em dash =97 too), and
// valid UTF-8 stays UTF-8 (=C2=A0 is one no-break space).
func TestQPWindows1252Bytes(t *testing.T) {
	for name, body := range map[string]string{
		"em dashes":            "SSN 123=9745=976789\n",
		"UTF-8 no-break space": "Card 4111=C2=A01111=C2=A01111=C2=A01111\n",
	} {
		rule := DetectorUSSSN
		if strings.HasPrefix(body, "Card") {
			rule = DetectorCardNumber
		}
		if _, ok := qpHit(t, rtd4QPHeader("text/plain; charset=iso-8859-1")+body, rule); !ok {
			t.Errorf("%s: not found", name)
		}
	}
	if got := textFromBytes([]byte{'a', 0x96, 0xC3, 0xA9, 0x81, 0xA0}); got != "a\u2013é\u0081\u00a0" {
		t.Errorf("textFromBytes = %q", got)
	}
}

// qpEscapeAll writes every byte of b as a =XX escape, wrapped with soft
// breaks as encoders wrap.
func qpEscapeAll(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 && i%24 == 0 {
			s.WriteString("=\n")
		}
		fmt.Fprintf(&s, "=%02X", c)
	}
	return s.String()
}

// A body in a legacy multi-byte charset writes full-width digits and
// dashes ("１２３－４５－６７８９", which the detectors read) as bytes
// that are not UTF-8: it is also read in its charset. So is an encoded
// word.
func TestQPLegacyCharsetFullWidth(t *testing.T) {
	ssn, card := "SSN １２３－４５－６７８９", "Card ４１１１ １１１１ １１１１ １１１１"
	for _, c := range []struct {
		charset, value, rule string
	}{
		{"shift_jis", ssn, DetectorUSSSN},
		{"Shift-JIS", card, DetectorCardNumber},
		{"gbk", ssn, DetectorUSSSN},
		{"big5", card, DetectorCardNumber},
		{"euc-kr", ssn, DetectorUSSSN},
		{"euc-jp", card, DetectorCardNumber},
	} {
		enc, err := htmlindex.Get(c.charset)
		if err != nil {
			t.Fatal(err)
		}
		b, err := enc.NewEncoder().Bytes([]byte(c.value))
		if err != nil {
			t.Fatalf("%s: %v", c.charset, err)
		}
		if _, ok := qpHit(t, rtd4QPHeader("text/plain; charset="+c.charset)+qpEscapeAll(b)+"\n", c.rule); !ok {
			t.Errorf("%s body: the full-width value passes", c.charset)
		}
		word := "=?" + c.charset + "?B?" + base64.StdEncoding.EncodeToString(b) + "?="
		if _, ok := qpHit(t, "From: a@example.com\nSubject: "+word+"\n\nhi\n", c.rule); !ok {
			t.Errorf("%s encoded word: the full-width value passes", c.charset)
		}
	}
}

// UTF-32 bodies are read like UTF-16 ones, across a hard break too.
func TestQPUTF32Body(t *testing.T) {
	for _, c := range []struct{ charset, bom string }{{"utf-32le", ""}, {"UTF-32", "=FF=FE=00=00"}, {"utf-32be", ""}} {
		be := strings.HasSuffix(c.charset, "be")
		enc := func(s string) string {
			var b strings.Builder
			for _, ch := range []byte(s) {
				if be {
					fmt.Fprintf(&b, "=00=00=00%c", ch)
				} else {
					fmt.Fprintf(&b, "%c=00=00=00", ch)
				}
			}
			return b.String()
		}
		body := c.bom + enc("Hello")
		if be {
			body += "=00=00=00\n" + enc("SSN 123-45-6789") + "\n"
		} else {
			body += "\n=00=00=00" + enc("SSN 123-45-6789") + "\n"
		}
		if _, ok := qpHit(t, rtd4QPHeader("text/plain; charset="+c.charset)+body, DetectorUSSSN); !ok {
			t.Errorf("%s: the SSN passes", c.charset)
		}
	}
}
