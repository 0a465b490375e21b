package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// ValidateConfig reports a wrong check id, parameter or waiver at validate
// time, before any API call, naming the field and the valid choices.
func (r *postureCheckResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// Only check is read before the config is known: in a module, every
	// input (waivers included) is unknown while Terraform validates.
	var check types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("check"), &check)...)
	if resp.Diagnostics.HasError() || check.IsUnknown() || check.IsNull() {
		return
	}
	if _, ok := posture.LookupCheck(check.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(path.Root("check"), "Unknown posture check", unknownCheckMessage(check.ValueString()))
		return
	}
	if !req.Config.Raw.IsFullyKnown() {
		return // a value comes from another resource; validated at plan time, once known
	}
	var m postureCheckModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rule, diags := m.rule(0)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	// Errors without an as-of date: the waiver length depends on the
	// provider's max_waiver_days, unknown here, and is checked by ModifyPlan.
	paths := resourceRulePaths()
	_, errs := posture.ValidateRule(rule)
	for _, err := range errs {
		resp.Diagnostics.AddAttributeError(paths.ruleErrorPath(err), "Invalid posture check", err.Error())
	}
	warnings, _ := posture.ValidateRuleAt(rule, r.env.asOfDay())
	for _, w := range warnings {
		resp.Diagnostics.AddAttributeWarning(paths.messagePath(w), "Posture baseline loosened", w)
	}
}

// ModifyPlan evaluates the rule against the live organization and plans the
// findings, so a new or fixed violation is a visible change. It fails the plan
// on unwaived findings (enforcement "error") and on unreadable data (always).
//
// It runs for every plan of the resource, including no-op plans and the plan
// Terraform makes again during apply: given the same live data it must plan
// the same values, so new findings get an unknown first_seen (resolved when
// apply records them) rather than a timestamp that would differ.
func (r *postureCheckResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy: forgetting the posture is never blocked
	}
	var plan postureCheckModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.data == nil || !req.Config.Raw.IsFullyKnown() {
		// The provider configuration, a parameter or a waiver comes from a
		// resource of this run (or from a function like timestamp()).
		// Evaluating now would judge the wrong thing, and keeping the recorded
		// results would pass silently: the results are unknown until apply.
		plan.markUnknown()
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		summary := "Posture check " + plan.Check.ValueString() + " cannot be judged in this plan"
		detail := "Part of the provider configuration or of this check's parameters, waivers or enforcement is not " +
			"known until apply, so the live organization cannot be judged now. A plan-only pipeline would never judge " +
			"it, so a check that can fail the plan (enforcement \"error\") fails here instead of passing unjudged. " +
			"Use literal values, variables or data sources for the provider configuration and the check, or set " +
			"enforcement = \"warn\" to let it be evaluated during apply."
		if plan.Enforcement.ValueString() == posture.EnforcementWarn {
			// A warn check cannot fail a plan anyway: deferring it to apply,
			// where Terraform plans again with the values known, loses nothing.
			resp.Diagnostics.AddAttributeWarning(path.Root("check"), "Posture check "+plan.Check.ValueString()+" deferred to apply",
				"Part of the provider configuration or of this check's parameters or waivers is not known until apply, "+
					"so this warn-only check is evaluated during apply.")
			return
		}
		r.failUnlessDestroying(&resp.Diagnostics)(path.Root("check"), summary, detail)
		return
	}
	rule, diags := plan.rule(r.data.maxWaiverDays)
	if diags.HasError() {
		return // reported by ValidateConfig
	}
	if _, errs := posture.ValidateRule(rule); len(errs) > 0 {
		return // reported by ValidateConfig
	}

	fail := r.failUnlessDestroying(&resp.Diagnostics)

	// What only the as-of date and the provider configuration can tell: a
	// waiver running longer than max_waiver_days.
	if _, errs := posture.ValidateRuleAt(rule, r.env.asOfDay()); len(errs) > 0 {
		paths := resourceRulePaths()
		for _, err := range errs {
			fail(paths.ruleErrorPath(err), "Invalid posture check", err.Error())
		}
		return
	}

	if req.Private != nil {
		r.data.verdicts.seedVerdicts(ctx, rule.CheckID, req.Private)
	}
	res := r.evaluate(ctx, rule)
	if len(res.Errors) > 0 {
		summary, detail := dataErrorsDiagnostic(res)
		fail(path.Root("check"), summary, detail)
		return
	}
	if resp.Private != nil {
		resp.Diagnostics.Append(r.data.verdicts.keepVerdicts(ctx, rule, resp.Private)...)
	}

	prior := types.ListNull(checkFindingType)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("findings"), &prior)...)
	}
	resp.Diagnostics.Append(plan.setResult(ctx, res, prior, types.StringUnknown())...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)

	for _, w := range res.Warnings {
		resp.Diagnostics.AddAttributeWarning(path.Root("waivers"), "Posture check "+res.CheckID, w)
	}
	if len(res.Unwaived()) == 0 {
		return
	}
	summary, detail := findingsDiagnostic(res)
	if res.Enforcement == posture.EnforcementWarn {
		resp.Diagnostics.AddAttributeWarning(path.Root("check"), summary, detail)
		return
	}
	fail(path.Root("check"), summary, detail)
}

// failUnlessDestroying returns how a failing check is reported: an error, or a
// warning under a destroy. Before a destroy Terraform refreshes state with a
// normal plan, where an error would block the destroy.
func (r *postureCheckResource) failUnlessDestroying(diags *diag.Diagnostics) func(path.Path, string, string) {
	if r.env.destroy.Destroying() {
		return diags.AddAttributeWarning
	}
	return diags.AddAttributeError
}
