package extract

import (
	"strings"
	"testing"
)

// The operand scan counts what the reader's stack holds for one operator:
// real streams pass, piles of operands (top level, in an array, or pushed
// as a name a "begin" dictionary defines) are refused, and delimiters in
// strings and comments do not count.
func TestPDFOperandScan(t *testing.T) {
	cases := []struct {
		name, content string
		complex       bool
	}{
		{"many operators", strings.Repeat("1 2 Td (ab) Tj [(a) -20 (b)] TJ /P <</MCID 3>> BDC EMC\n", 50000), false},
		{"long TJ within bounds", "[" + strings.Repeat("(a) -5 ", 20000) + "] TJ", false},
		{"delimiters in strings and comments", strings.Repeat("([[[<<) Tj % [[[ <<\n", 100000), false},
		{"operands without operator", strings.Repeat("0 ", pdfMaxOperands+1) + "Tj", true},
		{"huge TJ array", "[" + strings.Repeat("0 ", pdfMaxObjects+1) + "] TJ", true},
		{"nested arrays", strings.Repeat("[", 100) + strings.Repeat("1 ", pdfMaxObjects) + "] TJ", true},
		{"defined name pushed", "0 dict begin /x 1 def " + strings.Repeat("x ", pdfMaxOperands+1) + "Tj", true},
	}
	for _, c := range cases {
		s := newContentScan()
		_, _ = s.Write([]byte(c.content))
		if s.tooComplex != c.complex {
			t.Errorf("%s: too complex = %v, want %v", c.name, s.tooComplex, c.complex)
		}
	}
	// A charmap is counted whole: its interpreter leaves what it does not
	// pop on the stack.
	s := newCharmapScan()
	_, _ = s.Write([]byte(strings.Repeat("0 foo ", pdfMaxCharmapObjects+1)))
	if !s.tooComplex {
		t.Errorf("charmap operands across operators not counted")
	}
}
