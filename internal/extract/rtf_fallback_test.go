package extract

import "testing"

// The raw reading of a word around \uN fallbacks is held whole: the
// body's word before, every fallback of a run of \uN, the text after.
func TestRTFFallbackHeld(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"question mark adds nothing", `{\rtf1 caf\u233?\par}`, "caf\u00e9\n"},
		{"word around a fallback", `{\rtf1 pin 41\uc4\u8226 1111 11 end\par}`, "pin 41\u2022 11 end\t411111\n"},
		{"one character per \\u", `{\rtf1 x \u8203 4\u8203 1\u8203 1\u8203 1 y\par}`, "x \u200b\u200b\u200b\u200b y\t4111\n"},
		{"fallback in a picture", `{\rtf1 a{\pict\uc16\u8226 4111111111111111}b\par}`, "ab\t\u20224111111111111111\n"},
		{"picture bin runs", "{\\rtf1 a{\\pict\\bin11 \x00\x01ABCDEFGH\x02}b\\par}", "ab\tABCDEFGH\n"},
		{"picture hex lines dropped, digits held", "{\\rtf1 a{\\pict 89504e47\n4111111111111111\nabcdef0123}b\\par}", "ab\t4111111111111111\n"},
	} {
		got, why := rtfToText([]byte(c.in), 1<<20)
		if why != "" || got != c.want {
			t.Errorf("%s: %q (%s), want %q", c.name, got, why, c.want)
		}
	}
}
