package extract

import (
	"html"
	"path"
	"strings"
)

// HTML is read as a browser shows it, so a word the page shows whole is
// whole in the text: tags are removed (a key split by <span> joins again)
// and character references are decoded (&#65;KIA is AKIA). Nothing of the
// file's text is dropped, only moved: attributes (name="value", the value
// decoded), comments, doctype and processing instructions, and tag names
// that are not HTML's, are held and written at the end of the line they
// stand on, so they cannot split the text but are still scanned (a reader
// of the raw file sees them). Script and style text is kept in place.
// Documents embedded as data: URIs are read after the page's text, or
// the page is refused (html_datauri.go).

// htmlOrPlainText reads text (plainText's decoding and caps), as HTML when
// the name says so or the text starts like HTML.
func htmlOrPlainText(name string, data []byte, lim Limits) (Result, error) {
	res, err := plainText(name, data, lim)
	if err != nil || !isHTML(name, res.Text) {
		return res, err
	}
	text, uris := htmlConvert(res.Text)
	if int64(len(text)) > lim.MaxTextBytes {
		return Result{}, notScanned("html", "decoded text larger than %d bytes (the text cap); not scanned, not truncated", lim.MaxTextBytes)
	}
	if len(uris) > 0 {
		emb := newHTMLEmbeds(lim)
		emb.textLeft -= int64(len(text))
		more, err := emb.readURIs(uris, 1)
		if err != nil {
			return Result{}, &NotScannedError{Format: "html", Reason: err.Error(), Transient: IsTransient(err)}
		}
		text += more
	}
	return Result{Format: "html", Text: text}, nil
}

// htmlSniffPrefixes are the starts by which a browser takes a file for HTML
// (the WHATWG MIME sniffing patterns), each followed by a space or '>'.
var htmlSniffPrefixes = []string{
	"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
	"<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--",
}

func isHTML(name, text string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return true
	}
	s := strings.TrimLeft(text, " \t\r\n\f\ufeff")
	for _, p := range htmlSniffPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) && strings.ContainsRune(" \t\r\n\f>", rune(s[len(p)])) {
			return true
		}
	}
	return false
}

// Elements after which a browser starts a new block: their boundary
// separates words.
var htmlBlockElements = setOf("address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
	"details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
	"h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav", "ol",
	"option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
	"title", "tr", "ul", "script", "style", "textarea", "select", "button", "img", "input", "iframe",
	"meta", "link", "noscript", "object", "embed", "video", "audio", "canvas", "svg", "math")

// Elements HTML names: their names are markup, not held as text.
var htmlKnownElements = setOf("a", "abbr", "area", "b", "base", "bdi", "bdo", "big", "center", "cite",
	"code", "col", "colgroup", "data", "datalist", "del", "dfn", "em", "font", "frame", "frameset",
	"i", "ins", "kbd", "label", "legend", "map", "mark", "menu", "meter", "nobr", "optgroup", "output",
	"param", "picture", "progress", "q", "rp", "rt", "ruby", "s", "samp", "slot", "small", "source",
	"span", "strike", "strong", "sub", "sup", "template", "time", "track", "tt", "u", "var", "wbr",
	"xmp", "noembed", "noframes", "plaintext", "o:p")

// Elements whose content is text up to their end tag: raw text (script,
// style) keeps character references as written, escapable raw text
// (title, textarea) decodes them.
var (
	htmlRawText       = setOf("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript")
	htmlEscapableText = setOf("title", "textarea")
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// htmlConv is one conversion.
type htmlConv struct {
	out  strings.Builder
	held strings.Builder // markup text for the end of the line
	uris []string        // attribute values that are data: URIs (html_datauri.go)
	// nl counts line breaks inside markup, written at the next block
	// boundary so the text's lines stay near the file's.
	nl int
}

// htmlToText converts HTML text; the documents of its data: URIs are not
// read (htmlConvert returns them).
func htmlToText(s string) string {
	text, _ := htmlConvert(s)
	return text
}

// htmlConvert converts HTML text and returns the attribute values that are
// data: URIs. It runs once over the input, every step consuming at least
// a byte.
func htmlConvert(s string) (string, []string) {
	var c htmlConv
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			c.text(html.UnescapeString(s[i : i+j]))
			i += j
			continue
		}
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			body, n := upTo(rest, 4, "-->")
			c.hold(body)
			i += n
		case strings.HasPrefix(rest, "<![CDATA["):
			body, n := upTo(rest, 9, "]]>")
			c.text(body)
			i += n
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			body, n := upTo(rest, 2, ">")
			c.hold(body)
			i += n
		case len(rest) > 1 && isASCIILetter(rest[1]), len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			n, name, closing := c.tag(rest)
			i += n
			if closing {
				break
			}
			raw, escapable := htmlRawText[name], htmlEscapableText[name]
			if !raw && !escapable {
				break
			}
			end := indexFold(s[i:], "</"+name)
			if end < 0 {
				end = len(s) - i
			}
			body := s[i : i+end]
			if escapable {
				body = html.UnescapeString(body)
			}
			c.text(body)
			i += end
		default:
			c.text("<")
			i++
		}
	}
	c.flushHeld()
	for ; c.nl > 0; c.nl-- {
		c.out.WriteByte('\n')
	}
	return c.out.String(), c.uris
}

// upTo returns the text of rest from start to the terminator and the bytes
// consumed (all of rest when the terminator is missing).
func upTo(rest string, start int, term string) (string, int) {
	end := strings.Index(rest[start:], term)
	if end < 0 {
		return rest[start:], len(rest)
	}
	return rest[start : start+end], start + end + len(term)
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// text writes text the page shows; at each line break the held markup
// text ends the line.
func (c *htmlConv) text(t string) {
	for {
		j := strings.IndexByte(t, '\n')
		if j < 0 {
			c.out.WriteString(t)
			return
		}
		c.out.WriteString(t[:j])
		c.flushHeld()
		c.out.WriteByte('\n')
		t = t[j+1:]
	}
}

// hold keeps markup text for the end of the line; its line breaks are
// counted, not written.
func (c *htmlConv) hold(t string) {
	if strings.ContainsAny(t, "\r\n") {
		c.nl += strings.Count(t, "\n")
		t = strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, t)
	}
	t = strings.TrimSpace(t)
	if t != "" {
		c.held.WriteString(t)
		c.held.WriteByte(' ')
	}
}

func (c *htmlConv) flushHeld() {
	if c.held.Len() == 0 {
		return
	}
	if s := c.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
		c.out.WriteByte('\t')
	}
	c.out.WriteString(strings.TrimSuffix(c.held.String(), " "))
	c.held.Reset()
}

// boundary separates the words on either side of a block element, with
// the line breaks held from markup when there are any.
func (c *htmlConv) boundary() {
	if c.nl > 0 {
		c.flushHeld()
		for ; c.nl > 0; c.nl-- {
			c.out.WriteByte('\n')
		}
		return
	}
	if s := c.out.String(); s != "" && !strings.ContainsRune(" \t\n", rune(s[len(s)-1])) {
		c.out.WriteByte(' ')
	}
}

// tag reads the tag at the start of rest ("<name ...>" or "</name ...>"):
// its attribute values (decoded) and unknown names are held. It returns
// the bytes consumed, the lower-case name and whether it is an end tag. A
// tag without its '>' runs to the end of the input.
func (c *htmlConv) tag(rest string) (int, string, bool) {
	i := 1
	closing := rest[i] == '/'
	if closing {
		i++
	}
	start := i
	for i < len(rest) && !strings.ContainsRune(" \t\r\n\f/>", rune(rest[i])) {
		i++
	}
	name := strings.ToLower(rest[start:i])
	if !htmlKnownElements[name] && !htmlBlockElements[name] {
		c.hold(rest[start:i])
	}
	for i < len(rest) && rest[i] != '>' {
		if strings.ContainsRune(" \t\r\n\f/", rune(rest[i])) {
			if rest[i] == '\n' {
				c.nl++
			}
			i++
			continue
		}
		start := i
		for i < len(rest) && !strings.ContainsRune(" \t\r\n\f/>=", rune(rest[i])) {
			i++
		}
		if i == start { // a stray '=': a name of its own
			i++
		}
		attr := rest[start:i]
		j := i
		for j < len(rest) && strings.ContainsRune(" \t\r\n\f", rune(rest[j])) {
			j++
		}
		if j >= len(rest) || rest[j] != '=' {
			c.hold(attr)
			continue
		}
		c.nl += strings.Count(rest[i:j], "\n")
		i = j + 1
		for i < len(rest) && strings.ContainsRune(" \t\r\n\f", rune(rest[i])) {
			if rest[i] == '\n' {
				c.nl++
			}
			i++
		}
		if i >= len(rest) {
			c.hold(attr)
			break
		}
		var value string
		if q := rest[i]; q == '"' || q == '\'' {
			end := strings.IndexByte(rest[i+1:], q)
			if end < 0 {
				end = len(rest) - i - 1
			}
			value = rest[i+1 : i+1+end]
			i += 1 + end + 1
		} else {
			start := i
			for i < len(rest) && !strings.ContainsRune(" \t\r\n\f>", rune(rest[i])) {
				i++
			}
			value = rest[start:i]
		}
		// Held as written, name="value": a detector keyed on an
		// assignment (api_key="...") sees one, as in the raw file.
		value = html.UnescapeString(value)
		c.hold(attr + `="` + value + `"`)
		if isDataURI(value) {
			c.uris = append(c.uris, value)
		}
	}
	if i < len(rest) {
		i++ // the '>'
	}
	if i > len(rest) {
		i = len(rest)
	}
	if htmlBlockElements[name] {
		c.boundary()
	}
	return i, name, closing
}
