package extract

// pdfHexScan follows a content stream the way the reader's tokenizer does,
// before the reader sees it, for two things the reader does not bound:
//
//   - whether the stream ends inside a hex string ("<41" with no closing
//     '>'). The reader's hex-string loop does not stop at the end of the
//     data (it reads line breaks for ever), and on a decoded stream no file
//     read happens that could check the deadline: one byte turns a parse
//     into a core busy for the life of the process.
//   - how many objects pile up before an operator takes them. The reader
//     keeps every operand (and every element of an array operand) on its
//     stack until the next operator, at some 80 bytes each with the copy
//     the interpreter makes: millions of "0 " (a few KiB compressed) cost
//     gigabytes. Beyond maxOperands operands or maxObjects objects
//     (array and dictionary elements included) for one operator the stream
//     is refused.
//
// Literal strings and comments are followed so a '<' inside them does not
// count. The count errs high where the reader's behaviour is unclear (an
// array the reader drops, a keyword a "begin" dictionary may define), never
// low.
type pdfHexScan struct {
	state    int // one of the scan* states
	depth    int // literal string nesting
	escaping bool

	maxOperands, maxObjects int  // 0: not counted
	cumulative              bool // operators do not clear the stack (charmaps)
	tooComplex              bool
	nest                    int // array and dictionary nesting
	operands, objects       int // since the last operator
	tok                     []byte
	tokName, tokLong        bool
	begun                   bool            // a "begin": keywords may be defined names
	names                   map[string]bool // names seen, which "def" may define
	namesOverflow           bool
}

const (
	scanNormal = iota
	scanComment
	scanLiteral
	scanAfterLT // a '<' seen: "<<" or the start of a hex string
	scanHex
	scanAfterGT // a '>' seen outside a hex string: ">>" or an error
	scanToken   // a name, number or keyword
)

// Operand bounds, far above real files: an operator takes at most a dozen
// operands and a TJ array some hundreds of elements; a charmap block (in
// which every mapping is an operand) is allowed as many as the charmap cap.
// The reader's charmap interpreter pops only what a mapping block takes, so
// objects left on its stack stay there: a charmap is counted whole.
const (
	pdfMaxOperands       = 4096
	pdfMaxObjects        = 1 << 16
	pdfMaxCharmapObjects = 1 << 19
	pdfMaxTokenBytes     = 127
	pdfMaxTrackedNames   = 4096
)

// newContentScan scans a content stream (a page's, a form's, a pattern's,
// a glyph's).
func newContentScan() *pdfHexScan {
	return &pdfHexScan{maxOperands: pdfMaxOperands, maxObjects: pdfMaxObjects}
}

// newCharmapScan scans a charmap, counted whole.
func newCharmapScan() *pdfHexScan {
	return &pdfHexScan{maxOperands: pdfMaxCharmapObjects, maxObjects: pdfMaxCharmapObjects, cumulative: true}
}

func (s *pdfHexScan) Write(p []byte) (int, error) {
	for _, c := range p {
		s.step(c)
	}
	return len(p), nil
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (s *pdfHexScan) step(c byte) {
	switch s.state {
	case scanComment:
		if c == '\r' || c == '\n' {
			s.state = scanNormal
		}
	case scanLiteral:
		switch {
		case s.escaping:
			s.escaping = false
		case c == '\\':
			s.escaping = true
		case c == '(':
			s.depth++
		case c == ')':
			if s.depth--; s.depth == 0 {
				s.state = scanNormal
			}
		}
	case scanAfterLT:
		if c == '<' {
			s.state = scanNormal
			s.object()
			s.nest++
			return
		}
		s.state = scanHex
		s.object()
		s.step(c)
	case scanHex:
		if c == '>' {
			s.state = scanNormal
		}
	case scanAfterGT:
		s.state = scanNormal
		if c == '>' {
			s.close()
			return
		}
		s.step(c)
	case scanToken:
		if isPDFSpace(c) || isPDFDelim(c) {
			s.endToken()
			s.state = scanNormal
			s.step(c)
			return
		}
		if len(s.tok) < pdfMaxTokenBytes {
			s.tok = append(s.tok, c)
		} else {
			s.tokLong = true
		}
	default:
		switch {
		case isPDFSpace(c):
		case c == '%':
			s.state = scanComment
		case c == '(':
			s.state, s.depth = scanLiteral, 1
			s.object()
		case c == '<':
			s.state = scanAfterLT
		case c == '>':
			s.state = scanAfterGT
		case c == '[':
			s.object()
			s.nest++
		case c == ']':
			s.close()
		case c == '{' || c == '}':
			s.operator() // the reader passes these to the interpreter
		case c == ')':
			// The reader stops at a stray ')'.
		case c == '/':
			s.state, s.tok, s.tokName, s.tokLong = scanToken, s.tok[:0], true, false
		default:
			s.state, s.tok, s.tokName, s.tokLong = scanToken, append(s.tok[:0], c), false, false
		}
	}
}

// object counts one object pushed (or held in an array or dictionary).
func (s *pdfHexScan) object() {
	if s.maxObjects == 0 {
		return
	}
	s.objects++
	if s.nest == 0 {
		s.operands++
	}
	if s.operands > s.maxOperands || s.objects > s.maxObjects {
		s.tooComplex = true
	}
}

// close ends an array or dictionary; a stray one the reader pushes as null.
func (s *pdfHexScan) close() {
	if s.nest > 0 {
		s.nest--
		return
	}
	s.object()
}

func (s *pdfHexScan) operator() {
	if s.nest > 0 {
		// Inside an array the reader drops the array at a keyword and
		// reads on at the top level; what it held is not taken.
		s.nest = 0
		return
	}
	if !s.cumulative {
		s.operands, s.objects = 0, 0
	}
}

func (s *pdfHexScan) endToken() {
	if s.maxObjects == 0 {
		return
	}
	tok := string(s.tok)
	if s.tokName {
		s.object()
		if s.names == nil {
			s.names = map[string]bool{}
		}
		switch {
		case s.tokLong || len(s.names) >= pdfMaxTrackedNames:
			s.namesOverflow = true
		default:
			s.names[tok] = true
		}
		return
	}
	switch {
	case tok == "true" || tok == "false" || tok == "null" || tok == "currentdict" || s.tokLong || numberLike(tok):
		s.object()
	case tok == "dict" || tok == "end" || tok == "def" || tok == "pop":
		// The reader's own operators: they pop and push, never clear.
	case tok == "begin":
		s.begun = true
	case s.begun && (s.namesOverflow || s.names[tok]):
		s.object() // may be a defined name, pushed as its value
	default:
		s.operator()
	}
}

// numberLike reports a token the reader may read as a number.
func numberLike(tok string) bool {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; (c < '0' || c > '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// unterminatedHex reports whether the data ended inside a hex string.
func (s *pdfHexScan) unterminatedHex() bool {
	return s.state == scanHex || s.state == scanAfterLT
}
