package clidetect

import "strings"

// shellWords splits an environment variable's value into arguments the way
// the CLIs do (github.com/mattn/go-shellwords with its defaults): blanks
// separate words, single quotes keep everything literal, double quotes keep
// blanks, a backslash escapes the next character outside single quotes.
// Shell operators, substitutions and unterminated quotes are not parsed
// (ok is false): the caller then does not guess.
func shellWords(s string) (words []string, ok bool) {
	var (
		cur            strings.Builder
		inWord         bool
		single, double bool
		escaped        bool
	)
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped, inWord = false, true
		case single:
			if r == '\'' {
				single = false
			} else {
				cur.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case double:
			switch r {
			case '"':
				double = false
			case '$', '`':
				return nil, false
			default:
				cur.WriteRune(r)
			}
		case r == '\'':
			single, inWord = true, true
		case r == '"':
			double, inWord = true, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case strings.ContainsRune(";&|<>()`$", r):
			return nil, false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if single || double || escaped {
		return nil, false
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, true
}
