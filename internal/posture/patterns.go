package posture

import (
	"fmt"
	"regexp"
	"strings"
)

// filePattern matches file names for the dlp_*_file checks.
//
// Syntax: a pattern starting with "re:" is a Go (RE2) regular expression
// matched anywhere in the name (anchor it with ^...$ if needed; add (?i) for
// case-insensitivity). Anything else is a case-insensitive glob on the whole
// file name, where * matches any run of characters and ? one character:
// "*.pem", "*payroll*", "id_rsa*".
type filePattern struct {
	source string
	re     *regexp.Regexp
}

const regexPrefix = "re:"

func compilePattern(p string) (filePattern, error) {
	if strings.TrimSpace(p) == "" {
		return filePattern{}, fmt.Errorf("empty pattern")
	}
	if expr, ok := strings.CutPrefix(p, regexPrefix); ok {
		re, err := regexp.Compile(expr)
		if err != nil {
			return filePattern{}, fmt.Errorf("pattern %q is not a valid regular expression: %v", p, err)
		}
		return filePattern{source: p, re: re}, nil
	}
	var b strings.Builder
	b.WriteString("(?is)^")
	for _, r := range p {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return filePattern{source: p, re: regexp.MustCompile(b.String())}, nil
}

func (f filePattern) match(name string) bool { return f.re.MatchString(name) }

func compilePatterns(list []string) ([]filePattern, error) {
	out := make([]filePattern, 0, len(list))
	for _, p := range list {
		fp, err := compilePattern(p)
		if err != nil {
			return nil, err
		}
		out = append(out, fp)
	}
	return out, nil
}

func validatePatterns(v ParamValue) error {
	if len(v.List) == 0 {
		return fmt.Errorf("declare at least one pattern")
	}
	_, err := compilePatterns(v.List)
	return err
}

// firstMatch returns the first pattern matching name.
func firstMatch(patterns []filePattern, name string) (filePattern, bool) {
	for _, p := range patterns {
		if p.match(name) {
			return p, true
		}
	}
	return filePattern{}, false
}
