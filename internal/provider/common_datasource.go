package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configureSnapshot is the shared Configure of every data source: it picks the
// provider's snapshot loader out of the provider data.
func configureSnapshot(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	return providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// providerDataFrom unpacks what Configure handed to data sources and
// resources. nil means the provider is not configured (yet, or because its
// configuration is only known at apply).
func providerDataFrom(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", v))
		return nil
	}
	return data
}

// configured reports whether the provider could be configured, and says why
// not otherwise: Terraform reads with an unconfigured provider when the
// provider block depends on values known only after apply.
func (p *providerData) configured(diags *diag.Diagnostics) bool {
	if p != nil {
		return true
	}
	diags.AddError("Provider not configured",
		"The openai provider's configuration depends on values that are not known yet (attributes of resources "+
			"created in this run), so it cannot read the organization now. Use literal values, variables or "+
			"environment variables in the provider block.")
	return false
}

// setListState sets attribute name of a data source's state to a list of n
// objects, item(i) giving the i-th as a model struct whose fields are
// framework values tagged `tfsdk:"..."` (the same structs State.Set takes).
// The other attributes keep what the state already holds (the configuration,
// which the framework copies into the state before Read).
//
// It exists for the large collections (100,000 users): State.Set converts a
// slice of structs by reflection, re-reading each element's struct tags (and
// compiling a regular expression per field), builds a framework value tree
// and then a second, Terraform value tree from it. Here the struct layout is
// read once, each element goes straight to Terraform values, and no
// framework value tree of the whole collection is ever built; the result is
// the same value State.Set would store (TestSetListStateMatchesStateSet).
func setListState[M any](ctx context.Context, state *tfsdk.State, name string, n int, item func(i int) M) (diags diag.Diagnostics) {
	stateType, ok := state.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		diags.AddError("Unexpected schema", "the data source schema is not an object; this is a bug in the provider")
		return diags
	}
	listType, ok := stateType.AttributeTypes[name].(tftypes.List)
	if !ok {
		diags.AddError("Unexpected schema", fmt.Sprintf("attribute %q is not a list; this is a bug in the provider", name))
		return diags
	}
	elemType, ok := listType.ElementType.(tftypes.Object)
	if !ok {
		diags.AddError("Unexpected schema", fmt.Sprintf("the elements of %q are not objects; this is a bug in the provider", name))
		return diags
	}
	fields, err := modelFields[M](elemType)
	if err != nil {
		diags.AddError("Unexpected data source model", err.Error()+"; this is a bug in the provider")
		return diags
	}

	elems := make([]tftypes.Value, n)
	for i := range n {
		m := item(i)
		v := reflect.ValueOf(&m).Elem()
		attrs := make(map[string]tftypes.Value, len(fields))
		for _, f := range fields {
			// Addr keeps the field in place: a pointer to a framework value
			// is an attr.Value too, and boxing it allocates nothing.
			tv, err := v.Field(f.index).Addr().Interface().(attr.Value).ToTerraformValue(ctx)
			if err != nil {
				diags.AddError("Value conversion error", fmt.Sprintf("%s[%d].%s: %s", name, i, f.name, err))
				return diags
			}
			attrs[f.name] = tv
		}
		if err := tftypes.ValidateValue(elemType, attrs); err != nil {
			diags.AddError("Value conversion error", fmt.Sprintf("%s[%d]: %s", name, i, err))
			return diags
		}
		elems[i] = tftypes.NewValue(elemType, attrs)
	}

	top := map[string]tftypes.Value{}
	if !state.Raw.IsNull() && state.Raw.IsKnown() {
		if err := state.Raw.As(&top); err != nil {
			diags.AddError("Value conversion error", err.Error())
			return diags
		}
	}
	for attrName, t := range stateType.AttributeTypes {
		if _, ok := top[attrName]; !ok {
			top[attrName] = tftypes.NewValue(t, nil)
		}
	}
	top[name] = tftypes.NewValue(listType, elems)
	state.Raw = tftypes.NewValue(stateType, top)
	return diags
}

// modelField is one `tfsdk`-tagged field of a model struct.
type modelField struct {
	name  string
	index int
}

// modelFields maps the fields of model struct M onto the attributes of
// object type t: every field must be a framework value naming an attribute
// of t, and every attribute must have a field.
func modelFields[M any](t tftypes.Object) ([]modelField, error) {
	rt := reflect.TypeFor[M]()
	if rt.Kind() != reflect.Struct {
		return nil, fmt.Errorf("model %s is not a struct", rt)
	}
	valueType := reflect.TypeFor[attr.Value]()
	var out []modelField
	seen := map[string]bool{}
	for i := range rt.NumField() {
		f := rt.Field(i)
		name := f.Tag.Get("tfsdk")
		if name == "" || name == "-" {
			return nil, fmt.Errorf("model %s: field %s has no tfsdk tag", rt, f.Name)
		}
		if !reflect.PointerTo(f.Type).Implements(valueType) {
			return nil, fmt.Errorf("model %s: field %s is not a framework value", rt, f.Name)
		}
		if _, ok := t.AttributeTypes[name]; !ok {
			return nil, fmt.Errorf("model %s: field %s names %q, which is not an attribute of the schema", rt, f.Name, name)
		}
		seen[name] = true
		out = append(out, modelField{name: name, index: i})
	}
	for name := range t.AttributeTypes {
		if !seen[name] {
			return nil, fmt.Errorf("model %s has no field for attribute %q", rt, name)
		}
	}
	return out, nil
}
