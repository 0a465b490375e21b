package posture

import (
	"mime"
	"regexp"
	"strings"
)

// The walk that finds quoted-printable bodies (decodeMIME) follows the
// multipart structure as a reader does, with a stack of the boundaries in
// effect, because a boundary a reader does not honour would end a body
// early and hide what follows it:
//   - a boundary is remembered only from a multipart/* Content-Type (a
//     boundary parameter on text/plain means nothing), and only in a
//     header block a reader reads as one: at the start of the text, after
//     an mbox "From " line, after a delimiter line (a part's header) or
//     after a message/* part's header (the part is a message);
//     header-like lines in a body (a 7-bit part, a preamble, a
//     quoted-printable body) are text;
//   - a delimiter line of a boundary in the stack ends the parts nested
//     in it (their boundaries are dropped); a closing one drops its own;
//   - a quoted-printable body ends only at a delimiter of a boundary in
//     effect when it opened, and not at one from before an mbox "From "
//     line (another message's), so an earlier message's boundary or one
//     declared in a sibling part is text inside it.
// Forgetting a boundary only makes bodies longer: decoded more, never
// less. So does every bound here.

// qpBody is a quoted-printable body: the 0-based line range [from, to) and
// its Content-Type charset.
type qpBody struct {
	from, to int
	charset  string
}

// boundaryStack holds the boundaries in effect, innermost last, and
// barriers (an mbox "From " line: a new message). top finds a boundary's
// innermost entry in constant time.
type boundaryStack struct {
	entries  []string // "" for a barrier
	at       map[string][]int
	barriers []int // the barriers' indexes
}

func (s *boundaryStack) push(name string) {
	if len(s.entries) >= maxMIMEBoundaries {
		// Drop the outer half: a forgotten boundary ends no body.
		keep := append([]string(nil), s.entries[len(s.entries)/2:]...)
		s.entries, s.at, s.barriers = s.entries[:0], nil, s.barriers[:0]
		for _, e := range keep {
			s.push(e)
		}
	}
	if s.at == nil {
		s.at = map[string][]int{}
	}
	if name != "" {
		s.at[name] = append(s.at[name], len(s.entries))
	} else {
		s.barriers = append(s.barriers, len(s.entries))
	}
	s.entries = append(s.entries, name)
}

// popTo drops the entries above index k (k itself too if inclusive).
func (s *boundaryStack) popTo(k int, inclusive bool) {
	if inclusive {
		k--
	}
	for len(s.entries)-1 > k {
		last := len(s.entries) - 1
		if name := s.entries[last]; name != "" {
			idx := s.at[name][:len(s.at[name])-1]
			if len(idx) == 0 {
				delete(s.at, name)
			} else {
				s.at[name] = idx
			}
		} else {
			s.barriers = s.barriers[:len(s.barriers)-1]
		}
		s.entries = s.entries[:last]
	}
}

// top is the index of name's innermost entry, or -1.
func (s *boundaryStack) top(name string) int {
	if idx := s.at[name]; len(idx) > 0 {
		return idx[len(idx)-1]
	}
	return -1
}

// floor is the index above the innermost barrier: a body opened now ends
// only at boundaries from there up.
func (s *boundaryStack) floor() int {
	if n := len(s.barriers); n > 0 {
		return s.barriers[n-1] + 1
	}
	return 0
}

// delimiter reads l (without trailing white space) as a delimiter line of
// a boundary in the stack at index floor or above: the entry's index and
// whether it is the closing delimiter, or -1.
func (s *boundaryStack) delimiter(l string, floor int) (int, bool) {
	if len(s.at) == 0 || !strings.HasPrefix(l, "--") {
		return -1, false
	}
	rest := l[2:]
	if k := s.top(rest); k >= floor {
		return k, false
	}
	if name, ok := strings.CutSuffix(rest, "--"); ok {
		if k := s.top(name); k >= floor {
			return k, true
		}
	}
	return -1, false
}

// isMboxFromLine reports whether l separates messages in an mbox file.
func isMboxFromLine(l string) bool {
	return strings.HasPrefix(l, "From ") && !isMIMEFieldLine(l)
}

// qpBodies returns the quoted-printable bodies of the text split into
// lines. A body ends at a delimiter line of a boundary in effect when it
// opened, or at the end of the text; header blocks inside it are body
// text, except that one declaring a charset read differently (UTF-16,
// Shift_JIS; an mbox's next message, a forwarded one) starts a new body
// of that charset there:
// every byte is decoded as bytes whatever the charset, so a charset only
// adds a reading.
func qpBodies(lines []string) []qpBody {
	var bodies []qpBody
	var st boundaryStack
	headerPos := true // the next header block is one a reader reads
	open, floor, charset := -1, 0, ""
	closeBody := func(to int) {
		if open >= 0 && open < to {
			bodies = append(bodies, qpBody{open, to, charset})
		}
		open = -1
	}
	for i := 0; i < len(lines); {
		l := strings.TrimRight(lines[i], " \t\r")
		if open >= 0 {
			if k, closing := st.delimiter(l, floor); k >= 0 {
				closeBody(i)
				st.popTo(k, closing)
				headerPos = !closing
				i++
				continue
			}
			if !isMIMEFieldLine(l) {
				i++
				continue
			}
			h := readMIMEHeader(lines, i, func(l string) bool { k, _ := st.delimiter(l, floor); return k >= 0 })
			if h.qp && charsetReading(h.charset) != charsetReading(charset) {
				closeBody(h.next)
				open, charset = h.next, h.charset
			}
			i = h.next
			continue
		}
		if k, closing := st.delimiter(l, 0); k >= 0 {
			st.popTo(k, closing)
			headerPos = !closing
			i++
			continue
		}
		if isMboxFromLine(l) {
			st.push("")
			headerPos = true
			i++
			continue
		}
		if !isMIMEFieldLine(l) {
			i++
			continue
		}
		h := readMIMEHeader(lines, i, func(l string) bool { k, _ := st.delimiter(l, 0); return k >= 0 })
		if h.ok && headerPos && h.boundary != "" {
			st.push(h.boundary)
		}
		headerPos = h.ok && headerPos && h.message
		if h.qp {
			open, floor, charset = h.next, st.floor(), h.charset
		}
		i = h.next
	}
	closeBody(len(lines))
	return bodies
}

// mimeHeader is what the walk reads from a header block.
type mimeHeader struct {
	// next is the first line after the block: after its empty line, or
	// the line that ended it otherwise (a lenient reader's first body line).
	next int
	// ok says an empty line ended the block.
	ok bool
	// qp: a Content-Transfer-Encoding field says quoted-printable.
	qp bool
	// boundary of a multipart/* Content-Type; message: a message/* one.
	boundary string
	message  bool
	// charset is the first charset a Content-Type names that is read
	// differently from bytes (charsetReading), else the first one.
	charset string
}

// readMIMEHeader reads the header block whose first field is lines[i]:
// field lines and folded lines up to an empty (or blank) line, or up to
// another line (stop's delimiter lines included), which lenient readers
// (Python's email package) take as the first line of the body.
func readMIMEHeader(lines []string, i int, stop func(string) bool) mimeHeader {
	// Only the two fields read are kept, each in a builder (a folded line
	// is appended, not the field copied again) up to maxMIMEFieldBytes;
	// past that, its charset and boundary parameters are still kept
	// (mimeField.addOverflow).
	var contentTypes, encodings []*mimeField
	var cur *mimeField // the field being unfolded, nil for another
	appendTo := func(f *mimeField, s string) {
		b := &f.text
		n := maxMIMEFieldBytes - b.Len()
		if n > 0 {
			b.WriteString(s[:min(len(s), n)])
		}
		if len(s) > max(n, 0) {
			f.addOverflow(s[max(n, 0):])
		}
	}
	var h mimeHeader
	j := i
	for ; j < len(lines); j++ {
		l := strings.TrimRight(lines[j], "\r")
		if j > i && stop(strings.TrimRight(l, " \t")) {
			break
		}
		switch {
		case strings.TrimLeft(l, " \t") == "":
			h.ok = true
		case l[0] == ' ' || l[0] == '\t':
			if cur != nil {
				appendTo(cur, l)
			}
			continue
		case isMIMEFieldLine(l):
			name, value, _ := strings.Cut(l, ":")
			cur = nil
			// White space before the colon: not a field to Python's
			// reader (nor Go's), whose header ends there (spaced).
			spaced := strings.TrimRight(name, " \t") != name
			switch name = strings.TrimRight(name, " \t"); {
			case strings.EqualFold(name, "Content-Type"):
				cur = &mimeField{spaced: spaced}
				contentTypes = append(contentTypes, cur)
			case strings.EqualFold(name, "Content-Transfer-Encoding"):
				cur = &mimeField{spaced: spaced}
				encodings = append(encodings, cur)
			}
			if cur != nil {
				appendTo(cur, value)
			}
			continue
		}
		break
	}
	h.next = j
	if h.ok {
		h.next = j + 1
	}
	for _, e := range encodings {
		h.qp = h.qp || isQPEncoding(e.String())
	}
	for k, ct := range contentTypes {
		media, boundary, charset := readContentType(ct.String())
		switch {
		case strings.HasPrefix(media, "multipart/"):
			// Readers take the first Content-Type field (Go's
			// textproto.MIMEHeader.Get, Python's Message.get); one with
			// white space before its colon is body text to them. A
			// boundary no reader honours would end a body early.
			if k == 0 && !ct.spaced {
				h.boundary = boundary
			}
		case strings.HasPrefix(media, "message/"):
			h.message = true
		}
		if h.charset == "" || (charsetReading(h.charset) == "" && charsetReading(charset) != "") {
			h.charset = charset
		}
	}
	return h
}

// mimeField is one Content-Type or Content-Transfer-Encoding field read:
// its first maxMIMEFieldBytes, the charset and boundary parameters found
// past them (overflow, at most maxOverflowParams), and whether its name
// had white space before the colon.
type mimeField struct {
	text     strings.Builder
	overflow []string
	pending  string // a parameter name (and "=") that ended the last line
	spaced   bool
}

// maxOverflowParams bounds the parameters kept past a field's bound.
const maxOverflowParams = 16

// overflowParam is a charset or boundary parameter, plain or in RFC 2231
// form, in the part of a field past its bound.
var overflowParam = regexp.MustCompile(`(?i)\b(?:boundary|charset)(?:\*\d{0,4}\*?)?\s*=\s*(?:"[^"]*"|[^\s;"]+)`)

// overflowNameEnd is a parameter name (and "=") ending a line, whose
// value may be on the next folded line.
var overflowNameEnd = regexp.MustCompile(`(?i)\b(?:boundary|charset)(?:\*\d{0,4}\*?)?\s*=?\s*$`)

// addOverflow keeps the charset and boundary parameters of a part of the
// field past its bound (a long folded parameter before them). A line is
// read only when it, or the name that ended the line before, holds "=",
// so the work stays linear in the field.
func (f *mimeField) addOverflow(s string) {
	if len(f.overflow) >= maxOverflowParams {
		return
	}
	if f.pending != "" {
		s = f.pending + s
		f.pending = ""
	}
	if strings.IndexByte(s, '=') < 0 && len(s) > 0 {
		// A name on its own ("charset", then "=utf-16le" folded).
		if m := overflowNameEnd.FindString(s[max(0, len(s)-32):]); m != "" {
			f.pending = m
		}
		return
	}
	f.overflow = append(f.overflow, overflowParam.FindAllString(s, maxOverflowParams-len(f.overflow))...)
	if m := overflowNameEnd.FindString(s[max(0, len(s)-32):]); m != "" {
		f.pending = m
	}
}

// String is the field as read: its first maxMIMEFieldBytes, then the
// parameters kept past them.
func (f *mimeField) String() string {
	if len(f.overflow) == 0 {
		return f.text.String()
	}
	return f.text.String() + "; " + strings.Join(f.overflow, "; ")
}

// contentTypeParam reads a parameter mime.ParseMediaType refuses (an
// unquoted value holding '=', a broken parameter elsewhere).
var contentTypeParam = regexp.MustCompile(`(?i)\b(boundary|charset)\s*=\s*(?:"([^"]+)"|([^\s;"]+))`)

// readContentType reads a Content-Type value: the media type (lower
// case) and its boundary and charset parameters.
func readContentType(v string) (media, boundary, charset string) {
	media, params, err := mime.ParseMediaType(v)
	if err == nil {
		boundary, charset = params["boundary"], params["charset"]
	} else {
		media, _, _ = strings.Cut(v, ";")
		media = strings.ToLower(strings.Trim(strings.TrimSpace(media), `"`))
	}
	for _, m := range contentTypeParam.FindAllStringSubmatch(v, 8) {
		switch val := m[2] + m[3]; {
		case strings.EqualFold(m[1], "boundary") && boundary == "":
			boundary = val
		case strings.EqualFold(m[1], "charset") && charset == "":
			charset = val
		}
	}
	// RFC 2231 forms (charset*=''utf-16le, boundary*0*=...), which Python's
	// reader reads and mime.ParseMediaType drops unless UTF-8 or ASCII.
	if strings.Contains(v, "*") {
		if s, ok := decodeExtendedParams(v); ok {
			for _, l := range strings.Split(s, "\n") {
				name, val, _ := strings.Cut(l, ": ")
				switch {
				case name == "boundary" && boundary == "":
					boundary = val
				case name == "charset" && (charset == "" || charsetReading(charset) == "" && charsetReading(val) != ""):
					charset = val
				}
			}
		}
	}
	return media, boundary, charset
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
