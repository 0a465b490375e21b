package posture

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"
)

// The control lists of the compliance frameworks checks are tagged with, one
// embedded file per framework: "# title", "# Source: publication", further
// "# " lines saying what the list was checked against (kept in the file, not
// loaded), then one "control id<TAB>title" per line. A tag is "<framework key>:<control id>",
// for example "iso27001:A.5.15"; TestFrameworkTagsAreControls checks every
// tag against these lists.
//
//go:embed frameworks/*.txt
var frameworkFiles embed.FS

// frameworkKeys is the display order of the frameworks.
var frameworkKeys = []string{"owasp-llm", "nist-ai-rmf", "cis", "iso27001", "soc2"}

// Framework is one compliance framework and its published controls.
type Framework struct {
	Key      string
	Title    string
	Source   string
	Controls []Control
}

// Control is one control (or category, criterion or safeguard) of a
// framework.
type Control struct {
	ID    string
	Title string
}

// Tag is the control's tag within framework f.
func (f Framework) Tag(c Control) string { return f.Key + ":" + c.ID }

var frameworks = mustLoadFrameworks()

func mustLoadFrameworks() []Framework {
	out := make([]Framework, 0, len(frameworkKeys))
	for _, key := range frameworkKeys {
		f, err := parseFramework(key)
		if err != nil {
			panic(err)
		}
		out = append(out, f)
	}
	return out
}

func parseFramework(key string) (Framework, error) {
	b, err := frameworkFiles.ReadFile("frameworks/" + key + ".txt")
	if err != nil {
		return Framework{}, err
	}
	return parseFrameworkText(key, string(b))
}

func parseFrameworkText(key, text string) (Framework, error) {
	f := Framework{Key: key}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "# Source: "):
			f.Source = strings.TrimPrefix(text, "# Source: ")
		case strings.HasPrefix(text, "# ") && f.Title == "":
			f.Title = strings.TrimPrefix(text, "# ")
		case strings.HasPrefix(text, "#") && len(f.Controls) == 0:
			// Provenance notes, before the first control only: a "#" among
			// the controls is more likely a mangled control than a note.
		case strings.TrimSpace(text) == "":
		default:
			id, title, ok := strings.Cut(text, "\t")
			if !ok || id == "" || title == "" || seen[id] {
				return Framework{}, fmt.Errorf("frameworks/%s.txt line %d: want a new \"id<TAB>title\"", key, line)
			}
			seen[id] = true
			f.Controls = append(f.Controls, Control{ID: id, Title: title})
		}
	}
	if f.Title == "" || f.Source == "" || len(f.Controls) == 0 {
		return Framework{}, fmt.Errorf("frameworks/%s.txt: title, source and controls are required", key)
	}
	return f, sc.Err()
}

// Frameworks returns the frameworks, in display order.
func Frameworks() []Framework { return append([]Framework(nil), frameworks...) }

// isControl reports whether a tag names a control of its framework's list.
func isControl(tag string) bool {
	_, _, ok := lookupControl(tag)
	return ok
}

// lookupControl returns the framework and control a tag names.
func lookupControl(tag string) (Framework, Control, bool) {
	key, id, _ := strings.Cut(tag, ":")
	for _, f := range frameworks {
		if f.Key != key {
			continue
		}
		for _, c := range f.Controls {
			if c.ID == id {
				return f, c, true
			}
		}
	}
	return Framework{}, Control{}, false
}

// CheckControls returns the framework tags of a check, sorted in framework
// display order then as listed.
func CheckControls(checkID string) []string {
	return append([]string(nil), checkControls[checkID]...)
}

// FrameworkScores scores the result per framework, with the formula of
// Summary over the rules whose check has a tag of that framework. A
// framework none of whose checks was evaluated has no score.
func FrameworkScores(res Result) map[string]int {
	out := map[string]int{}
	for _, key := range frameworkKeys {
		sub := Result{GeneratedAt: res.GeneratedAt}
		for _, rr := range res.Rules {
			if CheckMatchesFrameworks(rr.CheckID, []string{key}) {
				sub.Rules = append(sub.Rules, rr)
			}
		}
		if len(sub.Rules) > 0 {
			out[key] = sub.Summary().Score
		}
	}
	return out
}

// sortTags orders tags by framework display order, then as their controls
// are listed.
func sortTags(tags []string) {
	rank := func(tag string) (int, int) {
		key, id, _ := strings.Cut(tag, ":")
		for fi, f := range frameworks {
			if f.Key == key {
				for ci, c := range f.Controls {
					if c.ID == id {
						return fi, ci
					}
				}
				return fi, len(f.Controls)
			}
		}
		return len(frameworks), 0
	}
	sort.SliceStable(tags, func(i, j int) bool {
		fi, ci := rank(tags[i])
		fj, cj := rank(tags[j])
		if fi != fj {
			return fi < fj
		}
		return ci < cj
	})
}
