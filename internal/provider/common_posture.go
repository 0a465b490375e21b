package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Shared between openai_posture_check and openai_posture_findings: turning
// HCL into posture rules, and findings into Terraform values and diagnostics.

// waiverModel is one waiver as written in HCL.
type waiverModel struct {
	Subject       types.String `tfsdk:"subject"`
	Match         types.String `tfsdk:"match"`
	Finding       types.String `tfsdk:"finding"`
	Justification types.String `tfsdk:"justification"`
	Expires       types.String `tfsdk:"expires"`
}

func (w waiverModel) waiver() posture.Waiver {
	return posture.Waiver{
		Subject:       w.Subject.ValueString(),
		Match:         w.Match.ValueString(),   // null: "", which posture reads as "id"
		Finding:       w.Finding.ValueString(), // null: "", any finding of the subject
		Justification: w.Justification.ValueString(),
		Expires:       w.Expires.ValueString(),
	}
}

func waiversFromModel(ws []waiverModel) []posture.Waiver {
	out := make([]posture.Waiver, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.waiver())
	}
	return out
}

// waiverMatchDescription documents the match attribute of both waiver lists.
var waiverMatchDescription = "What `subject` is compared with: `id` (the default), `name` or `email`. The id is " +
	"assigned by the API; a name (of a GPT, key or project) or an email is chosen or controlled by the subject's " +
	"owner, so a waiver by `name` or `email` is weaker: a renamed subject can take over another one's waiver. " +
	"Valid values: " + strings.Join(posture.WaiverMatchChoices, ", ") + "."

// waiverFindingDescription documents the finding attribute of both waiver
// lists.
var waiverFindingDescription = "The fingerprint of the one finding this waiver accepts (32 lowercase hexadecimal " +
	"characters: the finding's `fingerprint`, the key of `accepted_findings`, the SARIF partial fingerprint " +
	"`" + posture.SARIFFingerprintKey + "`). The subject must match too. Without it the waiver accepts every " +
	"finding of its subject, including violations that appear after the waiver was reviewed (a new external " +
	"recipient of an accepted GPT); with it, a new violation on the same subject still fails. The baseline " +
	"(`baseline_hcl` of `openai_posture_findings`) always sets it."

// waiverFindingValidators reject anything but a fingerprint's form, naming it.
func waiverFindingValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9a-f]{32}$`),
		"must be a finding fingerprint: exactly 32 lowercase hexadecimal characters (0-9, a-f)")}
}

// ruleWarningSummary is the diagnostic summary of a posture validation
// warning.
func ruleWarningSummary(msg string) string {
	if strings.Contains(msg, posture.BaselineJustification) {
		return "Waiver justification is the baseline placeholder"
	}
	return "Posture baseline loosened"
}

// waiverMatchValidators reject any other match value, naming the choices.
func waiverMatchValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(posture.WaiverMatchChoices...)}
}

// paramsFromDynamic reads `parameters = { max_age_days = 90, patterns = [...] }`
// into posture parameters. HCL gives numbers, strings, bools and tuples; kinds
// are checked against each check's specs by posture.ValidateRule, which names
// the parameter and the expected type.
func paramsFromDynamic(p path.Path, d types.Dynamic) (posture.Params, diag.Diagnostics) {
	var diags diag.Diagnostics
	if d.IsNull() || d.IsUnderlyingValueNull() {
		return nil, nil
	}
	var elems map[string]attr.Value
	switch v := d.UnderlyingValue().(type) {
	case types.Object:
		elems = v.Attributes()
	case types.Map:
		elems = v.Elements()
	default:
		diags.AddAttributeError(p, "Invalid parameters",
			"parameters must be an object of parameter names to values, such as { max_age_days = 90 }; got "+d.UnderlyingValue().Type(context.Background()).String())
		return nil, diags
	}
	out := posture.Params{}
	for name, v := range elems {
		pv, err := paramValue(v)
		if err != nil {
			diags.AddAttributeError(p.AtMapKey(name), "Invalid parameter value", fmt.Sprintf("parameter %s: %s", name, err))
			continue
		}
		out[name] = pv
	}
	return out, diags
}

func paramValue(v attr.Value) (posture.ParamValue, error) {
	if v.IsNull() {
		return posture.ParamValue{}, fmt.Errorf("must not be null (leave the parameter out to use its default)")
	}
	switch x := v.(type) {
	case types.Dynamic:
		return paramValue(x.UnderlyingValue())
	case types.Number:
		return intParam(x.ValueBigFloat())
	case types.Int64:
		return posture.IntValue(x.ValueInt64()), nil
	case types.Float64:
		return intParam(big.NewFloat(x.ValueFloat64()))
	case types.String:
		return posture.StringValue(x.ValueString()), nil
	case types.Bool:
		return posture.BoolValue(x.ValueBool()), nil
	case types.Tuple:
		return listParam(x.Elements())
	case types.List:
		return listParam(x.Elements())
	case types.Set:
		return listParam(x.Elements())
	}
	return posture.ParamValue{}, fmt.Errorf("unsupported type %s: use a number, a string, a bool or a list of strings", v.Type(context.Background()))
}

func intParam(f *big.Float) (posture.ParamValue, error) {
	if !f.IsInt() {
		return posture.ParamValue{}, fmt.Errorf("%s is not a whole number", f.Text('g', -1))
	}
	n, acc := f.Int64()
	if acc != big.Exact {
		return posture.ParamValue{}, fmt.Errorf("%s is out of range", f.Text('g', -1))
	}
	return posture.IntValue(n), nil
}

func listParam(elems []attr.Value) (posture.ParamValue, error) {
	out := make([]string, 0, len(elems))
	for i, e := range elems {
		if d, ok := e.(types.Dynamic); ok {
			e = d.UnderlyingValue()
		}
		s, ok := e.(types.String)
		if !ok || s.IsNull() {
			return posture.ParamValue{}, fmt.Errorf("element %d must be a string", i)
		}
		out = append(out, s.ValueString())
	}
	return posture.ListValue(out...), nil
}

// findingsDiagnostic writes one diagnostic for a rule with unwaived findings:
// every finding with what was observed, what the baseline allows, and the
// remediation once (it is the same for every finding of a check).
func findingsDiagnostic(r posture.RuleResult) (summary, detail string) {
	unwaived := r.Unwaived()
	noun := "findings"
	if len(unwaived) == 1 {
		noun = "finding"
	}
	summary = fmt.Sprintf("Posture check %s failed: %d %s (%s severity)", r.CheckID, len(unwaived), noun, r.Severity)
	var b strings.Builder
	fmt.Fprintf(&b, "%s.\n\n", r.Title)
	for _, f := range unwaived {
		// Every line naming a finding starts with a space: Terraform word-wraps
		// other lines at spaces, which could start a line with a name's text.
		// Subject and ObservedText are escaped (no raw newline, ESC, "::").
		fmt.Fprintf(&b, "  - %s\n    observed: %s\n    allowed:  %s\n", f.Subject(), f.ObservedText(), f.Allowed)
		if f.WaiverExpired {
			fmt.Fprintf(&b, "    waiver expired on %s and no longer suppresses this finding\n", f.WaiverExpires)
		}
	}
	if waived := len(r.Findings) - len(unwaived); waived > 0 {
		fmt.Fprintf(&b, "\n%d more waived (see the findings attribute).\n", waived)
	}
	if len(unwaived) > 0 {
		fmt.Fprintf(&b, "\nRemediation: %s\n", unwaived[0].Remediation)
	}
	fmt.Fprintf(&b, "\nTo accept a finding for a while, add a waiver with its subject id, its fingerprint as finding "+
		"(see the findings attribute), a justification and an expiry; "+
		"to report without failing the plan, set enforcement = \"warn\".")
	return summary, b.String()
}

// dataErrorsDiagnostic describes data a check could not read. It is always an
// error: a posture check never passes on data it did not see.
func dataErrorsDiagnostic(r posture.RuleResult) (summary, detail string) {
	summary = fmt.Sprintf("Posture check %s could not be evaluated", r.CheckID)
	var b strings.Builder
	for _, e := range r.Errors {
		if e.Endpoint != "" {
			fmt.Fprintf(&b, "- %s: %s\n", e.Endpoint, e.Cause)
		} else {
			fmt.Fprintf(&b, "- %s\n", e.Cause)
		}
	}
	b.WriteString("\nThe check fails closed: data that could not be read is never treated as a pass.")
	return summary, b.String()
}
