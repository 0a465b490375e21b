package extract

import (
	"strings"
	"unicode/utf8"
)

// The characters after \uN (\ucN of them, 16 at most) are its fallback:
// what a reader without Unicode shows, and what anyone reading the file
// sees. Word shows the \uN character instead, so the fallback is not in
// the body's text; but a card number or the head of a key can be written
// there. The raw reading of the word around a fallback (the body's word
// before the first \uN, every fallback, and the body's text after, up to
// white space) is held, so it is scanned whole: only when a fallback
// holds an ASCII letter or digit ("?", Word's usual fallback, adds
// nothing to scan).

// maxFallbackWord bounds the raw word held for one run of fallbacks.
const maxFallbackWord = 4096

// maxFallbackPrefix bounds how far back the body's word is taken.
const maxFallbackPrefix = 64

type rtfFallback struct {
	on    bool
	word  strings.Builder
	alnum bool // a fallback character is an ASCII letter or digit
}

// startFallback starts the raw reading at a \uN with a fallback, from the
// word the text being written ends with; a run of \uN in one word is one
// reading.
func (c *rtfConv) startFallback() {
	if c.fallback.on {
		return
	}
	c.fallback.on = true
	text := &c.out
	if c.cur.mode == rtfHeld {
		text = &c.held
	}
	c.fallback.word.WriteString(trailingWord(text.String()))
}

// fallbackSkipped adds a skipped fallback character.
func (c *rtfConv) fallbackSkipped(r rune) {
	if !c.fallback.on || r < 0x20 {
		return
	}
	c.fallback.word.WriteRune(r)
	if r < utf8.RuneSelf && (isASCIILetter(byte(r)) || r >= '0' && r <= '9') {
		c.fallback.alnum = true
	}
	if c.fallback.word.Len() > maxFallbackWord {
		c.endFallback()
	}
}

// fallbackText adds text written after a fallback; white space ends the
// word.
func (c *rtfConv) fallbackText(s string) {
	if !c.fallback.on {
		return
	}
	if strings.TrimSpace(s) == "" {
		c.endFallback()
		return
	}
	c.fallback.word.WriteString(s)
	if c.fallback.word.Len() > maxFallbackWord {
		c.endFallback()
	}
}

// endFallback holds the raw word when a fallback has text to scan.
func (c *rtfConv) endFallback() {
	if c.fallback.on && c.fallback.alnum {
		if c.held.Len() > 0 && !strings.HasSuffix(c.held.String(), " ") {
			c.held.WriteByte(' ')
		}
		c.held.WriteString(c.fallback.word.String())
		c.held.WriteByte(' ')
	}
	c.fallback.word.Reset()
	c.fallback.on, c.fallback.alnum = false, false
}

// trailingWord is the end of s after its last white space, at most
// maxFallbackPrefix bytes (cut at a character boundary).
func trailingWord(s string) string {
	start := max(0, len(s)-maxFallbackPrefix)
	for start < len(s) && !utf8.RuneStart(s[start]) {
		start++
	}
	tail := s[start:]
	if i := strings.LastIndexAny(tail, " \t\n\r"); i >= 0 {
		tail = tail[i+1:]
	}
	return tail
}
