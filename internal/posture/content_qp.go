package posture

import (
	"bufio"
	"bytes"
	"mime/quotedprintable"
	"strings"
)

// Quoted-printable MIME bodies (a saved .eml, a message pasted into a
// text file) wrap lines longer than 76 characters with a soft line break,
// "=" at the end of a line, and write some characters as =XX escapes. A
// mail reader joins the lines and undoes the escapes, so a card number, an
// SSN or a key split by a soft break (or written with =2D for its dashes)
// is whole on screen and in no raw line. The content detectors read these
// bodies decoded as well as raw (scanContent): decoding adds what the
// reader shows, it never replaces the raw scan, so a body mislabelled
// quoted-printable hides nothing the raw text shows.
//
// The bodies are found by walking the text's lines once, not by parsing
// the message as a tree (net/mail, mime/multipart): the walk also finds a
// message after other text (a pasted reply, an mbox file, a forwarded
// message inline), keeps every line's number, and needs no bound on
// nesting. Every header block (a run of header field lines, folded lines
// included, ended by an empty line or by the first line that is not a
// field) is read for its Content-Type and Content-Transfer-Encoding; a
// body declared quoted-printable runs from its header block to a
// delimiter line of a boundary in effect, or to the end of the text
// (content_qp_walk.go says which boundaries are). Each raw line is
// decoded as bytes at most once, and the bytes read as text at most twice
// (as UTF-8, and as UTF-16 when the charset says so); encoded words in
// header fields are decoded once more. So the decoded text is linear in
// the raw text: at most a few times as long (decodedBound).

// decodedBound bounds the decoded text's length, as a multiple of the raw
// text's: its bodies read as bytes (at most as long as the raw lines),
// again in their charset (UTF-16: 3/2 as long; another: 3 times), and
// header fields' encoded words (9/4 as long: base64 of Windows-1252
// bytes) and extended parameters (3 times), with room to spare.
const decodedBound = 10

// maxMIMEBoundaries is the most multipart boundaries remembered; a body
// whose boundary is not remembered runs on to the next remembered one or
// the end of the text: decoded more, never less.
const maxMIMEBoundaries = 1024

// maxMIMEFieldBytes bounds one unfolded header field kept (a real
// Content-Type is well under 1 KiB); the rest of a longer one is dropped.
const maxMIMEFieldBytes = 8 << 10

// qpReadBuffer is the line length the standard quoted-printable reader
// reads (a longer line is decoded by decodeQPLenient): encoders write at
// most 76 characters, and a soft-broken logical line is read a physical
// line at a time.
const qpReadBuffer = 64 << 10

// qpDecoded is the decoded text of a text's quoted-printable bodies (every
// logical line) and encoded words and, for each of its lines, the 1-based
// raw line where the logical line or header field it comes from starts.
type qpDecoded struct {
	text  string
	lines []int
	// cutAt is the 1-based raw line whose decoding would have taken the
	// decoded text past maxDecodedMIMEBytes, where decoding stopped (0:
	// all decoded). The scan is then incomplete, never clean.
	cutAt int
}

// maxDecodedMIMEBytes caps the decoded text of one decodeMIME call
// (a variable so tests can lower it): the decoded text is held whole
// while it is scanned, and at up to decodedBound times the raw text it
// would hold gigabytes for a text at the size cap.
var maxDecodedMIMEBytes = 64 << 20

// rawLine maps a 1-based line of the decoded text to the raw text's.
func (d qpDecoded) rawLine(line int) int {
	if line < 1 || len(d.lines) == 0 {
		return 1
	}
	return d.lines[min(line, len(d.lines))-1]
}

// decodeMIME decodes the quoted-printable bodies and the RFC 2047
// encoded words (content_qp_words.go) of the text split into lines (at
// "\n"). Every logical line of a body (a raw line and the lines its soft
// breaks join to it) is in the decoded text, changed or not: a value may
// need the lines around it (a private key's BEGIN line written with =2D
// needs the unchanged key body after it). A body whose charset reads
// bytes differently (UTF-16, Shift_JIS) is read both as bytes and in its
// charset (content_qp_charset.go).
func decodeMIME(lines []string) qpDecoded {
	// A lone CR ends a line too (Python's email package splits lines at
	// CR, LF and CRLF): a file saved with CR line ends, or a soft break
	// written "=\r" inside an LF one. Such lines are split there, and the
	// decoded lines mapped back to the raw line they are part of.
	sub, raw := splitLoneCR(lines)
	if raw == nil {
		return decodeMIMELines(lines)
	}
	d := decodeMIMELines(sub)
	for i, n := range d.lines {
		d.lines[i] = raw[n-1] + 1
	}
	if d.cutAt > 0 {
		d.cutAt = raw[d.cutAt-1] + 1
	}
	return d
}

// splitLoneCR splits the lines at each CR that is not their last byte;
// raw[i] is the 0-based line sub[i] is part of, nil if no line has one.
func splitLoneCR(lines []string) (sub []string, raw []int) {
	has := false
	for _, l := range lines {
		if i := strings.IndexByte(l, '\r'); i >= 0 && i < len(l)-1 {
			has = true
			break
		}
	}
	if !has {
		return lines, nil
	}
	for n, l := range lines {
		for {
			i := strings.IndexByte(l, '\r')
			if i < 0 || i == len(l)-1 {
				break
			}
			sub, raw = append(sub, l[:i+1]), append(raw, n)
			l = l[i+1:]
		}
		sub, raw = append(sub, l), append(raw, n)
	}
	return sub, raw
}

// decodeMIMELines is decodeMIME on lines that a CR no longer ends.
func decodeMIMELines(lines []string) qpDecoded {
	var out qpDecoded
	var b strings.Builder
	add := func(text string, line int) {
		if out.cutAt == 0 && b.Len()+len(text) > maxDecodedMIMEBytes {
			out.cutAt = line
		}
		if out.cutAt != 0 {
			return
		}
		for _, l := range strings.Split(text, "\n") {
			if len(out.lines) > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
			out.lines = append(out.lines, line)
		}
	}
	br := bufio.NewReaderSize(strings.NewReader(""), qpReadBuffer)
	var buf bytes.Buffer
	var wide utf16Stream
	for _, body := range qpBodies(lines) {
		wide.reset(utf16Order(body.charset))
		legacy := legacyDecoder(body.charset)
		for g := body.from; g < body.to; {
			e := g
			for e+1 < body.to && isQPSoftBreak(lines[e]) {
				e++
			}
			decoded := decodeQPGroup(lines[g:e+1], br, &buf)
			add(textFromBytes(decoded), g+1)
			wide.add(decoded, g+1)
			if legacy != nil {
				if s, ok := legacy(decoded); ok {
					add(s, g+1)
				}
			}
			g = e + 1
		}
		wide.decode(add)
	}
	decodeEncodedWords(lines, add)
	out.text = b.String()
	return out
}

// isQPSoftBreak reports whether a raw line ends with a soft line break:
// "=" last, after dropping the white space (and CR) that RFC 2045 has
// decoders drop.
func isQPSoftBreak(line string) bool {
	return strings.HasSuffix(strings.TrimRight(line, " \t\r"), "=")
}

// decodeQPGroup decodes one logical line to bytes with the standard
// reader, or, if the reader refuses it (a control byte, "=" before fewer
// than two characters, a line longer than qpReadBuffer), with
// decodeQPLenient: a mail reader shows such a line as written rather than
// drop it. A line holding no "=" decodes to itself, less trailing white
// space, either way.
func decodeQPGroup(group []string, br *bufio.Reader, buf *bytes.Buffer) []byte {
	if len(group) == 1 && strings.IndexByte(group[0], '=') < 0 {
		return []byte(strings.TrimRight(group[0], " \t\r"))
	}
	src := strings.Join(group, "\n") + "\n"
	br.Reset(strings.NewReader(src))
	buf.Reset()
	var s []byte
	if _, err := buf.ReadFrom(quotedprintable.NewReader(br)); err == nil {
		s = bytes.Clone(buf.Bytes())
	} else {
		s = []byte(decodeQPLenient(src))
	}
	return bytes.TrimSuffix(bytes.TrimSuffix(s, []byte("\n")), []byte("\r"))
}

// decodeQPLenient decodes src as mime/quotedprintable's Reader does
// (soft breaks joined, white space before a hard line end dropped, =XX in
// either case decoded, "=" before no hex pair kept) without refusing
// anything: a control byte is kept, "=" before fewer than two characters
// is kept, and white space or a stray CR after a soft break's "=" is
// dropped like the line end.
func decodeQPLenient(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	for src != "" {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i+1], src[i+1:]
		} else {
			src = ""
		}
		body := strings.TrimRight(line, " \t\r\n")
		soft := strings.HasSuffix(body, "=")
		if soft {
			body = body[:len(body)-1]
		}
		for i := 0; i < len(body); i++ {
			if body[i] == '=' {
				if hi, lo, ok := hexPair(body, i+1); ok {
					b.WriteByte(hi<<4 | lo)
					i += 2
					continue
				}
			}
			b.WriteByte(body[i])
		}
		if !soft && strings.HasSuffix(line, "\n") {
			if strings.HasSuffix(line, "\r\n") {
				b.WriteString("\r\n")
			} else {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// hexPair decodes the two hex digits at s[i:i+2], if there are two.
func hexPair(s string, i int) (hi, lo byte, ok bool) {
	if i+2 > len(s) {
		return 0, 0, false
	}
	hi, ok1 := hexDigit(s[i])
	lo, ok2 := hexDigit(s[i+1])
	return hi, lo, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// isQPEncoding reads a Content-Transfer-Encoding value: "quoted-printable"
// in any case, quoted or not, before any parameter, with any comments
// ("(...)", RFC 5322) dropped.
func isQPEncoding(v string) bool {
	v = strings.TrimSpace(qpDropComments(v))
	if i := strings.IndexAny(v, " \t;"); i >= 0 {
		v = v[:i]
	}
	return strings.EqualFold(strings.Trim(v, `"`), "quoted-printable")
}

// qpDropComments drops parenthesised comments (nested ones too; an
// unclosed one runs to the end).
func qpDropComments(v string) string {
	if strings.IndexByte(v, '(') < 0 {
		return v
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}
