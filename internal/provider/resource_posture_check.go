package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = (*postureCheckResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*postureCheckResource)(nil)
	_ resource.ResourceWithValidateConfig = (*postureCheckResource)(nil)
	_ resource.ResourceWithImportState    = (*postureCheckResource)(nil)
)

// newPostureCheckResource is openai_posture_check: one baseline rule. It
// changes nothing in OpenAI; its "apply" only records the accepted posture
// in state, so the next plan shows drift against it. The provider creates it
// with its clock and destroy detector (there is deliberately no constructor
// without them: a resource that cannot tell a destroy would block it, one
// with a wrong guess would let failures through).
func newPostureCheckResource(env runEnv) resource.Resource { return &postureCheckResource{env: env} }

type postureCheckResource struct {
	data *providerData
	// env holds the clock and the destroy detector, injected by the provider.
	env runEnv
}

type postureCheckModel struct {
	ID           types.String  `tfsdk:"id"`
	Check        types.String  `tfsdk:"check"`
	Enforcement  types.String  `tfsdk:"enforcement"`
	Parameters   types.Dynamic `tfsdk:"parameters"`
	Waivers      []waiverModel `tfsdk:"waivers"`
	Title        types.String  `tfsdk:"title"`
	Severity     types.String  `tfsdk:"severity"`
	Remediation  types.String  `tfsdk:"remediation"`
	Passed       types.Bool    `tfsdk:"passed"`
	FindingCount types.Int64   `tfsdk:"finding_count"`
	Findings     types.List    `tfsdk:"findings"`
	Accepted     types.List    `tfsdk:"accepted_findings"`
}

func (r *postureCheckResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_posture_check"
}

func (r *postureCheckResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One rule of a posture baseline: a check from the catalog, its parameters, its " +
			"waivers and its enforcement. `terraform plan` evaluates it against the live organization: with " +
			"`enforcement = \"error\"` the plan fails while unwaived findings exist; with `\"warn\"` they are " +
			"warnings. Live findings are recorded in state on refresh (`findings`), and `accepted_findings` keeps " +
			"those of the last apply, so a new or fixed violation is a planned change against the last accepted " +
			"posture. The resource never changes the organization, and destroying it only forgets the recorded " +
			"posture.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The check id (also the import id).",
			},
			"check": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Check id from the catalog, for example `admin_key_rotation` (see the check catalog guide).",
			},
			"enforcement": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(posture.EnforcementError),
				MarkdownDescription: "`error` (default) fails the plan while unwaived findings exist; `warn` reports " +
					"them as warnings. Unreadable data is an error in both modes.",
				Validators: []validator.String{stringvalidator.OneOf(posture.EnforcementError, posture.EnforcementWarn)},
			},
			"parameters": schema.DynamicAttribute{
				Optional: true,
				MarkdownDescription: "Parameters of the check as an object, for example `{ max_age_days = 30 }` or " +
					"`{ patterns = [\"*.pem\"] }`. Unset parameters take the check's defaults; the check catalog guide " +
					"lists each check's parameters. A threshold loosened past its recommended floor gives a warning.",
			},
			"waivers": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "Accepted findings, each for a while and with a reason. A waived finding is still " +
					"reported (with `waived = true`) but does not fail the plan. Once `expires` passes, the waiver stops " +
					"suppressing and the finding is reported as having an expired waiver.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"subject": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "The finding's subject id (or its name or email, with `match`), " +
							"case-insensitive; `*` matches any run of characters (`key_ci_*`). A subject of only `*` is rejected.",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"match": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: waiverMatchDescription,
						Validators:          waiverMatchValidators(),
					},
					"finding": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: waiverFindingDescription,
						Validators:          waiverFindingValidators(),
					},
					"justification": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Why the finding is accepted; kept in the plan and in reports as the audit trail. " +
							"The baseline's placeholder (`TODO: ...`) still waives, with a warning until it is replaced.",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"expires": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "When the waiver stops suppressing: a date `YYYY-MM-DD` (valid through the " +
							"end of that day, UTC) or an RFC 3339 timestamp (valid until the start of its UTC day, since checks are judged as of the start of the day). At most the provider's `max_waiver_days` " +
							"(365 by default) after today: a longer waiver is an error at plan time.",
						Validators: []validator.String{validators.WaiverExpiry()},
					},
				}},
			},
			"title":       schema.StringAttribute{Computed: true, MarkdownDescription: "Title of the check."},
			"severity":    schema.StringAttribute{Computed: true, MarkdownDescription: "Severity of the check: `critical`, `high`, `medium` or `low`."},
			"remediation": schema.StringAttribute{Computed: true, MarkdownDescription: "How to fix a finding of this check."},
			"passed": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "True when the check has no unwaived findings."},
			"finding_count": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of unwaived findings."},
			"accepted_findings": schema.ListAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The findings as of the last apply, one line each (`kind name (id)`, with " +
					"`[waived]` when a waiver covers it; brackets in a name or sub-key are shown escaped, `\\x5b` and `\\x5d`, so only " +
					"this marker has them). Refresh updates `findings` but not this list, and every plan " +
					"sets it to the live findings, so a new, fixed or newly waived finding is a planned change: " +
					"`terraform plan -detailed-exitcode` exits 2 until the new posture is applied (accepted).",
			},
			"findings": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "Every finding, waived or not, in a stable order (subject id). A finding's " +
					"`fingerprint` is stable while the violation lasts.",
				NestedObject: schema.NestedAttributeObject{Attributes: resourceFindingAttributes()},
			},
		},
	}
}

func (r *postureCheckResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// rule turns the model into a posture rule, with diagnostics for parameters
// that are not well-formed HCL values. maxWaiverDays is the provider's
// max_waiver_days (0 when unknown or unset: the posture default).
func (m postureCheckModel) rule(maxWaiverDays int) (posture.Rule, diag.Diagnostics) {
	params, diags := paramsFromDynamic(path.Root("parameters"), m.Parameters)
	return posture.Rule{
		CheckID:       m.Check.ValueString(),
		Params:        params,
		Enforcement:   m.Enforcement.ValueString(),
		Waivers:       waiversFromModel(m.Waivers),
		MaxWaiverDays: maxWaiverDays,
	}, diags
}

// maxWaiverDays is the configured provider's max_waiver_days, or 0 (the
// posture default) before the provider is configured.
func (p *providerData) maxWaiverDaysOrDefault() int {
	if p == nil {
		return 0
	}
	return p.maxWaiverDays
}

// evaluate runs the rule against the live organization through posture's
// one front door, which owns the as-of clock and what the check reads.
func (r *postureCheckResource) evaluate(ctx context.Context, rule posture.Rule) posture.RuleResult {
	res := posture.Run(ctx, r.data.snapshot, posture.Selection{Rules: []posture.Rule{rule}, Now: r.env.now()}).Rules[0]
	tflog.Debug(ctx, "evaluated posture check", map[string]any{
		"check": rule.CheckID, "findings": len(res.Findings), "unwaived": len(res.Unwaived()), "errors": len(res.Errors),
	})
	return res
}

// setResult fills the computed attributes from an evaluation. A finding
// already in prior keeps its first_seen; a new one gets firstSeenNew (unknown
// in a plan, the current time when recording).
func (m *postureCheckModel) setResult(ctx context.Context, res posture.RuleResult, prior types.List, firstSeenNew types.String) diag.Diagnostics {
	c, _ := posture.LookupCheck(res.CheckID)
	m.ID = types.StringValue(res.CheckID)
	m.Title = types.StringValue(c.Title)
	m.Severity = types.StringValue(string(c.Severity))
	m.Remediation = types.StringValue(c.Remediation)
	m.Passed = types.BoolValue(res.Passed())
	m.FindingCount = types.Int64Value(int64(len(res.Unwaived())))
	seen, diags := firstSeenByFingerprint(ctx, prior)
	findings := make([]checkFindingModel, 0, len(res.Findings))
	for _, f := range res.Findings {
		first, ok := seen[f.Fingerprint]
		if !ok {
			first = firstSeenNew
		}
		findings = append(findings, newCheckFinding(f, first))
	}
	var d diag.Diagnostics
	m.Findings, d = checkFindingsList(ctx, findings)
	diags.Append(d...)
	m.Accepted = acceptedLabels(res.Findings)
	return diags
}

// markUnknown sets every evaluated attribute to unknown, for a plan that
// cannot evaluate the check yet.
func (m *postureCheckModel) markUnknown() {
	m.ID = types.StringUnknown()
	m.Title = types.StringUnknown()
	m.Severity = types.StringUnknown()
	m.Remediation = types.StringUnknown()
	m.Passed = types.BoolUnknown()
	m.FindingCount = types.Int64Unknown()
	m.Findings = types.ListUnknown(checkFindingType)
	m.Accepted = types.ListUnknown(types.StringType)
}

// acceptedLabels renders findings as the readable lines of accepted_findings.
func acceptedLabels(fs []posture.Finding) types.List {
	labels := make([]attr.Value, 0, len(fs))
	for _, f := range fs {
		l := f.SubjectLabel() // escaped: the label is shown in the plan's diff
		if f.SubKey != "" {
			l += " " + f.SubKeyText()
		}
		if f.Waived {
			l += " [waived]"
		}
		labels = append(labels, types.StringValue(l))
	}
	return types.ListValueMust(types.StringType, labels)
}

// firstSeenByFingerprint reads the recorded first_seen of prior findings.
func firstSeenByFingerprint(ctx context.Context, l types.List) (map[string]types.String, diag.Diagnostics) {
	out := map[string]types.String{}
	if l.IsNull() || l.IsUnknown() {
		return out, nil
	}
	var prior []checkFindingModel
	diags := l.ElementsAs(ctx, &prior, false)
	for _, f := range prior {
		if !f.Fingerprint.IsNull() && !f.FirstSeen.IsNull() && !f.FirstSeen.IsUnknown() {
			out[f.Fingerprint.ValueString()] = f.FirstSeen
		}
	}
	return out, diags
}

// resolveFirstSeen replaces the unknown first_seen of new findings in a
// planned list with now, when the plan is recorded by apply.
func resolveFirstSeen(ctx context.Context, l types.List, now time.Time) (types.List, diag.Diagnostics) {
	if l.IsNull() || l.IsUnknown() {
		return l, nil
	}
	var findings []checkFindingModel
	diags := l.ElementsAs(ctx, &findings, false)
	if diags.HasError() {
		return l, diags
	}
	stamp := types.StringValue(now.UTC().Format(time.RFC3339))
	for i := range findings {
		if findings[i].FirstSeen.IsUnknown() {
			findings[i].FirstSeen = stamp
		}
	}
	out, d := checkFindingsList(ctx, findings)
	diags.Append(d...)
	return out, diags
}

func (r *postureCheckResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.record(ctx, req.Plan, &resp.State, &resp.Diagnostics)
	// The framework does not hand a create the private state its plan set
	// (an update gets it): keep the verdicts this process judged the
	// check's files with. Terraform plans the resource again during every
	// apply, a saved plan's too, in the apply's own provider process, so
	// that plan (ModifyPlan) ran here just before and used them
	// (TestAccCLIDLPVerdictsSavedPlan).
	var m postureCheckModel
	if resp.Diagnostics.HasError() || r.data == nil || resp.Private == nil || req.Plan.Get(ctx, &m).HasError() {
		return
	}
	if rule, d := m.rule(r.data.maxWaiverDaysOrDefault()); !d.HasError() {
		resp.Diagnostics.Append(r.data.verdicts.keepVerdicts(ctx, rule, resp.Private)...)
	}
}

func (r *postureCheckResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.record(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// record stores the planned posture: apply accepts what the plan showed and
// evaluates nothing again, so state is exactly the plan.
func (r *postureCheckResource) record(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var m postureCheckModel
	diags.Append(plan.Get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	var d diag.Diagnostics
	m.Findings, d = resolveFirstSeen(ctx, m.Findings, r.env.now())
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, &m)...)
}

// Read records the live findings in state (refresh), so drift shows up
// against the last accepted posture. It never fails on violations or on
// unreadable data: a refresh also runs before destroy, which must never be
// blocked. ModifyPlan reports both.
func (r *postureCheckResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if r.data == nil {
		return // provider configuration unknown until apply: keep the recorded posture; ModifyPlan defers the check
	}
	var m postureCheckModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Enforcement.IsNull() {
		m.Enforcement = types.StringValue(posture.EnforcementError) // imported
	}
	// A rule that cannot be evaluated from state alone (imported without its
	// required parameters, or written by another version) keeps its recorded
	// posture: Read never fails, since a refresh also precedes destroy, and
	// the plan judges the rule as configured.
	rule, diags := m.rule(r.data.maxWaiverDaysOrDefault())
	if diags.HasError() {
		return
	}
	if _, errs := posture.ValidateRuleAt(rule, r.env.asOfDay()); len(errs) > 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("check"), "Posture check not refreshed",
			"The rule recorded in state cannot be evaluated on its own ("+errs[0].Error()+"); the next plan evaluates it as configured.")
		return
	}
	if req.Private != nil {
		r.data.verdicts.seedVerdicts(ctx, rule.CheckID, req.Private)
	}
	res := r.evaluate(ctx, rule)
	if len(res.Errors) > 0 {
		summary, detail := dataErrorsDiagnostic(res)
		resp.Diagnostics.AddWarning(summary+" during refresh; keeping the last recorded findings", detail)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	if resp.Private != nil {
		resp.Diagnostics.Append(r.data.verdicts.keepVerdicts(ctx, rule, resp.Private)...)
	}
	accepted := m.Accepted // refresh records the live findings, not their acceptance
	resp.Diagnostics.Append(m.setResult(ctx, res, m.Findings, types.StringValue(r.env.now().UTC().Format(time.RFC3339)))...)
	m.Accepted = accepted
	if m.Accepted.IsNull() || m.Accepted.IsUnknown() {
		m.Accepted = types.ListNull(types.StringType)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Delete forgets the recorded posture; nothing exists in OpenAI to delete.
func (r *postureCheckResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ImportState takes a check id; the next refresh records its findings with
// default parameters until the configuration says otherwise.
func (r *postureCheckResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if _, ok := posture.LookupCheck(req.ID); !ok {
		resp.Diagnostics.AddError("Unknown posture check", unknownCheckMessage(req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("check"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("enforcement"), posture.EnforcementError)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("findings"), types.ListNull(checkFindingType))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("accepted_findings"), types.ListNull(types.StringType))...)
}

func unknownCheckMessage(id string) string {
	_, errs := posture.ValidateRule(posture.Rule{CheckID: id})
	if len(errs) > 0 {
		return errs[0].Error()
	}
	return fmt.Sprintf("%q is not a check id", id)
}
