package posture

import (
	"strings"
	"testing"
	"time"
)

// The walk follows boundaries as a reader does (content_qp_walk.go): a
// boundary a reader does not honour never ends a quoted-printable body.

// qpSSNAfterFakeDelimiter is a quoted-printable part's body holding a
// "--zz" line (text to a reader) and then a soft-broken SSN.
const qpSSNAfterFakeDelimiter = "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nquoting:\n--zz\nSSN 123-4=\n5-6789\n"

// Header-like lines in a 7-bit sibling part declare a boundary: text to a
// reader, so a later quoted-printable part does not end at it.
func TestQPBoundaryDeclaredInSiblingTextPart(t *testing.T) {
	text := "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nNotes:\nContent-Type: multipart/mixed; boundary=zz\n\nend of notes\n--outer\n" +
		qpSSNAfterFakeDelimiter + "--outer--\n"
	if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
		t.Fatal("a boundary declared inside a 7-bit sibling part ends the quoted-printable part: the soft-broken SSN passes")
	}
}

// An mbox "From " line in a 7-bit part, then a header block declaring a
// boundary: a reader of the message sees text; the parts after the next
// real delimiter do not end at the fake boundary.
func TestQPBoundaryAfterFromLineInTextPart(t *testing.T) {
	text := "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: text/plain\n\nquoted mbox:\n\nFrom x@example.com Mon Jan  5 10:00:00 2026\nContent-Type: multipart/mixed; boundary=zz\n\n--outer\n" +
		qpSSNAfterFakeDelimiter + "--outer--\n"
	if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
		t.Fatal("a boundary declared after a From line in a 7-bit part ends a later quoted-printable part: the soft-broken SSN passes")
	}
}

// A nested multipart closed by its closing delimiter: its boundary is no
// longer in effect, so a later part of the outer message holding "--zz"
// runs on.
func TestQPClosedInnerBoundaryForgotten(t *testing.T) {
	text := "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/alternative; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nhi\n--zz--\n--outer\n" +
		qpSSNAfterFakeDelimiter + "--outer--\n"
	if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
		t.Fatal("the boundary of a closed inner multipart ends a later quoted-printable part: the soft-broken SSN passes")
	}
	// Control: the real delimiters still end the parts (a 7-bit part after
	// the quoted-printable one is not joined at its "=").
	seven := strings.Replace(text, "--outer--\n", "--outer\nContent-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nFOO=4111 1111 11=\n11 1111\n--outer--\n", 1)
	if h, ok := qpHit(t, seven, DetectorCardNumber); ok {
		t.Fatalf("a 7-bit part after the quoted-printable one was decoded: %+v", h)
	}
}

// A header block inside an open quoted-printable body that declares
// another charset only adds a reading: ASCII after it is still read as
// bytes.
func TestQPCharsetSwitchInsideBodyOnlyAdds(t *testing.T) {
	text := rtd4QPHeader("text/plain; charset=utf-8") + "Notes:\nContent-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: quoted-printable\n\nSSN 123-4=\n5-6789\n"
	if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
		t.Fatal("a UTF-16 charset declared inside a quoted-printable body hides the ASCII SSN after it")
	}
}

// In an mbox whose first message's quoted-printable body is still open,
// the next message's UTF-16 charset is honoured from its header block on.
func TestQPMboxNextMessageUTF16(t *testing.T) {
	var b strings.Builder
	for _, c := range []byte("SSN 123-45-6789") {
		b.WriteByte(c)
		b.WriteString("=00")
	}
	text := "From a@example.com Mon Jan  5 10:00:00 2026\n" + rtd4QPHeader("text/plain; charset=utf-8") + "first=\n message\n\n" +
		"From b@example.com Mon Jan  5 11:00:00 2026\n" + rtd4QPHeader("text/plain; charset=utf-16le") + b.String() + "\n"
	if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
		t.Fatal("the UTF-16 SSN of the second mbox message passes")
	}
}

// A Content-Transfer-Encoding value with a comment before it is still
// quoted-printable.
func TestQPEncodingWithComments(t *testing.T) {
	for _, cte := range []string{"(mailer) quoted-printable", "quoted-printable (x(y)z)", `"quoted-printable"; x=1`} {
		text := "Content-Type: text/plain\nContent-Transfer-Encoding: " + cte + "\n\nSSN 123-4=\n5-6789\n"
		if _, ok := qpHit(t, text, DetectorUSSSN); !ok {
			t.Errorf("%q: body not decoded", cte)
		}
	}
}

// A lone CR ends a line for lenient readers: a message saved with CR line
// ends, and a soft break "=\r" inside an LF body.
func TestQPLoneCRLineEnds(t *testing.T) {
	for name, c := range map[string]struct {
		text string
		line int
	}{
		"CR line ends":       {strings.ReplaceAll(rtd4QPHeader("text/plain")+"Hello,\nSSN 123-4=\n5-6789\n", "\n", "\r"), 1},
		"=\\r in an LF body": {rtd4QPHeader("text/plain") + "Hello,\nSSN 123-4=\r5-6789\n", 9},
	} {
		h, ok := qpHit(t, c.text, DetectorUSSSN)
		if !ok {
			t.Errorf("%s: the SSN split by a soft break passes", name)
		} else if h.Line != c.line {
			t.Errorf("%s: SSN at line %d, want %d", name, h.Line, c.line)
		}
	}
}

// The walk, the charsets and the encoded words stay linear on shapes made
// to stress them: many mbox separators and delimiter lines (the boundary
// stack), nested header blocks switching charsets inside an open body,
// unterminated encoded words on folded lines, and lone CRs.
func TestQPStressShapesLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("Content-Type: multipart/mixed; boundary=b0\n\n")
	for i := 0; i < 15000; i++ {
		b.WriteString("--b0\nContent-Type: multipart/mixed; boundary=b1\n\nFrom x@example.com Mon Jan  5 10:00:00 2026\nContent-Type: multipart/mixed; boundary=b2\n\n--b2\n")
	}
	b.WriteString("--b0\nContent-Type: text/plain; charset=utf-16le\nContent-Transfer-Encoding: quoted-printable\n\n")
	for i := 0; i < 10000; i++ {
		b.WriteString("Content-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: quoted-printable\n\n=82=50\nContent-Type: text/plain; charset=utf-32\nContent-Transfer-Encoding: quoted-printable\n\n")
	}
	b.WriteString("Subject: " + strings.Repeat("=?utf-8?q?x", 50000) + "\n" + strings.Repeat(" =?a?b?\n", 25000))
	b.WriteString(strings.Repeat("a=\r", 100000) + "\nSSN 123-4=\n5-6789\n")
	start := time.Now()
	_, ok := qpHit(t, b.String(), DetectorUSSSN)
	if el := time.Since(start); el > 30*time.Second*timeScale {
		t.Errorf("scan of %d bytes took %v", b.Len(), el)
	}
	if !ok {
		t.Error("the SSN at the end is not found")
	}
}
