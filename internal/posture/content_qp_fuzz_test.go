package posture

import (
	"io"
	"mime/quotedprintable"
	"slices"
	"strings"
	"testing"
	"time"
)

// decodeQPLenient is the fallback for what the standard reader refuses; on
// everything the standard reader accepts it must decode the same, or a
// logical line would read differently depending on a byte elsewhere in it.
func FuzzQPLenientMatchesStandard(f *testing.F) {
	for _, s := range []string{
		"abc\n", "a=3Db\n", "a=3db\n", "soft=\nbreak\n", "soft=\r\nbreak\r\n", "trail  \t\n", "=\n",
		"x=ZZ y\n", "=4\n", "a==\n", "=\r\r\n", "x=  \nnext\n", "caf=C3=A9\n", "a\rb\n", "\x01\n", "=0A=0D\n",
		"4111 1111 11=\n11 1111\n", "ends with =", "=A=\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
		if err != nil {
			return
		}
		if got := decodeQPLenient(s); got != string(want) {
			t.Fatalf("decodeQPLenient(%q) = %q, the standard reader gives %q", s, got, want)
		}
	})
}

// Decoding is linear: the decoded text of any input (made valid UTF-8 as
// scanContent makes it) is at most decodedBound times as long as the
// input, has as many line numbers as lines, and every line number is one
// of the input's.
func FuzzQPDecodedIsBounded(f *testing.F) {
	f.Add(qpMultipart)
	f.Add("Content-Transfer-Encoding: quoted-printable\n\na=3D=\nb\n")
	f.Add("Content-Type: multipart/mixed; boundary=x\nContent-Transfer-Encoding: quoted-printable\n\n=0A=0A=0A=\n--x\n")
	f.Add("Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: quoted-printable\n\n=FF=FEa=00=0A=00=\n=D8=00=96\n")
	f.Add("Content-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: quoted-printable\n\n=82=50=81\xc3\xa9=\n=1B$B\n")
	f.Add("Content-Type: text/plain; charset=iso-2022-jp\nContent-Transfer-Encoding: quoted-printable\n\n=1B$B#1#2=1B(B\n")
	f.Add("Content-Transfer-Encoding: quoted-printable\r\ra=\rb=3D\r\r\nc=\r\n")
	f.Add("Content-Disposition: a; x*=utf-16''%FF%FE%96%00; y*0*=shift_jis'j'%82%50%C3%A9; y*1=\"\xc3\xa9\"\n =?b?B?lpaW?=\n")
	f.Add("Subject: =?gb18030?B?gTCBMIEwgTA=?= =?koi8-r?Q?=C1=C2?=\n")
	f.Add("Subject: =?windows-1252?B?lpaWlpaWlpaWlpaW?= =?utf-16?Q?=FF=FE=00=D8?=\n =?x?q?=96=96_?=\n")
	f.Fuzz(func(t *testing.T, s string) {
		s = stripFormatChars(s)
		lines := strings.Split(s, "\n")
		d := decodeMIME(lines)
		if len(d.text) > decodedBound*len(s)+1 {
			t.Fatalf("decoded %d bytes from %d", len(d.text), len(s))
		}
		if d.text != "" && len(d.lines) != strings.Count(d.text, "\n")+1 {
			t.Fatalf("%d line numbers for %d lines", len(d.lines), strings.Count(d.text, "\n")+1)
		}
		for _, n := range d.lines {
			if n < 1 || n > len(lines) {
				t.Fatalf("line number %d of %d lines", n, len(lines))
			}
		}
	})
}

// What is decoded and what is not: bodies end at a delimiter line of a
// boundary declared before, a 7bit body is not decoded, a logical line
// without "=" is left out, and each decoded line names the raw line its
// logical line starts on.
func TestQPDecodedBodies(t *testing.T) {
	text := strings.Join([]string{
		"Content-Type: multipart/mixed;",  // 1
		` boundary="b=1"`,                 // 2
		"",                                // 3
		"--b=1",                           // 4
		"Content-Transfer-Encoding: 7bit", // 5
		"",                                // 6
		"seven=3Dbit=",                    // 7
		"--b=1",                           // 8
		"Content-Type: text/plain",        // 9
		"Content-Transfer-Encoding: quoted-printable (comment)", // 10
		"",             // 11
		"plain line",   // 12
		"a=3Db=",       // 13
		"c",            // 14
		"x=0Ay\r",      // 15
		"--b=1--",      // 16
		"epilogue=3D1", // 17
	}, "\n")
	d := decodeMIME(strings.Split(text, "\n"))
	if want := "plain line\na=bc\nx\ny"; d.text != want {
		t.Fatalf("decoded %q, want %q", d.text, want)
	}
	if want := []int{12, 13, 15, 15}; !slices.Equal(d.lines, want) {
		t.Fatalf("line numbers %v, want %v", d.lines, want)
	}
}

// Reading header blocks is linear too: folded lines are appended to a
// field at most up to maxMIMEFieldBytes, without copying the field again
// for each (many fields each folded over thousands of short lines).
func TestQPHeaderFoldingIsLinear(t *testing.T) {
	block := "Content-Type: multipart/mixed;" + strings.Repeat("\n x", 9000) + "\n"
	text := strings.Repeat(block, 600) + "\n"
	start := time.Now()
	decodeMIME(strings.Split(text, "\n"))
	if el := time.Since(start); el > 1500*time.Millisecond*timeScale {
		t.Fatalf("reading %d bytes of folded header lines took %v", len(text), el)
	}
}
