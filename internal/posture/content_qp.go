package posture

import (
	"bufio"
	"bytes"
	"mime"
	"mime/quotedprintable"
	"regexp"
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
// included, ended by an empty line) is read for its Content-Type boundary
// and its Content-Transfer-Encoding; a body declared quoted-printable runs
// from its header block to the next delimiter line of a boundary declared
// before it, or to the end of the text. Each raw line is decoded at most
// once and decoding only shortens text, so the decoded text is never
// longer than the raw one.

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

// qpDecoded is the decoded text of a text's quoted-printable bodies (the
// logical lines that decoding changes) and, for each of its lines, the
// 1-based raw line where the logical line it comes from starts.
type qpDecoded struct {
	text  string
	lines []int
}

// rawLine maps a 1-based line of the decoded text to the raw text's.
func (d qpDecoded) rawLine(line int) int {
	if line < 1 || len(d.lines) == 0 {
		return 1
	}
	return d.lines[min(line, len(d.lines))-1]
}

// decodeQPBodies decodes the quoted-printable bodies of the text split
// into lines (at "\n"). A logical line is a raw line and the lines its soft
// breaks join to it; one holding no "=" decodes to itself (the raw scan
// read it) and is left out.
func decodeQPBodies(lines []string) qpDecoded {
	var out qpDecoded
	var b strings.Builder
	br := bufio.NewReaderSize(strings.NewReader(""), qpReadBuffer)
	var buf bytes.Buffer
	for _, body := range qpBodies(lines) {
		for g := body[0]; g < body[1]; {
			e := g
			for e+1 < body[1] && isQPSoftBreak(lines[e]) {
				e++
			}
			group := lines[g : e+1]
			start := g + 1
			g = e + 1
			if !groupHasEquals(group) {
				continue
			}
			for _, l := range strings.Split(decodeQPGroup(group, br, &buf), "\n") {
				if len(out.lines) > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(l)
				out.lines = append(out.lines, start)
			}
		}
	}
	out.text = b.String()
	return out
}

func groupHasEquals(group []string) bool {
	for _, l := range group {
		if strings.IndexByte(l, '=') >= 0 {
			return true
		}
	}
	return false
}

// isQPSoftBreak reports whether a raw line ends with a soft line break:
// "=" last, after dropping the white space (and CR) that RFC 2045 has
// decoders drop.
func isQPSoftBreak(line string) bool {
	return strings.HasSuffix(strings.TrimRight(line, " \t\r"), "=")
}

// decodeQPGroup decodes one logical line with the standard reader, or, if
// the reader refuses it (a control byte, "=" before fewer than two
// characters, a line longer than qpReadBuffer), with decodeQPLenient: a
// mail reader shows such a line as written rather than drop it. The
// result is valid UTF-8 (the charset is not converted: the digits and key
// characters the detectors read are ASCII in every charset a mailer
// writes quoted-printable in).
func decodeQPGroup(group []string, br *bufio.Reader, buf *bytes.Buffer) string {
	src := strings.Join(group, "\n") + "\n"
	br.Reset(strings.NewReader(src))
	buf.Reset()
	var s string
	if _, err := buf.ReadFrom(quotedprintable.NewReader(br)); err == nil {
		s = buf.String()
	} else {
		s = decodeQPLenient(src)
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	return strings.ToValidUTF8(s, "\uFFFD")
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

// qpBodies returns the 0-based line ranges [from, to) of the bodies a
// quoted-printable Content-Transfer-Encoding introduces.
func qpBodies(lines []string) [][2]int {
	var bodies [][2]int
	boundaries := map[string]bool{}
	start := -1
	for i := 0; i < len(lines); {
		l := strings.TrimRight(lines[i], " \t\r")
		if isBoundaryLine(l, boundaries) {
			if start >= 0 {
				bodies = append(bodies, [2]int{start, i})
				start = -1
			}
			i++
			continue
		}
		if !isMIMEFieldLine(l) {
			i++
			continue
		}
		end, qp, ok := readMIMEHeader(lines, i, boundaries)
		if ok && qp && start < 0 {
			start = end + 1
		}
		i = end // past the block (end > i: line i is a field line)
		if ok {
			i++
		}
	}
	if start >= 0 && start < len(lines) {
		bodies = append(bodies, [2]int{start, len(lines)})
	}
	return bodies
}

// isBoundaryLine reports whether l (without trailing white space) is a
// delimiter line, "--" and a remembered boundary, or the closing one
// ("--" after it).
func isBoundaryLine(l string, boundaries map[string]bool) bool {
	if len(boundaries) == 0 || !strings.HasPrefix(l, "--") {
		return false
	}
	rest := l[2:]
	return boundaries[rest] || (strings.HasSuffix(rest, "--") && boundaries[rest[:len(rest)-2]])
}

// isMIMEFieldLine reports whether l starts a header field: a name of
// printable ASCII other than ':' (RFC 5322), optional white space, ':'.
func isMIMEFieldLine(l string) bool {
	i := 0
	for i < len(l) && l[i] > ' ' && l[i] <= '~' && l[i] != ':' {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i < len(l) && l[i] == ':'
}

// readMIMEHeader reads the header block whose first field is lines[i]:
// field lines and folded lines up to an empty (or blank) line. ok says the
// block ended with one, at index end; otherwise end is the first line
// that is not part of it. It remembers the boundaries its Content-Type
// fields declare and reports whether a Content-Transfer-Encoding field
// says quoted-printable (any of them, if there are several).
func readMIMEHeader(lines []string, i int, boundaries map[string]bool) (end int, qp, ok bool) {
	// Only the two fields read are kept, each in a builder (a folded line
	// is appended, not the field copied again) up to maxMIMEFieldBytes.
	var contentTypes, encodings []*strings.Builder
	var cur *strings.Builder // the field being unfolded, nil for another
	appendTo := func(b *strings.Builder, s string) {
		if n := maxMIMEFieldBytes - b.Len(); n > 0 {
			b.WriteString(s[:min(len(s), n)])
		}
	}
	j := i
	for ; j < len(lines); j++ {
		l := strings.TrimRight(lines[j], "\r")
		switch {
		case strings.TrimLeft(l, " \t") == "":
			ok = true
		case l[0] == ' ' || l[0] == '\t':
			if cur != nil {
				appendTo(cur, l)
			}
			continue
		case isMIMEFieldLine(l):
			name, value, _ := strings.Cut(l, ":")
			cur = nil
			switch name = strings.TrimRight(name, " \t"); {
			case strings.EqualFold(name, "Content-Type"):
				cur = &strings.Builder{}
				contentTypes = append(contentTypes, cur)
			case strings.EqualFold(name, "Content-Transfer-Encoding"):
				cur = &strings.Builder{}
				encodings = append(encodings, cur)
			}
			if cur != nil {
				appendTo(cur, value)
			}
			continue
		}
		break
	}
	if !ok {
		return j, false, false
	}
	for _, e := range encodings {
		qp = qp || isQPEncoding(e.String())
	}
	for _, ct := range contentTypes {
		if b := mimeBoundary(ct.String()); b != "" && len(boundaries) < maxMIMEBoundaries {
			boundaries[b] = true
		}
	}
	return j, qp, true
}

// isQPEncoding reads a Content-Transfer-Encoding value: "quoted-printable"
// in any case, quoted or not, before any comment or parameter.
func isQPEncoding(v string) bool {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " \t;("); i >= 0 {
		v = v[:i]
	}
	return strings.EqualFold(strings.Trim(v, `"`), "quoted-printable")
}

// mimeBoundaryParam reads a boundary parameter mime.ParseMediaType refuses
// (an unquoted value holding '=', a broken parameter elsewhere).
var mimeBoundaryParam = regexp.MustCompile(`(?i)\bboundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))`)

// mimeBoundary is the boundary parameter of a Content-Type value, or "".
func mimeBoundary(v string) string {
	if _, params, err := mime.ParseMediaType(v); err == nil && params["boundary"] != "" {
		return params["boundary"]
	}
	if m := mimeBoundaryParam.FindStringSubmatch(v); m != nil {
		return m[1] + m[2]
	}
	return ""
}
