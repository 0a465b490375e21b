package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// findingModel is a finding as both openai_posture_check and
// openai_posture_findings show it. The schemas, the object types and the
// conversion from posture.Finding all derive from these structs: a new
// attribute is one field here (its desc tag is the schema description) set
// in newFindingModel.
type findingModel struct {
	Fingerprint         types.String `tfsdk:"fingerprint" desc:"Stable identity of the finding (check, subject), also the SARIF fingerprint."`
	SubjectKind         types.String "tfsdk:\"subject_kind\" desc:\"Kind of subject (`admin_api_key`, `gpt`, `user`, ...).\""
	SubjectID           types.String `tfsdk:"subject_id" desc:"Id of the subject."`
	SubjectName         types.String `tfsdk:"subject_name" desc:"Name or email of the subject, when known. Escaped for display: control, format and separator characters, and the sequences GitHub Actions reads as commands, appear as Go escapes (see the reports' raw subject_name)."`
	Severity            types.String `tfsdk:"severity" desc:"Severity."`
	Observed            types.String `tfsdk:"observed" desc:"What was observed, escaped like subject_name."`
	Allowed             types.String `tfsdk:"allowed" desc:"What the baseline allows."`
	Waived              types.Bool   `tfsdk:"waived" desc:"True when a current waiver accepts the finding."`
	WaiverJustification types.String `tfsdk:"waiver_justification" desc:"Justification of the matching waiver."`
	WaiverExpires       types.String `tfsdk:"waiver_expires" desc:"Expiry of the matching waiver."`
	WaiverExpired       types.Bool   `tfsdk:"waiver_expired" desc:"True when the only matching waiver has expired."`
}

// checkFindingModel is a finding of openai_posture_check: it also records
// when the finding was first seen, which only a resource can remember.
type checkFindingModel struct {
	findingModel
	FirstSeen types.String `tfsdk:"first_seen" desc:"When the finding was first recorded in state (RFC 3339), so reports can say how long it has been open; unknown in a plan until recorded."`
}

// reportFindingModel is a finding of openai_posture_findings, which
// evaluates many checks: it names its check and remediation.
type reportFindingModel struct {
	Check types.String `tfsdk:"check" desc:"Check id."`
	findingModel
	Remediation types.String `tfsdk:"remediation" desc:"How to fix it."`
}

// newFindingModel is the one conversion from the engine's finding. The
// subject's name and the observed value are stored escaped
// (posture.UntrustedFragment): Terraform prints state values in plan diffs,
// refresh-only plans and `terraform show`, a multi-line value line by line
// and without escaping control characters, so a raw name could write
// terminal escapes, forged Terraform lines or GitHub Actions commands into
// the log. An ordinary name is stored unchanged.
func newFindingModel(f posture.Finding) findingModel {
	return findingModel{
		Fingerprint:         types.StringValue(f.Fingerprint),
		SubjectKind:         types.StringValue(f.SubjectKind),
		SubjectID:           types.StringValue(f.SubjectID),
		SubjectName:         emptyAsNull(posture.UntrustedFragment(f.SubjectName)),
		Severity:            types.StringValue(string(f.Severity)),
		Observed:            types.StringValue(f.ObservedText()),
		Allowed:             types.StringValue(f.Allowed),
		Waived:              types.BoolValue(f.Waived),
		WaiverJustification: emptyAsNull(f.WaiverJustification),
		WaiverExpires:       emptyAsNull(f.WaiverExpires),
		WaiverExpired:       types.BoolValue(f.WaiverExpired),
	}
}

func newCheckFinding(f posture.Finding, firstSeen types.String) checkFindingModel {
	return checkFindingModel{findingModel: newFindingModel(f), FirstSeen: firstSeen}
}

func newReportFinding(f posture.Finding) reportFindingModel {
	return reportFindingModel{Check: types.StringValue(f.CheckID), findingModel: newFindingModel(f), Remediation: types.StringValue(f.Remediation)}
}

// Object types of the two finding shapes, derived once from the structs.
var (
	checkFindingType  = types.ObjectType{AttrTypes: attrTypesOf(fieldsOf(reflect.TypeFor[checkFindingModel]()))}
	reportFindingType = types.ObjectType{AttrTypes: attrTypesOf(fieldsOf(reflect.TypeFor[reportFindingModel]()))}
)

// findingField is one attribute of a finding model.
type findingField struct {
	name, desc string
	typ        attr.Type
}

// fieldsOf lists the tfsdk fields of a finding struct, embedded structs
// flattened as the framework does. Only types.String and types.Bool are
// used; anything else is a programming error caught at start-up.
func fieldsOf(t reflect.Type) []findingField {
	var out []findingField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, fieldsOf(f.Type)...)
			continue
		}
		var typ attr.Type
		switch f.Type {
		case reflect.TypeFor[types.String]():
			typ = types.StringType
		case reflect.TypeFor[types.Bool]():
			typ = types.BoolType
		default:
			panic(fmt.Sprintf("finding field %s: unsupported type %s", f.Name, f.Type))
		}
		out = append(out, findingField{name: f.Tag.Get("tfsdk"), desc: f.Tag.Get("desc"), typ: typ})
	}
	return out
}

func attrTypesOf(fields []findingField) map[string]attr.Type {
	out := make(map[string]attr.Type, len(fields))
	for _, f := range fields {
		out[f.name] = f.typ
	}
	return out
}

// resourceFindingAttributes is the nested schema of openai_posture_check's findings.
func resourceFindingAttributes() map[string]rsschema.Attribute {
	out := map[string]rsschema.Attribute{}
	for _, f := range fieldsOf(reflect.TypeFor[checkFindingModel]()) {
		if f.typ == types.BoolType {
			out[f.name] = rsschema.BoolAttribute{Computed: true, MarkdownDescription: f.desc}
		} else {
			out[f.name] = rsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
		}
	}
	return out
}

// dataSourceFindingAttributes is the nested schema of openai_posture_findings' findings.
func dataSourceFindingAttributes() map[string]dsschema.Attribute {
	out := map[string]dsschema.Attribute{}
	for _, f := range fieldsOf(reflect.TypeFor[reportFindingModel]()) {
		if f.typ == types.BoolType {
			out[f.name] = dsschema.BoolAttribute{Computed: true, MarkdownDescription: f.desc}
		} else {
			out[f.name] = dsschema.StringAttribute{Computed: true, MarkdownDescription: f.desc}
		}
	}
	return out
}

// checkFindingsList builds openai_posture_check's findings attribute. (The
// data source's findings go through setListState.)
func checkFindingsList(_ context.Context, fs []checkFindingModel) (types.List, diag.Diagnostics) {
	return findingsList(checkFindingLayout, checkFindingType, fs)
}

// findingLayout is where each attribute of a finding model sits in its
// struct, computed once. types.ListValueFrom would read the struct tags of
// every field of every finding again (and compile a regular expression per
// field to check each name): at 100,000 users that was the largest live
// allocation of a plan's peak after the data itself.
type findingLayout struct {
	names []string
	index [][]int
}

var checkFindingLayout = layoutOf(reflect.TypeFor[checkFindingModel]())

func layoutOf(t reflect.Type) findingLayout {
	var l findingLayout
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous {
			continue
		}
		l.names = append(l.names, f.Tag.Get("tfsdk"))
		l.index = append(l.index, f.Index)
	}
	return l
}

// findingsList builds the list value of findings field by field; the values
// are the model's own (types.String, types.Bool), so the result is what
// types.ListValueFrom gives (TestFindingsListMatchesTheFramework).
func findingsList[T any](l findingLayout, objType types.ObjectType, fs []T) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, 0, len(fs))
	for i := range fs {
		v := reflect.ValueOf(&fs[i]).Elem()
		attrs := make(map[string]attr.Value, len(l.names))
		for j, name := range l.names {
			value, ok := v.FieldByIndex(l.index[j]).Interface().(attr.Value)
			if !ok {
				// fieldsOf refuses other field types at start-up.
				diags.AddError("Internal error", fmt.Sprintf("finding attribute %s is not a framework value", name))
				return types.ListNull(objType), diags
			}
			attrs[name] = value
		}
		obj, d := types.ObjectValue(objType.AttrTypes, attrs)
		diags.Append(d...)
		if d.HasError() {
			return types.ListNull(objType), diags
		}
		elems = append(elems, obj)
	}
	list, d := types.ListValue(objType, elems)
	diags.Append(d...)
	return list, diags
}

func emptyAsNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
