package extract

import (
	"strings"
	"testing"
)

func TestHTMLText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"span joins", "<p>key = AKIA<span class=\"x\">TESTONLY</span></p>\n<p>next</p>", "key = AKIATESTONLY \tclass=\"x\"\nnext "},
		{"entities decode", "<p>&#65;KIA&#x54;EST &amp; &lt;b&gt;</p>", "AKIATEST & <b> "},
		{"blocks separate", "<table><tr><td>user</td><td>pass</td></tr></table>", "user pass "},
		{"comment and attributes held", "<div title=\"tip\">AB<!-- c -->CD</div>", "ABCD \ttitle=\"tip\" c"},
		{"script kept, not parsed", "<script>var k = \"<b>AKIA</b>\";</script>", "var k = \"<b>AKIA</b>\"; "},
		{"unknown tag and attribute names held", "<x-key AKIAHIDDEN>v</x-key>", "v\tx-key AKIAHIDDEN x-key"},
		{"unterminated tag", "text <a href=\"AKIA", "text \thref=\"AKIA\""},
		{"stray <", "a < b", "a < b"},
		{"assignment kept", "<div data-api-key='&#115;ecret' hidden>x</div>", "x \tdata-api-key=\"secret\" hidden"},
	} {
		if got := htmlToText(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestHTMLSniffing(t *testing.T) {
	for _, c := range []struct {
		name, text string
		html       bool
	}{
		{"page.html", "plain", true},
		{"notes.txt", "  <!DOCTYPE html><p>x</p>", true},
		{"notes.txt", "<p>x</p>", true},
		{"notes.txt", "<pre>x</pre>", false},
		{"notes.txt", "a <p> in text", false},
		{"data.json", `{"a":"<p>"}`, false},
	} {
		if got := isHTML(c.name, c.text); got != c.html {
			t.Errorf("isHTML(%q, %q) = %v", c.name, c.text, got)
		}
	}
	res, err := Text("chunk.txt", []byte("<html><body>AKIA<b>TEST</b></body></html>"), Limits{})
	if err != nil || res.Format != "html" || !strings.Contains(res.Text, "AKIATEST") {
		t.Fatalf("sniffed HTML: %+v, %v", res, err)
	}
}

func TestRTFText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"runs join, tables held", `{\rtf1\ansi{\fonttbl\f0 Calibri;}\pard{\f0 key = AKIA}{\f0\insrsid1 TEST}\par next\par}`, "key = AKIATEST\tCalibri;\nnext\n"},
		{"hex and unicode escapes", `{\rtf1 \'41KIA\u84?EST \uc0\u8364 x\par}`, "AKIATEST €x\n"},
		{"surrogate pair", `{\rtf1 \u-10179?\u-8704?\par}`, "\U0001F600\n"},
		{"bookmark mid-word held", `{\rtf1 AK{\*\bkmkstart _GoBack}{\*\bkmkend _GoBack}IA\par}`, "AKIA\t_GoBack _GoBack\n"},
		{"field instruction held, result in place", `{\rtf1 {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link}}\par}`, "link\tHYPERLINK \"http://x\"\n"},
		{"picture dropped", `{\rtf1 a{\pict\pngblip 89504e47}b\par}`, "ab\n"},
		{"escaped braces", `{\rtf1 \{x\}\\\par}`, "{x}\\\n"},
		{"bin skipped", "{\\rtf1 a{\\pict\\bin3 \x00AKb}c\\par}", "ac\n"},
		{"text in a picture held", `{\rtf1 a{\pict\pngblip 89504e47 AKIATEST}b\par}`, "ab\t89504e47 AKIATEST\n"},
		{"bin text outside a picture held", "{\\rtf1 a\\bin5 AK\x00IAbc\\par}", "abc\tAK IA\n"},
		{"upper-case control word held", `{\rtf1 a\AKIATESTONLY b\par}`, "ab\tAKIATESTONLY\n"},
		{"symbols", `{\rtf1 a\tab b\emdash c\~d\_e\-f\par}`, "a\tb\u2014c d-ef\n"},
	} {
		got, why := rtfToText([]byte(c.in), 1<<20)
		if why != "" || got != c.want {
			t.Errorf("%s: %q (%s), want %q", c.name, got, why, c.want)
		}
	}
	if _, err := Text("a.rtf", []byte(`{\rtf1 {\object{\*\objdata 0105}}}`), Limits{}); err == nil {
		t.Error("an embedded RTF object passes as scanned")
	}
	if _, err := Text("a.rtf", []byte(`{\rtf1 `+strings.Repeat("{", 2000)), Limits{}); err == nil {
		t.Error("RTF nested 2000 deep passes as scanned")
	}
	res, err := Text("notes.txt", []byte(`{\rtf1 AK{\b IA}\par}`), Limits{})
	if err != nil || res.Format != "rtf" || res.Text != "AKIA\n" {
		t.Fatalf("RTF by content: %+v, %v", res, err)
	}
}

// An altChunk (HTML or RTF Word imports into the body) is read as Word
// shows it.
func TestOfficeAltChunkMarkup(t *testing.T) {
	for name, chunk := range map[string]string{
		"html": "<html><body><p>AKIA<span>TEST</span></p></body></html>",
		"rtf":  `{\rtf1 AKIA{\b TEST}\par}`,
	} {
		res, err := Text("a.docx", mediaDocx(t, "word/afchunk.bin", "", chunk), Limits{})
		if err != nil || !strings.Contains(res.Text, "AKIATEST") {
			t.Errorf("%s altChunk: %q, %v", name, res.Text, err)
		}
	}
}
