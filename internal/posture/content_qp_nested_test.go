package posture

import (
	"encoding/base64"
	"strings"
	"testing"
)

// A base64 body three levels deep (a mail in base64, whose part is a mail
// in base64, whose part is base64) is not decoded: the scan says so.
func TestNestedBase64ThirdLevelIncomplete(t *testing.T) {
	enc := func(s string) string { return rt5Wrap(base64.StdEncoding.EncodeToString([]byte(s))) }
	level3 := "From: c@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + enc("Hello, nothing sensitive at all in here, really.\n")
	level2 := "From: b@example.com\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + enc(level3)
	text := "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + enc(level2) + "--zz--\n"
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range v.Hits {
		if h.Rule == scanIncompleteRule {
			return
		}
	}
	t.Fatalf("a third level of base64 is neither decoded nor reported: hits %v", v.Hits)
}

// A long encoding is cut into pieces that each decode on their own and
// overlap; a short one is one piece.
func TestBase64Pieces(t *testing.T) {
	if p := base64Pieces("QUJD"); len(p) != 1 {
		t.Fatalf("short: %d pieces", len(p))
	}
	plain := strings.Repeat("0123456789abcdef", (maxBase64Decoded*2)/16)
	enc := base64.RawStdEncoding.EncodeToString([]byte(plain))
	pieces := base64Pieces(enc)
	if len(pieces) < 3 {
		t.Fatalf("%d pieces for %d bytes", len(pieces), len(plain))
	}
	var total int
	for i, p := range pieces {
		d, ok := decodeBase64Text(p)
		if !ok || len(d) > maxBase64Decoded {
			t.Fatalf("piece %d: decoded %d bytes, ok %v", i, len(d), ok)
		}
		total += len(d)
	}
	if total < len(plain) {
		t.Fatalf("pieces decode to %d bytes of %d", total, len(plain))
	}
}

// A charset parameter name that ends a folded line past the field bound,
// its value on the next line, is still read.
func TestContentTypeOverflowNameSplitAcrossLines(t *testing.T) {
	head := "Content-Type: text/plain;" + strings.Repeat("\n x-note"+strings.Repeat("a", 60)+"=b;", 160)
	lines := strings.Split(head+"\n charset\n =utf-16le\nContent-Transfer-Encoding: quoted-printable\n\nx\n", "\n")
	h := readMIMEHeader(lines, 0, func(string) bool { return false })
	if h.charset != "utf-16le" {
		t.Fatalf("charset %q", h.charset)
	}
}

// Decoded text past maxDecodedMIMEBytes is not decoded: the scan says so
// (what was decoded before is still scanned).
func TestDecodedMIMECapIncomplete(t *testing.T) {
	old := maxDecodedMIMEBytes
	maxDecodedMIMEBytes = 64 << 10
	defer func() { maxDecodedMIMEBytes = old }()
	body := "SSN 123-4=\n5-6789 on file\n" + strings.Repeat("filler =C3=A9 text, nothing here at all\n", 4000) + "SSN 987-6=\n5-4321 on file\n"
	text := "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n" + body
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	var ssn, incomplete bool
	for _, h := range v.Hits {
		ssn = ssn || h.Rule == DetectorUSSSN
		incomplete = incomplete || h.Rule == scanIncompleteRule
	}
	if !ssn || !incomplete {
		t.Fatalf("SSN before the cap found %v, scan reported incomplete %v: hits %v", ssn, incomplete, v.Hits)
	}
}
