package posture

import (
	"fmt"
	"strings"
)

// subControlSeparators says, per framework, how the id of a sub-control
// extends its parent's, where the embedded list holds both levels; a
// selector naming the parent then selects the checks tagged with its
// sub-controls. Defined here for every framework, so selection and
// messages agree:
//
//   - cis: the 18 controls ("5", Account Management) and their safeguards
//     ("5.3"); checks are tagged with safeguards, so "cis:5" selects the
//     checks tagged cis:5.x.
//   - owasp-llm: LLM01-LLM10, one level.
//   - nist-ai-rmf: the 19 categories (GOVERN-1 ... MANAGE-4) only; the
//     functions (GOVERN ...) and subcategories (GOVERN 1.1) are not in the
//     list, so neither is a selector (a function gets a "did you mean" of
//     its categories).
//   - iso27001: the 93 Annex A controls; the themes (A.5 ...) are not
//     controls, and "A.5.1" must never select "A.5.15".
//   - soc2: the 61 criteria (CC6.1 ...); the series (CC6) are not criteria.
var subControlSeparators = map[string]string{"cis": "."}

// maxListedControls bounds the controls or checks an error message lists.
const maxListedControls = 40

// parentOf reports whether control id parent contains control id child
// (itself included) in framework key.
func parentOf(key, parent, child string) bool {
	if parent == child {
		return true
	}
	sep, ok := subControlSeparators[key]
	return ok && strings.HasPrefix(child, parent+sep)
}

// selectorMatchesTag reports whether a selector (a framework key, or a
// "<key>:<control>" tag) selects a check carrying tag.
func selectorMatchesTag(sel, tag string) bool {
	selKey, selID, hasID := strings.Cut(sel, ":")
	key, id, _ := strings.Cut(tag, ":")
	if selKey != key {
		return false
	}
	return !hasID || parentOf(key, selID, id)
}

// CheckMatchesFrameworks reports whether a check carries a tag one of the
// selectors names: a framework selects every check tagged with one of its
// controls, a control the checks tagged with it or with one of its
// sub-controls (subControlSeparators).
func CheckMatchesFrameworks(checkID string, selectors []string) bool {
	for _, tag := range checkControls[checkID] {
		for _, sel := range selectors {
			if selectorMatchesTag(sel, tag) {
				return true
			}
		}
	}
	return false
}

// ChecksSelectedBy returns the catalog checks a selector selects, in
// catalog order.
func ChecksSelectedBy(sel string) []string {
	var out []string
	for _, id := range CheckIDs() {
		if CheckMatchesFrameworks(id, []string{sel}) {
			out = append(out, id)
		}
	}
	return out
}

// ControlsWithChecks returns the tags of framework key's controls that
// select at least one catalog check, as listed.
func ControlsWithChecks(key string) []string {
	var out []string
	for _, f := range frameworks {
		if f.Key != key {
			continue
		}
		for _, c := range f.Controls {
			if len(ChecksSelectedBy(f.Tag(c))) > 0 {
				out = append(out, f.Tag(c))
			}
		}
	}
	return out
}

// NoCheckSelectedMessage explains why a valid selector selects none of the
// checks otherwise selected (candidates): either no catalog check supports
// it, and it names the framework's controls that have checks, or the checks
// that do are not among the candidates, and it names them.
func NoCheckSelectedMessage(sel string, candidates []string) string {
	if ids := ChecksSelectedBy(sel); len(ids) > 0 {
		return fmt.Sprintf("%q selects none of the checks otherwise selected (%s); the checks tagged with it are %s: "+
			"add them to checks (or lower min_severity), or remove %q", sel, boundedList(candidates), boundedList(ids), sel)
	}
	key, _, _ := strings.Cut(sel, ":")
	return fmt.Sprintf("no check is tagged with %q, so it would report on a control it never looked at; "+
		"the controls of %s that checks support: %s", sel, frameworkTitle(key), boundedList(ControlsWithChecks(key)))
}

// OptInChecksNotEvaluated returns the opt-in checks a selector selects that
// are not among evaluated, in catalog order. With checks unset, frameworks
// narrows the default checks, which leave every opt-in check out: a control
// selector ("iso27001:A.8.12") would otherwise report on a control while
// most of its checks (the DLP ones) were never run, without a word.
func OptInChecksNotEvaluated(sel string, evaluated []string) []string {
	in := make(map[string]bool, len(evaluated))
	for _, id := range evaluated {
		in[id] = true
	}
	var out []string
	for _, id := range ChecksSelectedBy(sel) {
		if c, ok := LookupCheck(id); ok && c.OptIn && !in[id] {
			out = append(out, id)
		}
	}
	return out
}

// OptInNotEvaluatedMessage says which opt-in checks tagged with sel were not
// evaluated, and how to add them.
func OptInNotEvaluatedMessage(sel string, skipped []string) string {
	quoted := make([]string, len(skipped))
	for i, id := range skipped {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	if len(quoted) > maxListedControls {
		quoted = append(quoted[:maxListedControls], "...")
	}
	return fmt.Sprintf("%q also selects %d opt-in check(s) that were not evaluated: %s. Opt-in checks run only when named: "+
		"with checks unset, frameworks narrows the default checks, so a report on %q does not cover them. To evaluate them, "+
		"name them in checks (checks = [%s], plus the default checks you want) with the parameters they need, "+
		"or in parameters", sel, len(skipped), boundedList(skipped), sel, strings.Join(quoted, ", "))
}

func frameworkTitle(key string) string {
	for _, f := range frameworks {
		if f.Key == key {
			return f.Title
		}
	}
	return key
}

// boundedList joins at most maxListedControls items and says how many more.
func boundedList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	if len(items) <= maxListedControls {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:maxListedControls], ", "), len(items)-maxListedControls)
}

// ValidateFrameworkSelector accepts a framework key ("iso27001": every check
// tagged with one of its controls) or a tag ("iso27001:A.5.15"; "cis:5"
// also selects the checks tagged with its safeguards). An error names the
// valid frameworks, or says the control is not one of the framework's and
// suggests the control most likely meant.
func ValidateFrameworkSelector(sel string) error {
	key, id, hasID := strings.Cut(sel, ":")
	for _, f := range frameworks {
		if f.Key != key {
			continue
		}
		if !hasID || isControl(sel) {
			return nil
		}
		return fmt.Errorf("%q is not a control of %s%s; see the check catalog's framework matrix", id, f.Title, controlSuggestion(f, id))
	}
	hint := ""
	for _, k := range frameworkKeys {
		if strings.EqualFold(strings.TrimSpace(key), k) {
			fixed := k
			if hasID {
				fixed += ":" + id
			}
			hint = fmt.Sprintf(" (did you mean %q?)", fixed)
		}
	}
	return fmt.Errorf("unknown framework %q in %q%s; valid frameworks: %s (optionally followed by \":<control>\")", key, sel, hint, strings.Join(frameworkKeys, ", "))
}

// controlSuggestion names the control meant by an id that is not one of
// f's: the control equal to it but for case and surrounding spaces, else
// the controls it is a prefix of (a function or series: "GOVERN", "CC6"),
// else an example.
func controlSuggestion(f Framework, id string) string {
	want := strings.TrimSpace(id)
	for _, c := range f.Controls {
		if strings.EqualFold(c.ID, want) {
			return fmt.Sprintf(": did you mean %q?", f.Tag(c))
		}
	}
	var under []string
	if want != "" {
		for _, c := range f.Controls {
			if len(c.ID) > len(want) && strings.EqualFold(c.ID[:len(want)], want) {
				under = append(under, f.Tag(c))
			}
		}
	}
	if len(under) > 0 {
		return fmt.Sprintf(": did you mean one of %s?", boundedList(under))
	}
	return fmt.Sprintf(" (for example %q)", f.Tag(f.Controls[0]))
}
