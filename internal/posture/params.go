package posture

import (
	"fmt"
	"sort"
	"strings"
)

// ParamKind is the type of a check parameter.
type ParamKind string

// Parameter kinds. They map one-to-one onto HCL types: number, string,
// list(string), bool.
const (
	ParamInt        ParamKind = "int"
	ParamString     ParamKind = "string"
	ParamStringList ParamKind = "list(string)"
	ParamBool       ParamKind = "bool"
)

// ParamValue is one parameter value as it arrives from HCL. Exactly the field
// matching Kind is meaningful.
type ParamValue struct {
	Kind   ParamKind
	Int    int64
	String string
	List   []string
	Bool   bool
}

// Params are a rule's parameters by name.
type Params map[string]ParamValue

// IntValue, StringValue, ListValue and BoolValue build ParamValues.
func IntValue(v int64) ParamValue { return ParamValue{Kind: ParamInt, Int: v} }

// StringValue builds a string ParamValue.
func StringValue(v string) ParamValue { return ParamValue{Kind: ParamString, String: v} }

// ListValue builds a list(string) ParamValue.
func ListValue(v ...string) ParamValue {
	return ParamValue{Kind: ParamStringList, List: append([]string{}, v...)}
}

// BoolValue builds a bool ParamValue.
func BoolValue(v bool) ParamValue { return ParamValue{Kind: ParamBool, Bool: v} }

// HCL renders the value as it would be written in HCL.
func (v ParamValue) HCL() string {
	switch v.Kind {
	case ParamInt:
		return fmt.Sprint(v.Int)
	case ParamString:
		return fmt.Sprintf("%q", v.String)
	case ParamStringList:
		q := make([]string, len(v.List))
		for i, s := range v.List {
			q[i] = fmt.Sprintf("%q", s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case ParamBool:
		return fmt.Sprint(v.Bool)
	}
	return "null"
}

// ParamSpec declares one parameter of a check.
type ParamSpec struct {
	Name        string
	Kind        ParamKind
	Description string
	// Default is used when the rule does not set the parameter. Ignored when
	// Required.
	Default ParamValue
	// Required parameters have no sensible default (declared patterns,
	// allowed domains, declared projects); a check with one is opt-in.
	Required bool
	// Min and Max bound an int parameter (inclusive) when HasRange.
	HasRange bool
	Min, Max int64
	// WarnAbove / WarnBelow: a value past this floor is accepted but loosens
	// the baseline enough to deserve a warning (0 = no floor). A baseline can
	// be weakened by pull request too.
	WarnAbove, WarnBelow int64
	// Choices restricts string values, and each element of a list.
	Choices []string
	// validate checks values beyond kind, range and choices (patterns).
	validate func(ParamValue) error
}

// resolvedParams are a rule's parameters after validation, with defaults.
type resolvedParams map[string]ParamValue

func (p resolvedParams) int(name string) int64     { return p[name].Int }
func (p resolvedParams) str(name string) string    { return p[name].String }
func (p resolvedParams) list(name string) []string { return p[name].List }
func (p resolvedParams) boolean(name string) bool  { return p[name].Bool }

// resolveParams validates params against the check's specs and fills in
// defaults. Errors name the parameter and the valid choices or range.
func resolveParams(c *Check, params Params) (resolvedParams, []string, []error) {
	var warnings []string
	var errs []error
	specs := map[string]ParamSpec{}
	for _, s := range c.Params {
		specs[s.Name] = s
	}

	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := specs[n]; !ok {
			errs = append(errs, ruleErrorf(paramPath(n), "unknown parameter %q for check %s; valid: %s", n, c.ID, c.paramNames()))
		}
	}

	out := resolvedParams{}
	for _, s := range c.Params {
		v, set := params[s.Name]
		if !set {
			if s.Required {
				// The path stops at the map: the key is absent.
				errs = append(errs, ruleErrorf([]any{"parameters"}, "check %s requires parameter %s (%s): %s", c.ID, s.Name, s.Kind, s.Description))
				continue
			}
			out[s.Name] = s.Default
			continue
		}
		if v.Kind != s.Kind {
			errs = append(errs, ruleErrorf(paramPath(s.Name), "parameter %s of check %s must be %s, got %s", s.Name, c.ID, s.Kind, kindOrNull(v.Kind)))
			continue
		}
		if err := s.check(c.ID, v); err != nil {
			errs = append(errs, locate(paramPath(s.Name), err))
			continue
		}
		if w := s.floorWarning(c.ID, v); w != "" {
			warnings = append(warnings, w)
		}
		out[s.Name] = v
	}
	if len(errs) == 0 && c.validateParams != nil {
		if err := c.validateParams(out); err != nil {
			errs = append(errs, locate([]any{"parameters"}, fmt.Errorf("check %s: %w", c.ID, err)))
		}
	}
	if len(errs) == 0 && c.paramWarnings != nil {
		for _, w := range c.paramWarnings(out) {
			warnings = append(warnings, fmt.Sprintf("check %s: %s", c.ID, w))
		}
	}
	return out, warnings, errs
}

func kindOrNull(k ParamKind) string {
	if k == "" {
		return "null"
	}
	return string(k)
}

func (s ParamSpec) check(checkID string, v ParamValue) error {
	if s.Kind == ParamInt && s.HasRange && (v.Int < s.Min || v.Int > s.Max) {
		return fmt.Errorf("parameter %s of check %s must be between %d and %d, got %d", s.Name, checkID, s.Min, s.Max, v.Int)
	}
	if len(s.Choices) > 0 {
		vals := []string{v.String}
		if s.Kind == ParamStringList {
			vals = v.List
		}
		for _, x := range vals {
			if !containsFold(s.Choices, x) {
				return fmt.Errorf("parameter %s of check %s: %q is not valid; valid: %s", s.Name, checkID, x, strings.Join(s.Choices, ", "))
			}
		}
	}
	if s.Kind == ParamStringList {
		for i, x := range v.List {
			if strings.TrimSpace(x) == "" {
				return fmt.Errorf("parameter %s of check %s: element %d is empty", s.Name, checkID, i)
			}
		}
	}
	if s.validate != nil {
		if err := s.validate(v); err != nil {
			return fmt.Errorf("parameter %s of check %s: %w", s.Name, checkID, err)
		}
	}
	return nil
}

func (s ParamSpec) floorWarning(checkID string, v ParamValue) string {
	if s.Kind != ParamInt {
		return ""
	}
	if s.WarnAbove > 0 && v.Int > s.WarnAbove {
		return fmt.Sprintf("check %s: %s = %d loosens the baseline past the recommended maximum of %d", checkID, s.Name, v.Int, s.WarnAbove)
	}
	if s.WarnBelow > 0 && v.Int < s.WarnBelow {
		return fmt.Sprintf("check %s: %s = %d loosens the baseline past the recommended minimum of %d", checkID, s.Name, v.Int, s.WarnBelow)
	}
	return ""
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
