package extract

import (
	"strings"
	"testing"
	"time"
)

// Red-team round 3 (issue 11): the HTML tokenizer on pathological input
// stays linear (each input a few MiB, read in well under the timeout) and
// keeps the planted text after the markup.
func TestRedTeam3HTMLPathologicalInputsLinear(t *testing.T) {
	const size = 4 << 20
	rep := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	for name, body := range map[string]string{
		"unclosed script openers":  rep("<script>x"),
		"unclosed title openers":   rep("<title>&amp;"),
		"attributes without '>'":   "<a " + rep(`x="y" `),
		"stray '<' before letters": rep("a<b "),
		"comments and PIs":         rep("<!--x--><?y?>"),
		"many lines of held text":  rep("<q v=\"w\">t\n"),
		"block boundaries":         rep("<div>a</div>"),
	} {
		doc := "<html><body><p>" + rtMarker + "</p>" + body
		start := time.Now()
		res, err := Text("page.html", []byte(doc), Limits{})
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(doc))
		}
		if err == nil && !strings.Contains(res.Text, rtMarker) {
			t.Errorf("%s: marker missing from the text", name)
		}
	}
}
