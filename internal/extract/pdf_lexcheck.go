package extract

// pdfHexScan follows a content stream the way the reader's tokenizer does,
// only far enough to know whether the stream ends inside a hex string
// ("<41" with no closing '>'). The reader's hex-string loop does not stop
// at the end of the data (it reads line breaks for ever), and on a decoded
// stream no file read happens that could check the deadline: one byte
// turns a parse into a core busy for the life of the process. Literal
// strings and comments are followed so a '<' inside them does not count.
type pdfHexScan struct {
	state    int // one of the scan* states
	depth    int // literal string nesting
	escaping bool
}

const (
	scanNormal = iota
	scanComment
	scanLiteral
	scanAfterLT // a '<' seen: "<<" or the start of a hex string
	scanHex
)

func (s *pdfHexScan) Write(p []byte) (int, error) {
	for _, c := range p {
		s.step(c)
	}
	return len(p), nil
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
			return
		}
		s.state = scanHex
		s.step(c)
	case scanHex:
		if c == '>' {
			s.state = scanNormal
		}
	default:
		switch c {
		case '%':
			s.state = scanComment
		case '(':
			s.state, s.depth = scanLiteral, 1
		case '<':
			s.state = scanAfterLT
		}
	}
}

// unterminatedHex reports whether the data ended inside a hex string.
func (s *pdfHexScan) unterminatedHex() bool {
	return s.state == scanHex || s.state == scanAfterLT
}
