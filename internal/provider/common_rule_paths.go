package provider

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// rulePathError is a posture validation error that says which part of the
// rule it concerns, so a diagnostic can underline the right HCL without
// reading the message. RulePath is relative to the rule: a string step is an
// attribute name or a map key, an int step a list index, for example
// {"waivers", 2, "expires"}, {"parameters", "max_age_days"}, {"enforcement"}.
//
// Every error of posture.ValidateRule and ValidateRuleAt implements it
// (*posture.RuleError), so errors are never placed by their wording.
type rulePathError interface {
	error
	RulePath() []any
}

// rulePaths maps a rule's parts to the HCL attributes they came from: the
// resource writes them at the root, the findings data source under a check
// id (parameters) or at its own waiver index (waivers of every check in one
// list).
type rulePaths struct {
	// parameters is the attribute holding this rule's parameters.
	parameters path.Path
	// enforcement is the attribute holding the enforcement.
	enforcement path.Path
	// waiver returns the attribute of the rule's i-th waiver.
	waiver func(i int) path.Path
}

// resourceRulePaths are the paths of openai_posture_check.
func resourceRulePaths() rulePaths {
	return rulePaths{
		parameters:  path.Root("parameters"),
		enforcement: path.Root("enforcement"),
		waiver:      func(i int) path.Path { return path.Root("waivers").AtListIndex(i) },
	}
}

var waiverIndexInMessage = regexp.MustCompile(`\bwaiver (\d+)\b`)

// ruleErrorPath points err at the attribute it is about. An error without a
// path, or with one outside the rule's own attributes (an unknown check id,
// the provider's max_waiver_days), is placed at the rule's root: the
// resource or data source as a whole.
func (p rulePaths) ruleErrorPath(err error) path.Path {
	var pe rulePathError
	if errors.As(err, &pe) {
		if at, ok := p.fromSteps(pe.RulePath()); ok {
			return at
		}
	}
	return path.Empty()
}

// fromSteps resolves a RulePath; ok is false for a shape it does not know.
func (p rulePaths) fromSteps(steps []any) (path.Path, bool) {
	if len(steps) == 0 {
		return path.Path{}, false
	}
	root, _ := steps[0].(string)
	switch root {
	case "enforcement":
		return p.enforcement, true
	case "parameters":
		at := p.parameters
		if len(steps) > 1 {
			if name, ok := steps[1].(string); ok {
				at = at.AtMapKey(name)
			}
		}
		return at, true
	case "waivers":
		if len(steps) < 2 {
			return path.Path{}, false
		}
		i, ok := steps[1].(int)
		if !ok {
			return path.Path{}, false
		}
		// The path stops at the waiver: waivers is a list-of-objects
		// attribute, and Terraform and OpenTofu can point into an
		// attribute's value only by a final index (waivers[1]); a path
		// ending in waivers[1].expires loses its source and underlines
		// the whole block instead. The message names the field.
		return p.waiver(i), true
	}
	return path.Path{}, false
}

// messagePath places a warning, which posture returns as plain text: its
// messages say "waiver N" for a waiver and name the enforcement; anything
// else (a loosened threshold) is about parameters. Errors never come here
// (ruleErrorPath).
func (p rulePaths) messagePath(msg string) path.Path {
	if m := waiverIndexInMessage.FindStringSubmatch(msg); m != nil {
		if i, err := strconv.Atoi(m[1]); err == nil {
			return p.waiver(i)
		}
	}
	switch {
	case strings.Contains(msg, "waiver"):
		return p.waiver(0).ParentPath()
	case strings.Contains(msg, "enforcement"):
		return p.enforcement
	}
	return p.parameters
}
