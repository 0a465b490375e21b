package main

import (
	"regexp"
	"strings"
)

// keyLike matches anything shaped like an OpenAI secret key, so that a key an
// API error echoes (or one nobody told us about) is not printed either.
var keyLike = regexp.MustCompile(`sk-[A-Za-z0-9_\-*]{4,}`)

// redactor removes the configured keys, and anything key-shaped, from text
// before it is printed.
type redactor struct{ secrets []string }

func (r redactor) clean(s string) string {
	for _, k := range r.secrets {
		if k != "" {
			s = strings.ReplaceAll(s, k, "[redacted]")
		}
	}
	return keyLike.ReplaceAllString(s, "[redacted key]")
}
