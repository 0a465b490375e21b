package posture

import (
	"encoding/base64"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Red team 5 (rtdlp5): a last pass over the MIME decoding of the content
// scan (content_qp*.go and scanContent). Each test asserts the safe
// behaviour (the value found, or the scan reported incomplete); every
// attack here is fixed, so each test fails if it works again.

// rt5Found scans text with every detector: whether rule was found (a scan
// reported incomplete counts: never a pass), and the rules hit.
func rt5Found(t *testing.T, text, rule string) (bool, []string) {
	t.Helper()
	v, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, h := range v.Hits {
		if h.Rule == rule || h.Rule == scanIncompleteRule {
			return true, nil
		}
		rules = append(rules, h.Rule)
	}
	return false, rules
}

// A header with two Content-Type fields: readers take the first (Go's
// textproto.MIMEHeader.Get, Python's Message.get), here text/plain, so
// the body is one quoted-printable text in which "--zz" is a line of
// text. The walk takes a boundary from any multipart Content-Type of the
// block, ends the body at "--zz" and reads what follows as a part's
// header: the SSN split by a soft break after it is decoded nowhere.
func TestRTDLP5QPSecondContentTypeBoundary(t *testing.T) {
	body := "Hello,\n--zz\nSSN 123-4=\n5-6789 on file\n"
	head := "From: a@example.com\nSubject: x\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
	control := head + "Content-Transfer-Encoding: quoted-printable\n\n" + body
	if ok, rules := rt5Found(t, control, DetectorUSSSN); !ok {
		t.Fatalf("control: the soft-broken SSN is not found (hits %v)", rules)
	}
	text := head + "Content-Type: multipart/mixed; boundary=zz\nContent-Transfer-Encoding: quoted-printable\n\n" + body
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a second Content-Type field (multipart, which readers ignore: the first wins) ends the quoted-printable body at its boundary: the soft-broken SSN after it passes (hits %v)", rules)
	}
}

// A field name followed by white space before the colon is not a header
// field to Python's email package (its header pattern allows no space
// there): the line ends the header block and is the first line of the
// quoted-printable body. The walk reads it as a field and honours its
// boundary, ending the body early.
func TestRTDLP5QPSpaceBeforeColonBoundary(t *testing.T) {
	text := "From: a@example.com\nSubject: x\nMIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\n" +
		"Content-Type : multipart/mixed; boundary=zz\n\nHello,\n--zz\nSSN 123-4=\n5-6789 on file\n"
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a 'Content-Type :' line (white space before the colon: body text to Python's reader) declares a boundary that ends the quoted-printable body: the soft-broken SSN passes (hits %v)", rules)
	}
}

// rt5Wrap wraps s at 76 characters, as MIME writes base64.
func rt5Wrap(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return b.String() + s + "\n"
}

// A base64 body is decoded only up to maxBase64Decoded (256 KiB) and the
// lines past that are dropped without a word: an attachment (a forwarded
// .eml, a text file) whose value comes after 256 KiB of ordinary text is
// decoded nowhere, and the scan is not reported incomplete.
func TestRTDLP5Base64BodyPastDecodeBound(t *testing.T) {
	filler := strings.Repeat("Minutes of the weekly meeting, nothing to report here.\n", 300<<10/56)
	for name, payload := range map[string]string{
		"plain SSN":                    "SSN 123-45-6789 on file\n",
		"quoted-printable inner mail":  "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nSSN 123-4=\n5-6789 on file\n",
		"encoded word in inner header": "Subject: =?utf-8?Q?SSN_123-45-6789?=\n",
	} {
		t.Run(name, func(t *testing.T) {
			head := "From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
			short := head + rt5Wrap(base64.StdEncoding.EncodeToString([]byte("hello\n"+payload))) + "--zz--\n"
			if ok, rules := rt5Found(t, short, DetectorUSSSN); !ok {
				t.Fatalf("control: the SSN in a short base64 body is not found (hits %v)", rules)
			}
			text := head + rt5Wrap(base64.StdEncoding.EncodeToString([]byte(filler+payload))) + "--zz--\n"
			if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
				t.Fatalf("an SSN after %d KiB of text in a base64 body is past the decode bound and the scan is not reported incomplete (hits %v)", len(filler)>>10, rules)
			}
		})
	}
}

// decodedBound promises the decoded text is at most 10 times the raw:
// one line read as a quoted-printable body's bytes and again in its
// single-byte charset (Thai: every byte three bytes of UTF-8), as an
// RFC 2231 parameter in that charset and as an encoded word in it, the
// encoded word inside the parameter's value, is read four times over,
// three of them at three times its length.
func TestRTDLP5DecodedBoundStacksReadings(t *testing.T) {
	word := strings.Repeat("\u00e9", 2000) // two bytes each, 0xC3 0xA9: two Thai letters
	text := "Content-Type: text/plain; charset=windows-874\nContent-Transfer-Encoding: quoted-printable\n\n" +
		"x*=windows-874''=?windows-874?Q?" + word + "?=\n"
	d := decodeMIME(strings.Split(text, "\n"))
	if len(d.text) > decodedBound*len(text) {
		t.Fatalf("decoded %d bytes from %d (%.1fx), over decodedBound (%d)", len(d.text), len(text), float64(len(d.text))/float64(len(text)), decodedBound)
	}
}

// rt5UTF16LEQP is s in UTF-16LE, written as quoted-printable (every byte
// escaped, soft breaks every 72 characters).
func rt5UTF16LEQP(s string) string {
	const digits = "0123456789ABCDEF"
	var b strings.Builder
	n := 0
	for _, c := range []byte(s) {
		for _, x := range []byte{c, 0} {
			if n >= 72 {
				b.WriteString("=\n")
				n = 0
			}
			b.WriteString(string([]byte{'=', digits[x>>4], digits[x&15]}))
			n += 3
		}
	}
	return b.String() + "\n"
}

// Only the first maxMIMEFieldBytes (8 KiB) of a Content-Type are read: a
// charset parameter after a long one (a file name, folded over lines as
// RFC 5322 allows) is not seen, and a UTF-16 body is read only as bytes,
// where every character is followed by a NUL. A reader reads the whole
// field and shows the text.
func TestRTDLP5QPCharsetPastFieldBound(t *testing.T) {
	body := rt5UTF16LEQP("Patient SSN 123-45-6789 on file\n")
	head := "From: a@example.com\nMIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;"
	control := head + " charset=utf-16le\n\n" + body
	if ok, rules := rt5Found(t, control, DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in a UTF-16 body is not found (hits %v)", rules)
	}
	var pad strings.Builder
	for range 160 {
		pad.WriteString("\n x-note" + strings.Repeat("a", 60) + "=b;")
	}
	text := head + pad.String() + "\n charset=utf-16le\n\n" + body
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a charset parameter after %d bytes of a folded Content-Type is not read: the UTF-16 body's SSN passes (hits %v)", pad.Len(), rules)
	}
}

// Encoded words on consecutive folded lines are joined by a reader (the
// white space between adjacent words is dropped, RFC 2047 6.2). A field
// is unfolded at most maxEncodedWordUnit (8 KiB) at a time: with about
// 8 KiB of folded lines before them, two words that a reader joins into
// one SSN could be decoded on two lines, half of it each. Every place of
// the unit's end around the words is tried.
func TestRTDLP5EncodedWordsSplitAtUnitBound(t *testing.T) {
	words := "\n =?utf-8?Q?SSN_123-45?=\n =?utf-8?Q?-6789_on_file?=\n"
	control := "From: a@example.com\nSubject: notes" + words + "\nhello\n"
	if ok, rules := rt5Found(t, control, DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in adjacent encoded words is not found (hits %v)", rules)
	}
	var pad strings.Builder
	for pad.Len() < maxEncodedWordUnit-200 {
		pad.WriteString("\n " + strings.Repeat("w", 70))
	}
	for k := range 400 {
		text := "From: a@example.com\nSubject: notes" + pad.String() + "\n " + strings.Repeat("v", k+1) + words + "\nhello\n"
		if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
			t.Fatalf("with %d bytes of folded Subject lines before them, two adjacent encoded words are decoded apart: the SSN they make passes (hits %v)", pad.Len()+k+2, rules)
		}
	}
}

// rt5PeakHeap scans text and returns the most heap in use above what was
// in use before, sampled every few milliseconds (a sample misses short
// peaks: the figure is at most the true peak).
func rt5PeakHeap(t *testing.T, text string) uint64 {
	t.Helper()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop, stopped := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base.HeapAlloc && m.HeapAlloc-base.HeapAlloc > peak {
				peak = m.HeapAlloc - base.HeapAlloc
			}
			select {
			case <-stop:
				stopped <- peak
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	if _, err := ScanContent(text, ContentSelection{Detectors: ContentDetectorNames()}); err != nil {
		t.Fatal(err)
	}
	close(stop)
	return <-stopped
}

// The decoded text is at most 10 times the raw, but every decoded line
// also costs a line number (8 bytes) and, when scanned, a string header
// (16 bytes), and the text is split and copied again for each pass. A
// quoted-printable body in a single-byte charset made of short lines of
// accented letters, each line also an RFC 2231 parameter holding an
// encoded word, holds the scan's heap near 100 times the raw text (plain
// text of the same size: about 10 times); at the 32 MiB text cap that is
// about 3 GiB. The bound asserted is generous: 48 times.
func TestRTDLP5DecodedReadingsHeapPerRawByte(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a few hundred MiB")
	}
	const size = 2 << 20
	head := "Content-Type: text/plain; charset=windows-874\nContent-Transfer-Encoding: quoted-printable\n\n"
	line := "x*=windows-874''=?windows-874?Q?" + strings.Repeat("\u00e9", 40) + "?=\n"
	text := head + strings.Repeat(line, size/len(line))
	plain := rt5PeakHeap(t, strings.Repeat("hello world, nothing here\n", len(text)/26))
	peak := rt5PeakHeap(t, text)
	t.Logf("heap per raw byte: %.1f (plain text: %.1f)", float64(peak)/float64(len(text)), float64(plain)/float64(len(text)))
	if peak > 48*uint64(len(text)) {
		t.Fatalf("scanning %d KiB of quoted-printable text held %d MiB of heap (%.0f times the raw; plain text of that size: %.0f times)",
			len(text)>>10, peak>>20, float64(peak)/float64(len(text)), float64(plain)/float64(len(text)))
	}
}

// A message attached in base64 (a forwarded .eml) is decoded as MIME
// only when it holds a quoted-printable body or an encoded word
// (innerMIMEMarker); an RFC 2231 parameter (a file name percent-encoded,
// which a reader shows decoded) is not a marker, so the inner message's
// parameters are never decoded.
func TestRTDLP5InnerMessageExtendedParamOnly(t *testing.T) {
	inner := "From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain\nContent-Disposition: attachment; filename*=utf-8''SSN%20123%2D45%2D6789.txt\n\nsee attached\n"
	if ok, rules := rt5Found(t, inner, DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in a percent-encoded file name is not found (hits %v)", rules)
	}
	text := "From: b@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" +
		rt5Wrap(base64.StdEncoding.EncodeToString([]byte(inner))) + "--zz--\n"
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a message in base64 whose only encoding is an RFC 2231 parameter is not decoded as MIME: the SSN in its file name passes (hits %v)", rules)
	}
}

// rt5Key is an obviously fake OpenAI project key.
const rt5Key = "sk-" + "proj-" + "TESTONLYfake0123456789abcdRT5x"

// The messages in base64 runs are decoded for the secret rules only up
// to maxInnerMIMEBytes (16 MiB) of decoded text; the runs after it are
// read for personal data only, and the scan is not reported incomplete.
// A few runs whose inner messages decode to much text (a single-byte
// charset's readings) fill the bound, and a key split by a soft break in
// the next run's message passes.
func TestRTDLP5InnerMessageSecretPastBound(t *testing.T) {
	if testing.Short() {
		t.Skip("scans a few MiB")
	}
	keyMsg := "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nkey: " + rt5Key[:20] + "=\n" + rt5Key[20:] + "\n"
	block := func(s string) string { return rt5Wrap(base64.StdEncoding.EncodeToString([]byte(s))) + "\n" }
	if ok, rules := rt5Found(t, "note\n\n"+block(keyMsg), "openai-prefixed-api-key"); !ok {
		t.Fatalf("control: the soft-broken key in a message in base64 is not found (hits %v)", rules)
	}
	head := "Content-Type: text/plain; charset=windows-874\nContent-Transfer-Encoding: quoted-printable\n\n"
	line := "x*=windows-874''=?windows-874?Q?" + strings.Repeat("\u00e9", 40) + "?=\n"
	big := head + strings.Repeat(line, (250<<10)/len(line))
	var text strings.Builder
	text.WriteString("note\n\n")
	for range 12 {
		text.WriteString(block(big))
	}
	text.WriteString(block(keyMsg))
	if ok, rules := rt5Found(t, text.String(), "openai-prefixed-api-key"); !ok {
		t.Fatalf("a soft-broken key in a message in base64 after %d MiB of other such messages is not read by the secret rules, and the scan is complete (hits %v)", text.Len()>>20, rules)
	}
}

// The charset parameter in RFC 2231 form (charset*= with an empty
// charset and language before utf-16le, or a charset Go's mime package
// does not decode) is read by Python's email package
// (get_content_charset), which then shows a UTF-16 body as text.
// mime.ParseMediaType drops such a parameter and the fallback pattern
// reads no "charset*": the body is read only as bytes, every character
// followed by a NUL.
func TestRTDLP5QPCharsetRFC2231(t *testing.T) {
	body := rt5UTF16LEQP("Patient SSN 123-45-6789 on file\n")
	head := "From: a@example.com\nMIME-Version: 1.0\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain; "
	for _, param := range []string{`charset*=''utf-16le`, `charset*=iso-8859-1''utf-16le`, `charset*0*=''utf-16; charset*1=le`} {
		t.Run(param, func(t *testing.T) {
			if ok, rules := rt5Found(t, head+param+"\n\n"+body, DetectorUSSSN); !ok {
				t.Fatalf("a charset written as an RFC 2231 parameter (%s) is not read: the UTF-16 body's SSN passes (hits %v)", param, rules)
			}
		})
	}
}

// A base64 encoded word folded in its middle: unfolded, its text holds
// white space, which Python's decode_header (binascii.a2b_base64 skips
// it) and lenient readers ignore; the walk's base64 decoder refuses the
// word and keeps it encoded, so the SSN it shows is decoded nowhere.
func TestRTDLP5EncodedWordFoldedInside(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString([]byte("SSN 123-45-6789 on file"))
	control := "From: a@example.com\nSubject: =?utf-8?B?" + enc + "?=\n\nhello\n"
	if ok, rules := rt5Found(t, control, DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in a base64 encoded word is not found (hits %v)", rules)
	}
	text := "From: a@example.com\nSubject: =?utf-8?B?" + enc[:10] + "\n " + enc[10:] + "?=\n\nhello\n"
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a base64 encoded word folded inside its text is kept encoded: the SSN it shows passes (hits %v)", rules)
	}
}

// A mail forwarded as an attachment (an .eml in base64) whose own text
// part is base64 too: the content scan decodes one level of base64 (the
// forwarded mail's text), not the base64 part inside it, and the scan is
// complete. A reader opens the attachment and shows the part.
func TestRTDLP5Base64MessageWithBase64Part(t *testing.T) {
	inner := "From: a@example.com\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" +
		rt5Wrap(base64.StdEncoding.EncodeToString([]byte("Hello,\nPatient SSN 123-45-6789 on file\n")))
	if ok, rules := rt5Found(t, inner, DetectorUSSSN); !ok {
		t.Fatalf("control: the SSN in a base64 part is not found (hits %v)", rules)
	}
	text := "From: b@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nsee the forwarded mail\n--zz\n" +
		"Content-Type: application/octet-stream; name=fwd.eml\nContent-Transfer-Encoding: base64\n\n" +
		rt5Wrap(base64.StdEncoding.EncodeToString([]byte(inner))) + "--zz--\n"
	if ok, rules := rt5Found(t, text, DetectorUSSSN); !ok {
		t.Fatalf("a base64 part inside a mail attached in base64 is not decoded and the scan is complete: its SSN passes (hits %v)", rules)
	}
}
