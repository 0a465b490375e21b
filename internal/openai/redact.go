package openai

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// redactedMark replaces every secret in server text.
const redactedMark = "[REDACTED]"

// keyShaped matches a token shaped like an OpenAI secret key: "sk-" then at
// least 20 characters of the key alphabet. That covers sk-proj-…, sk-admin-…,
// sk-svcacct-… and legacy sk-… keys. It catches keys the provider was not
// configured with (another admin's key echoed by a proxy, a project key in a
// GPT description) while leaving the API's own masked forms such as
// "sk-abc...wxyz" or "sk-proj-****1234" alone, which are too short or broken
// by characters outside the alphabet.
var keyShaped = regexp.MustCompile(`sk-[A-Za-z0-9_-]{20,}`)

// Limits on how much server text an error may quote, in bytes: a body
// snippet, an error envelope's message, and its short fields (type, param,
// code). They keep a hostile or broken server from flooding plan output.
const (
	snippetMax       = 200
	serverMessageMax = 1000
	serverFieldMax   = 100
)

// redact removes every configured key and every key-shaped token from s, for
// text that came from a server (an error message, a proxy page or a cursor
// could echo a key back).
func (c *Client) redact(s string) string {
	for _, k := range c.secrets() {
		for _, form := range keyForms(k) {
			s = strings.ReplaceAll(s, form, redactedMark)
		}
	}
	s = keyShaped.ReplaceAllString(s, redactedMark)
	if c.hidesKey(s) {
		// A key survives only in a disguise no replacement can target
		// (percent-encoded piecewise, split by control characters): quote
		// nothing of this text.
		return redactedMark + " (server text withheld: it contained an encoded key)"
	}
	return s
}

// keyForms are the spellings of key k a server could echo: as is, URL- and
// path-escaped, and base64 in the standard and URL alphabets, padded or not.
func keyForms(k string) []string {
	return []string{
		k, url.QueryEscape(k), url.PathEscape(k),
		base64.StdEncoding.EncodeToString([]byte(k)), base64.RawStdEncoding.EncodeToString([]byte(k)),
		base64.URLEncoding.EncodeToString([]byte(k)), base64.RawURLEncoding.EncodeToString([]byte(k)),
	}
}

// hidesKey reports whether s still carries a key once percent-escapes are
// decoded and control characters removed.
func (c *Client) hidesKey(s string) bool {
	variants := []string{strings.Map(dropControl, s)}
	if strings.Contains(s, "%") {
		if u, err := url.PathUnescape(s); err == nil {
			variants = append(variants, u, strings.Map(dropControl, u))
		} else if u, err := url.QueryUnescape(s); err == nil {
			variants = append(variants, u)
		}
	}
	for _, v := range variants {
		if keyShaped.MatchString(v) {
			return true
		}
		for _, k := range c.secrets() {
			if strings.Contains(v, k) {
				return true
			}
		}
	}
	return false
}

func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

// serverText prepares one field of a server's error envelope for an error
// message: redacted over its whole length, then cut to max bytes.
func (c *Client) serverText(s string, limit int) string {
	return truncateUTF8(c.redact(s), limit)
}

// snippet returns a short, printable, redacted prefix of a body for error
// messages. Redaction runs over the whole body before it is cut: cutting
// first would leave the head of a key that straddles the cut, which neither
// the exact match nor the key-shape match would then recognise.
func (c *Client) snippet(body []byte) string {
	s := c.redact(string(body))
	s = strings.Map(func(r rune) rune {
		if r == unicode.ReplacementChar || (unicode.IsControl(r) && r != ' ') {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return truncateUTF8(s, snippetMax)
}

// truncateUTF8 cuts s to at most limit bytes without splitting a rune.
func truncateUTF8(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// redactedError carries an error whose text came from the server (a decoder
// quoting a field value) with that text redacted; Unwrap keeps the original
// for errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: c.redact(err.Error()), err: err}
}
