package posture

import (
	"errors"
	"fmt"
)

// RuleError is a validation error of a rule that says which part of the rule
// it concerns, so the provider can underline the right attribute without
// reading the message. Every error of ValidateRule and ValidateRuleAt is one
// (find it with errors.As).
type RuleError struct {
	// Path is relative to the rule: a string step is an attribute name or a
	// map key, an int step a list index, for example {"waivers", 2,
	// "expires"}, {"parameters", "max_age_days"}, {"enforcement"}. Nil means
	// the rule as a whole (an unknown check id).
	Path []any
	Err  error
}

func (e *RuleError) Error() string { return e.Err.Error() }

func (e *RuleError) Unwrap() error { return e.Err }

// RulePath returns a copy of Path.
func (e *RuleError) RulePath() []any { return append([]any(nil), e.Path...) }

// ruleErrorf formats a RuleError at path.
func ruleErrorf(path []any, format string, args ...any) error {
	return &RuleError{Path: path, Err: fmt.Errorf(format, args...)}
}

// paramPath is the path of parameter name.
func paramPath(name string) []any { return []any{"parameters", name} }

// waiverPath is the path of attribute attr of waiver i.
func waiverPath(i int, attr string) []any { return []any{"waivers", i, attr} }

// paramError locates a check's cross-parameter error (validateParams) at the
// parameter it is about.
func paramError(name string, err error) error { return &RuleError{Path: paramPath(name), Err: err} }

// locate wraps err at path unless err already carries a RuleError (whose
// path is more precise); the message is err's.
func locate(path []any, err error) error {
	var re *RuleError
	if errors.As(err, &re) {
		return &RuleError{Path: re.Path, Err: err}
	}
	return &RuleError{Path: path, Err: err}
}
