package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/validators"
)

var (
	_ datasource.DataSourceWithConfigure      = (*postureFindingsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*postureFindingsDataSource)(nil)
)

// newPostureFindingsDataSource is openai_posture_findings: evaluate a set of
// checks at once and hand the findings and rendered reports to a pipeline.
// The provider creates it with its clock and destroy detector.
func newPostureFindingsDataSource(env runEnv) datasource.DataSource {
	return &postureFindingsDataSource{env: env}
}

type postureFindingsDataSource struct {
	data    *providerData
	version string
	// env holds the clock and the destroy detector, injected by the provider.
	env runEnv
}

type postureFindingsModel struct {
	Checks      types.List         `tfsdk:"checks"`
	MinSeverity types.String       `tfsdk:"min_severity"`
	Frameworks  types.List         `tfsdk:"frameworks"`
	Parameters  types.Dynamic      `tfsdk:"parameters"`
	Waivers     []checkWaiverModel `tfsdk:"waivers"`
	Enforcement types.String       `tfsdk:"enforcement"`
	Evaluated   types.List         `tfsdk:"evaluated_checks"`
	Passed      types.Bool         `tfsdk:"passed"`
	Score       types.Int64        `tfsdk:"score"`
	// FrameworkScores is the score per framework (posture.FrameworkScores).
	FrameworkScores types.Map    `tfsdk:"framework_scores"`
	Counts          types.Map    `tfsdk:"counts"`
	Findings        types.List   `tfsdk:"findings"`
	SARIF           types.String `tfsdk:"sarif"`
	JUnit           types.String `tfsdk:"junit"`
	JSON            types.String `tfsdk:"json"`
	OCSF            types.String `tfsdk:"ocsf"`

	// FrameworkCoverage: per framework, checks evaluated vs tagged
	// (posture.FrameworkCoverages).
	FrameworkCoverage types.Map `tfsdk:"framework_coverage"`

	// BaselineWaiverDays and BaselineHCL: the adoption baseline
	// (posture.BaselineHCL).
	BaselineWaiverDays types.Int64  `tfsdk:"baseline_waiver_days"`
	BaselineHCL        types.String `tfsdk:"baseline_hcl"`
}

// checkWaiverModel is a waiver that also names its check, since one data
// source evaluates many.
type checkWaiverModel struct {
	Check         types.String `tfsdk:"check"`
	Subject       types.String `tfsdk:"subject"`
	Match         types.String `tfsdk:"match"`
	Finding       types.String `tfsdk:"finding"`
	Justification types.String `tfsdk:"justification"`
	Expires       types.String `tfsdk:"expires"`
}

func (d *postureFindingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_posture_findings"
}

func (d *postureFindingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	severities := make([]string, 0, 4)
	for _, s := range posture.Severities() {
		severities = append(severities, string(s))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Evaluates a set of posture checks in one read and returns the findings, counts by " +
			"severity, a score, and the findings rendered as SARIF 2.1.0, JUnit XML and JSON, for a pipeline to " +
			"write as artifacts. Reading it never fails on findings (use `openai_posture_check` to gate a plan), " +
			"but it fails when data a selected check needs cannot be read: a report never passes on data it did " +
			"not see.",
		Attributes: map[string]schema.Attribute{
			"checks": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Check ids to evaluate. Defaults to every check that is not opt-in, plus every " +
					"check named in `parameters`. An empty list is an error, not a pass with nothing evaluated " +
					"(leave `checks` unset for the defaults).",
			},
			"min_severity": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Evaluate only checks of this severity or higher: " + strings.Join(severities, ", ") + ". " +
					"It narrows the default checks; a check named in `checks` (or `parameters`) below it is an error, not dropped.",
				Validators: []validator.String{stringvalidator.OneOf(severities...)},
			},
			"frameworks": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Evaluate only the selected checks tagged with one of these frameworks or controls: a framework " +
					"(`" + strings.Join(frameworkKeys(), "`, `") + "`) or one control, `<framework>:<control>` such as `iso27001:A.5.15`. " +
					"A CIS control (`cis:5`) also selects the checks tagged with its safeguards (`cis:5.3`). " +
					"Like `min_severity`, it narrows the checks otherwise selected. Every entry must select at least one of them, and a check " +
					"named in `checks` (or `parameters`) that none selects is an error, not dropped. With `checks` unset, the default " +
					"checks leave out the opt-in ones: an entry that selects opt-in checks not evaluated warns, naming them (add them to `checks`). " +
					"The tags of every check are in the check catalog guide.",
			},
			"parameters": schema.DynamicAttribute{
				Optional: true,
				MarkdownDescription: "Parameters by check id, for example " +
					"`{ admin_key_rotation = { max_age_days = 30 }, dlp_gpt_file = { patterns = [\"*.pem\"] } }`. " +
					"Naming an opt-in check here selects it.",
			},
			"waivers": schema.ListNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Waivers, each naming its check. Waived findings stay in the reports, as SARIF suppressions.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"check":         schema.StringAttribute{Required: true, MarkdownDescription: "Check id the waiver applies to."},
					"subject":       schema.StringAttribute{Required: true, MarkdownDescription: "Subject id (or name or email, with `match`); `*` matches any run of characters. A subject of only `*` is rejected.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"match":         schema.StringAttribute{Optional: true, MarkdownDescription: waiverMatchDescription, Validators: waiverMatchValidators()},
					"finding":       schema.StringAttribute{Optional: true, MarkdownDescription: waiverFindingDescription, Validators: waiverFindingValidators()},
					"justification": schema.StringAttribute{Required: true, MarkdownDescription: "Why the finding is accepted. The baseline's placeholder (`TODO: ...`) still waives, with a warning until it is replaced.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"expires":       schema.StringAttribute{Required: true, MarkdownDescription: "`YYYY-MM-DD` or RFC 3339; at most the provider's `max_waiver_days` (365 by default) after today.", Validators: []validator.String{validators.WaiverExpiry()}},
				}},
			},
			"enforcement": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Level of unwaived findings in the reports: `error` (default; SARIF level error, " +
					"JUnit failure) or `warn`.",
				Validators: []validator.String{stringvalidator.OneOf(posture.EnforcementError, posture.EnforcementWarn)},
			},
			"baseline_waiver_days": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "How long the waivers `baseline_hcl` adds run, in days from today (UTC): " +
					"default " + fmt.Sprint(defaultBaselineWaiverDays) + ", at most the provider's `max_waiver_days`.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"baseline_hcl": schema.StringAttribute{Computed: true,
				MarkdownDescription: "A ready baseline for adopting the checks on an organization: " +
					"one `openai_posture_check` block (named after its check) per evaluated check, passing ones included (with no " +
					"waiver, so the baseline gates them too and a re-rendered baseline keeps the gate of checks just fixed), " +
					"with the parameters evaluated here, the waivers of that check still in force, and one " +
					"waiver per unwaived finding, **by subject id** (never by name or email) **and finding fingerprint** (`finding`), " +
					"so a new violation on an already accepted subject still fails, expiring after " +
					"`baseline_waiver_days`, with a `TODO:` justification to replace (it warns until replaced). It never copies " +
					"`enforcement`: the baseline is always a failing gate (enforcement `error`), even when rendered from a " +
					"findings data source set to `warn`. Subject names appear only in comments, escaped (control, bidi and " +
					"invisible characters as `\\uXXXX`). Write it with `terraform output -raw` (see the adoption guide)."},
			"evaluated_checks": schema.ListAttribute{ElementType: types.StringType, Computed: true,
				MarkdownDescription: "The check ids evaluated, sorted."},
			"passed": schema.BoolAttribute{Computed: true, MarkdownDescription: "True when no evaluated check has an unwaived finding."},
			"score": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Posture score from 0 to 100: " + posture.ScoreFormula + "."},
			"framework_scores": schema.MapAttribute{ElementType: types.Int64Type, Computed: true,
				MarkdownDescription: "Score (0 to 100, the formula of `score`) per framework, over the evaluated checks tagged with one of its controls; " +
					"a framework none of whose checks was evaluated is absent. A score covers only the checks evaluated here, not the framework: " +
					"read it with `framework_coverage` (100 from one of its checks is not 100 for the framework)."},
			"framework_coverage": schema.MapNestedAttribute{Computed: true,
				MarkdownDescription: "Per framework (every one of `" + strings.Join(frameworkKeys(), "`, `") + "`): `evaluated`, the checks tagged with it that were " +
					"evaluated here, and `tagged`, the checks of the catalog tagged with it. A check that could not read its data fails the read, so is never counted.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"evaluated": schema.Int64Attribute{Computed: true, MarkdownDescription: "Checks tagged with the framework evaluated here."},
					"tagged":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Checks of the catalog tagged with the framework."},
				}}},
			"counts": schema.MapAttribute{ElementType: types.Int64Type, Computed: true,
				MarkdownDescription: "Unwaived findings by severity (`critical`, `high`, `medium`, `low`), plus `waived`, `rules` and `rules_passed`."},
			"findings": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Every finding, waived or not, sorted by check then subject.",
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceFindingAttributes()},
			},
			"sarif": schema.StringAttribute{Computed: true, MarkdownDescription: "The findings as a SARIF 2.1.0 log (one rule per check, a stable fingerprint per finding, waivers as suppressions). Reports are stamped with the evaluation date (midnight UTC), so an unchanged posture renders identical reports."},
			"junit": schema.StringAttribute{Computed: true, MarkdownDescription: "The findings as JUnit XML (a test suite per check, a failing test case per unwaived finding)."},
			"json": schema.StringAttribute{Computed: true, MarkdownDescription: "The findings as JSON (summary, findings, errors). " +
				"`errors` is always empty here: a check that cannot read its data fails the read instead (see `ocsf`)."},
			"ocsf": schema.StringAttribute{Computed: true, MarkdownDescription: "The findings as a JSON array of OCSF " +
				posture.OCSFSchemaVersion + " Compliance Findings (class_uid 2003), one per finding: the check is " +
				"`compliance.control`, the subject `resources[0]`; waived findings have status Suppressed with the " +
				"justification and expiry. `metadata.tenant_uid` is the provider's `organization_id` and `workspace_id` " +
				"(those set, joined by `/`), and `finding_info.uid` is the finding's fingerprint mixed with it, so two " +
				"organizations never share a uid (the bare fingerprint is in `unmapped.fingerprint`); set " +
				"`organization_id` in a fleet. When a selected check cannot read its data, the read fails and nothing is " +
				"rendered: there is no \"not evaluated\" event here, so a pipeline must treat a failed plan as the " +
				"organization not evaluated (the fleet guide's workflow sends such an event). For a SIEM (one event per " +
				"line: `jq -c '.[]'`)."},
		},
	}
}

func (d *postureFindingsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
	if d.data != nil {
		d.version = d.data.version
	}
}

func (d *postureFindingsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	// In a module every input is unknown while Terraform validates; the
	// waivers list cannot be decoded then.
	if !req.Config.Raw.IsFullyKnown() {
		return
	}
	var m postureFindingsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rules, paths, diags := m.rules(0)
	resp.Diagnostics.Append(diags...)
	for _, r := range rules {
		// Errors without an as-of date: the waiver length depends on the
		// provider's max_waiver_days, unknown here, and is checked by Read.
		_, errs := posture.ValidateRule(r)
		for _, err := range errs {
			resp.Diagnostics.AddAttributeError(paths[r.CheckID].ruleErrorPath(err), "Invalid posture check", err.Error())
		}
		warnings, _ := posture.ValidateRuleAt(r, d.env.asOfDay())
		for _, w := range warnings {
			resp.Diagnostics.AddAttributeWarning(paths[r.CheckID].messagePath(w), ruleWarningSummary(w), w)
		}
	}
}

// rules builds the rule set: the selected checks, their parameters and
// waivers, each rule with maxWaiverDays (the provider's max_waiver_days, 0 for
// the default). Errors name the check id and the valid choices. paths tells,
// by check id, where each part of a rule was written.
func (m postureFindingsModel) rules(maxWaiverDays int) ([]posture.Rule, map[string]rulePaths, diag.Diagnostics) {
	var diags diag.Diagnostics
	params, d := checkParamsFromDynamic(path.Root("parameters"), m.Parameters)
	diags.Append(d...)

	selected := map[string]bool{}
	// named: where a check was named explicitly (in checks, or in
	// parameters when checks is unset), for frameworks to say it excludes it.
	named := map[string]path.Path{}
	if m.Checks.IsNull() {
		for _, r := range posture.DefaultRules() {
			selected[r.CheckID] = true
		}
	} else {
		var ids []string
		diags.Append(m.Checks.ElementsAs(context.Background(), &ids, false)...)
		if len(ids) == 0 && !m.Checks.IsUnknown() {
			// An empty list (often a filtered one that came out empty)
			// would evaluate nothing and read passed = true.
			diags.AddAttributeError(path.Root("checks"), "No posture check selected",
				"checks is an empty list, so no check would be evaluated and the report would read as passed; "+
					"name at least one check id, or leave checks unset for the default checks")
		}
		for i, id := range ids {
			if _, ok := posture.LookupCheck(id); !ok {
				diags.AddAttributeError(path.Root("checks").AtListIndex(i), "Unknown posture check", unknownCheckMessage(id))
				continue
			}
			selected[id] = true
			named[id] = path.Root("checks").AtListIndex(i)
		}
	}
	for id := range params {
		if _, ok := posture.LookupCheck(id); !ok {
			diags.AddAttributeError(path.Root("parameters").AtMapKey(id), "Unknown posture check", unknownCheckMessage(id))
			continue
		}
		if m.Checks.IsNull() {
			selected[id] = true
			named[id] = path.Root("parameters").AtMapKey(id)
		} else if !selected[id] {
			diags.AddAttributeError(path.Root("parameters").AtMapKey(id), "Parameters for an unselected check",
				fmt.Sprintf("parameters name check %s, which is not in checks; add it to checks or remove its parameters", id))
		}
	}
	waivers := map[string][]posture.Waiver{}
	waiverIndex := map[string][]int{} // check id -> rule waiver index -> index in m.Waivers
	for i, w := range m.Waivers {
		id := w.Check.ValueString()
		if !selected[id] {
			diags.AddAttributeError(path.Root("waivers").AtListIndex(i).AtName("check"), "Waiver for an unselected check",
				fmt.Sprintf("waiver %d names check %q, which is not evaluated here; valid: %s", i, id, strings.Join(sortedKeys(selected), ", ")))
			continue
		}
		waivers[id] = append(waivers[id], waiverModel{
			Subject: w.Subject, Match: w.Match, Finding: w.Finding, Justification: w.Justification, Expires: w.Expires,
		}.waiver())
		waiverIndex[id] = append(waiverIndex[id], i)
	}
	var minSeverity posture.Severity
	if !m.MinSeverity.IsNull() {
		minSeverity = posture.Severity(m.MinSeverity.ValueString())
	}
	frameworks, d := m.frameworkSelectors()
	diags.Append(d...)
	var rules []posture.Rule
	var candidates []string // selected, of min_severity or higher
	paths := map[string]rulePaths{}
	for _, id := range sortedKeys(selected) {
		c, _ := posture.LookupCheck(id)
		if minSeverity != "" && !c.Severity.AtLeast(minSeverity) {
			// A check named explicitly is never dropped in silence: the
			// report would read clean for a check never evaluated.
			if p, ok := named[id]; ok {
				diags.AddAttributeError(p, "Check excluded by min_severity", fmt.Sprintf(
					"check %s is named explicitly but its severity is %s, below min_severity %q, so it would not be evaluated: "+
						"remove it, or lower min_severity to %q or below", id, c.Severity, minSeverity, c.Severity))
			}
			continue
		}
		candidates = append(candidates, id)
		if frameworks != nil && !posture.CheckMatchesFrameworks(id, frameworks) {
			if p, ok := named[id]; ok {
				diags.AddAttributeError(p, "Check excluded by frameworks", excludedCheckMessage(id, frameworks))
			}
			continue
		}
		rules = append(rules, posture.Rule{
			CheckID: id, Params: params[id], Enforcement: m.Enforcement.ValueString(), Waivers: waivers[id],
			MaxWaiverDays: maxWaiverDays,
		})
		indexes := waiverIndex[id]
		paths[id] = rulePaths{
			parameters:  path.Root("parameters").AtMapKey(id),
			enforcement: path.Root("enforcement"),
			waiver: func(i int) path.Path {
				if i >= 0 && i < len(indexes) {
					return path.Root("waivers").AtListIndex(indexes[i])
				}
				return path.Root("waivers")
			},
		}
	}
	diags.Append(frameworksSelectSomething(frameworks, rules, candidates)...)
	if len(rules) == 0 && !diags.HasError() {
		// Whatever narrowed the selection, a report with no check
		// evaluated is never a pass.
		diags.AddAttributeError(path.Root("checks"), "No posture check selected",
			"the selection (checks, parameters, min_severity, frameworks) leaves no check to evaluate, so the report would read as passed; "+
				"widen min_severity or frameworks, or name checks to evaluate")
	}
	if m.Checks.IsNull() {
		diags.Append(optInNotEvaluatedWarnings(frameworks, rules)...)
	}
	return rules, paths, diags
}

// optInNotEvaluatedWarnings warns, per selector of frameworks, about the
// opt-in checks tagged with it that are not evaluated (checks unset selects
// the default checks only), naming them and how to add them.
func optInNotEvaluatedWarnings(frameworks []string, rules []posture.Rule) diag.Diagnostics {
	var diags diag.Diagnostics
	evaluated := make([]string, len(rules))
	for i, r := range rules {
		evaluated[i] = r.CheckID
	}
	for i, sel := range frameworks {
		if posture.ValidateFrameworkSelector(sel) != nil {
			continue // already an error
		}
		if skipped := posture.OptInChecksNotEvaluated(sel, evaluated); len(skipped) > 0 {
			diags.AddAttributeWarning(path.Root("frameworks").AtListIndex(i), "Opt-in checks not evaluated",
				fmt.Sprintf("frameworks[%d]: %s", i, posture.OptInNotEvaluatedMessage(sel, skipped)))
		}
	}
	return diags
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkParamsFromDynamic reads { check_id = { param = value } }.
func checkParamsFromDynamic(p path.Path, d types.Dynamic) (map[string]posture.Params, diag.Diagnostics) {
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
			"parameters must be an object of check ids to parameter objects, such as { admin_key_rotation = { max_age_days = 30 } }")
		return nil, diags
	}
	out := map[string]posture.Params{}
	for id, v := range elems {
		params, d := paramsFromDynamic(p.AtMapKey(id), types.DynamicValue(v))
		diags.Append(d...)
		out[id] = params
	}
	return out, diags
}

func (d *postureFindingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var m postureFindingsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rules, paths, diags := m.rules(d.data.maxWaiverDays)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Before a destroy Terraform refreshes with a normal plan, where an error
	// would block the destroy: under `destroy` failures only warn.
	fail := resp.Diagnostics.AddAttributeError
	if d.env.destroy.Destroying() {
		fail = resp.Diagnostics.AddAttributeWarning
	}
	asOf := d.env.asOfDay()
	for _, r := range rules {
		// What only the as-of date and the provider configuration can tell:
		// a waiver running longer than max_waiver_days.
		_, errs := posture.ValidateRuleAt(r, asOf)
		for _, err := range errs {
			fail(paths[r.CheckID].ruleErrorPath(err), "Invalid posture check", err.Error())
		}
	}
	waiverDays, ok := m.baselineWaiverDays(d.data.maxWaiverDays, fail)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	// The same front door as openai_posture_check (posture.Run owns the
	// as-of clock), so both say the same about the same org at any hour.
	res := posture.Run(ctx, d.data.snapshot, posture.Selection{Rules: rules, Now: d.env.now()})
	for _, rr := range res.Rules {
		if len(rr.Errors) > 0 {
			summary, detail := dataErrorsDiagnostic(rr)
			if d.env.destroy.Destroying() {
				// Read during the refresh that precedes a destroy: report, don't block.
				resp.Diagnostics.AddWarning(summary, detail)
			} else {
				resp.Diagnostics.AddError(summary, detail)
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// Reports carry the evaluation date (posture.Run sets GeneratedAt to the
	// as-of instant), so an unchanged posture renders identical reports and
	// a plan with nothing new is empty.

	sarif, err := posture.SARIF(res, d.version)
	if err != nil {
		resp.Diagnostics.AddError("Unable to render SARIF", err.Error())
	}
	junit, err := posture.JUnit(res)
	if err != nil {
		resp.Diagnostics.AddError("Unable to render JUnit", err.Error())
	}
	js, err := posture.JSON(res)
	if err != nil {
		resp.Diagnostics.AddError("Unable to render JSON", err.Error())
	}
	ocsf, err := posture.OCSFFindings(res, posture.OCSFMeta{Version: d.version, TenantUID: d.data.tenant})
	if err != nil {
		resp.Diagnostics.AddError("Unable to render OCSF", err.Error())
	}
	if resp.Diagnostics.HasError() {
		return
	}

	evaluated := make([]attr.Value, 0, len(rules))
	for _, r := range res.Rules {
		evaluated = append(evaluated, types.StringValue(r.CheckID))
	}
	sum := res.Summary()
	var findings []reportFindingModel
	for _, f := range res.Findings() {
		findings = append(findings, newReportFinding(f))
	}
	m.Evaluated = types.ListValueMust(types.StringType, evaluated)
	passed := true
	for _, r := range res.Rules {
		passed = passed && r.Passed()
	}
	m.Passed = types.BoolValue(passed)
	m.Score = types.Int64Value(int64(sum.Score))
	scores := map[string]attr.Value{}
	for k, v := range posture.FrameworkScores(res) {
		scores[k] = types.Int64Value(int64(v))
	}
	m.FrameworkScores = types.MapValueMust(types.Int64Type, scores)
	m.FrameworkCoverage = frameworkCoverageValue(res)
	m.Counts = types.MapValueMust(types.Int64Type, map[string]attr.Value{
		"critical": types.Int64Value(int64(sum.Critical)), "high": types.Int64Value(int64(sum.High)),
		"medium": types.Int64Value(int64(sum.Medium)), "low": types.Int64Value(int64(sum.Low)),
		"waived": types.Int64Value(int64(sum.Waived)), "rules": types.Int64Value(int64(sum.Rules)),
		"rules_passed": types.Int64Value(int64(sum.Passed)),
	})
	// The findings (thousands on a large org) are set last, by
	// setListState, which keeps the other attributes Set stores.
	m.Findings = types.ListNull(reportFindingType)
	m.SARIF = types.StringValue(string(sarif))
	m.JUnit = types.StringValue(string(junit))
	m.JSON = types.StringValue(string(js))
	m.OCSF = types.StringValue(string(ocsf))
	m.BaselineHCL = types.StringValue(posture.BaselineHCL(rules, res, asOf, waiverDays))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "findings", len(findings), func(i int) reportFindingModel {
		return findings[i]
	})...)
}

// ocsfTenant is the OCSF metadata.tenant_uid of a provider instance: its
// organization_id and workspace_id, those configured, joined by "/"
// ("org-abc/6f1c...", "org-abc", or the workspace id alone). Both are
// identifiers the operator configured, stable across runs, never a key.
// With neither (an admin key alone, no organization_id) it is empty: the
// events have no tenant_uid and their finding uids are the bare
// fingerprints, which two organizations can share; fleets set
// organization_id.
func ocsfTenant(organizationID, workspaceID string) string {
	var parts []string
	for _, p := range []string{organizationID, workspaceID} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}

// defaultBaselineWaiverDays is how long a rendered baseline's waivers run
// when baseline_waiver_days is not set: a month to triage each finding.
const defaultBaselineWaiverDays = 30

// baselineWaiverDays resolves baseline_waiver_days against the provider's
// max_waiver_days (0 means posture.DefaultMaxWaiverDays): a longer value is
// an error naming the maximum, since the rendered waivers would not validate;
// the default 30 is silently shortened to a smaller maximum.
func (m postureFindingsModel) baselineWaiverDays(maxWaiverDays int, fail func(path.Path, string, string)) (int, bool) {
	if maxWaiverDays == 0 {
		maxWaiverDays = posture.DefaultMaxWaiverDays
	}
	days := int64(defaultBaselineWaiverDays)
	if !m.BaselineWaiverDays.IsNull() && !m.BaselineWaiverDays.IsUnknown() {
		days = m.BaselineWaiverDays.ValueInt64()
	}
	if days > int64(maxWaiverDays) {
		days = int64(maxWaiverDays)
		if !m.BaselineWaiverDays.IsNull() {
			fail(path.Root("baseline_waiver_days"), "Invalid baseline_waiver_days",
				fmt.Sprintf("baseline_waiver_days is %d; it must be between 1 and the provider's max_waiver_days (%d)", m.BaselineWaiverDays.ValueInt64(), maxWaiverDays))
		}
	}
	// Under destroy fail only warns: render with the clamped length.
	return int(days), days >= 1
}
