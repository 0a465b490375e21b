package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
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
// objects, item(i) giving the i-th as a model struct of the kind State.Set
// takes: fields tagged `tfsdk:"..."` holding framework values, nested model
// structs, pointers to them (nil is null) or slices of either (nil is null).
// The other attributes keep what the state already holds (the configuration,
// which the framework copies into the state before Read).
//
// It exists for the large collections (100,000 users): State.Set converts a
// slice of structs by reflection, re-reading each element's struct tags (and
// compiling a regular expression per field), builds a framework value tree
// and then a second, Terraform value tree from it. Here the model's layout is
// read once, each element goes straight to Terraform values, and no
// framework value tree of the whole collection is ever built; the result is
// the same value State.Set would store (TestSetListStateMatchesStateSet).
// Under Server (a real plan), not even Terraform values: the list is encoded
// straight to Terraform's wire format (list_state_direct.go).
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
	var list tftypes.Value
	if direct := directListsFrom(ctx); direct != nil && plainType(state.Schema.GetAttributes()[name].GetType()) {
		enc, err := msgpackEncoderFor(reflect.TypeFor[M](), listType.ElementType)
		if err != nil {
			diags.AddError("Unexpected data source model", fmt.Sprintf("%s: %s; this is a bug in the provider", name, err))
			return diags
		}
		encoded, i, err := encodeListDirect(ctx, enc, n, item)
		if err != nil {
			diags.AddError("Value conversion error", fmt.Sprintf("%s[%d]: %s", name, i, err))
			return diags
		}
		// The state holds a placeholder; Server puts the encoding in its place.
		direct.put(name, encoded)
		list = tftypes.NewValue(listType, listPlaceholder)
	} else {
		enc, err := encoderFor(reflect.TypeFor[M](), listType.ElementType)
		if err != nil {
			diags.AddError("Unexpected data source model", fmt.Sprintf("%s: %s; this is a bug in the provider", name, err))
			return diags
		}
		elems := make([]tftypes.Value, n)
		var m M // one model value, reused: enc copies what it keeps
		v := reflect.ValueOf(&m).Elem()
		for i := range n {
			m = item(i)
			if elems[i], err = enc(ctx, v); err != nil {
				diags.AddError("Value conversion error", fmt.Sprintf("%s[%d]: %s", name, i, err))
				return diags
			}
		}
		list = tftypes.NewValue(listType, elems)
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
	top[name] = list
	state.Raw = tftypes.NewValue(stateType, top)
	return diags
}

// encoder turns an addressable model value into a Terraform value.
type encoder func(context.Context, reflect.Value) (tftypes.Value, error)

var attrValueType = reflect.TypeFor[attr.Value]()

// encoderFor compiles the conversion of model type rt into Terraform type t,
// checking once that the two fit: every struct field is tagged with an
// attribute of the object type and every attribute has a field.
func encoderFor(rt reflect.Type, t tftypes.Type) (encoder, error) {
	switch {
	case reflect.PointerTo(rt).Implements(attrValueType):
		// Addr keeps the value in place: a pointer to a framework value is
		// an attr.Value too, and boxing it allocates nothing.
		return func(ctx context.Context, v reflect.Value) (tftypes.Value, error) {
			av, ok := v.Addr().Interface().(attr.Value)
			if !ok { // encoderFor checked the type; this cannot happen
				return tftypes.Value{}, fmt.Errorf("%s is not a framework value", v.Type())
			}
			tv, err := av.ToTerraformValue(ctx)
			if err != nil {
				return tv, err
			}
			if !tv.Type().Equal(t) {
				return tv, fmt.Errorf("a %s where the schema has a %s", tv.Type(), t)
			}
			return tv, nil
		}, nil
	case rt.Kind() == reflect.Pointer:
		elem, err := encoderFor(rt.Elem(), t)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, v reflect.Value) (tftypes.Value, error) {
			if v.IsNil() {
				return tftypes.NewValue(t, nil), nil
			}
			return elem(ctx, v.Elem())
		}, nil
	case rt.Kind() == reflect.Slice:
		lt, ok := t.(tftypes.List)
		if !ok {
			return nil, fmt.Errorf("%s is a slice where the schema has a %s", rt, t)
		}
		elem, err := encoderFor(rt.Elem(), lt.ElementType)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, v reflect.Value) (tftypes.Value, error) {
			if v.IsNil() {
				return tftypes.NewValue(t, nil), nil
			}
			out := make([]tftypes.Value, v.Len())
			for i := range out {
				var err error
				if out[i], err = elem(ctx, v.Index(i)); err != nil {
					return tftypes.Value{}, fmt.Errorf("[%d]: %w", i, err)
				}
			}
			return tftypes.NewValue(t, out), nil
		}, nil
	case rt.Kind() == reflect.Struct:
		return structEncoder(rt, t)
	}
	return nil, fmt.Errorf("%s cannot be converted to a %s", rt, t)
}

func structEncoder(rt reflect.Type, t tftypes.Type) (encoder, error) {
	fields, err := modelFieldsOf(rt, t)
	if err != nil {
		return nil, err
	}
	encs := make([]encoder, len(fields))
	for i, f := range fields {
		sf := rt.FieldByIndex(f.index)
		if encs[i], err = encoderFor(sf.Type, f.typ); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", rt, sf.Name, err)
		}
	}
	ot := t.(tftypes.Object) //nolint:forcetypeassert // modelFieldsOf checked it
	return func(ctx context.Context, v reflect.Value) (tftypes.Value, error) {
		attrs := make(map[string]tftypes.Value, len(fields))
		for i, f := range fields {
			tv, err := encs[i](ctx, v.FieldByIndex(f.index))
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", f.name, err)
			}
			attrs[f.name] = tv
		}
		return tftypes.NewValue(ot, attrs), nil
	}, nil
}

// modelField is one field of a model struct and the attribute it holds.
type modelField struct {
	name  string       // the attribute (the field's tfsdk tag)
	index []int        // the field's index path (embedded structs flattened)
	typ   tftypes.Type // the attribute's type in the schema
}

// modelFieldsOf pairs the fields of model struct rt with the attributes of
// object type t, checking that every field is tagged with an attribute of t
// and every attribute has a field. The fields of an embedded struct without
// a tag are the model's own, as for State.Set.
func modelFieldsOf(rt reflect.Type, t tftypes.Type) ([]modelField, error) {
	ot, ok := t.(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("%s is a struct where the schema has a %s", rt, t)
	}
	var fields []modelField
	var walk func(st reflect.Type, prefix []int) error
	walk = func(st reflect.Type, prefix []int) error {
		for i := range st.NumField() {
			f := st.Field(i)
			index := append(slices.Clip(prefix), i)
			name := f.Tag.Get("tfsdk")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				if err := walk(f.Type, index); err != nil {
					return err
				}
				continue
			}
			if name == "" || name == "-" {
				return fmt.Errorf("%s: field %s has no tfsdk tag", rt, f.Name)
			}
			at, ok := ot.AttributeTypes[name]
			if !ok {
				return fmt.Errorf("%s: field %s names %q, which is not an attribute of the schema", rt, f.Name, name)
			}
			if slices.ContainsFunc(fields, func(f modelField) bool { return f.name == name }) {
				return fmt.Errorf("%s: field %s names %q, as an earlier field does", rt, f.Name, name)
			}
			fields = append(fields, modelField{name: name, index: index, typ: at})
		}
		return nil
	}
	if err := walk(rt, nil); err != nil {
		return nil, err
	}
	if len(fields) != len(ot.AttributeTypes) {
		for name := range ot.AttributeTypes {
			if !slices.ContainsFunc(fields, func(f modelField) bool { return f.name == name }) {
				return nil, fmt.Errorf("%s has no field for attribute %q", rt, name)
			}
		}
	}
	return fields, nil
}

// encodeListDirect writes n model values with enc as a list in Terraform's
// wire format. On an error it says which element failed.
func encodeListDirect[M any](ctx context.Context, enc msgpackEncoder, n int, item func(i int) M) (*chunkedBuffer, int, error) {
	buf := &chunkedBuffer{}
	w := msgpack.NewEncoder(buf)
	if err := w.EncodeArrayLen(n); err != nil {
		return nil, 0, err
	}
	var m M // one model value, reused: each element is written out before the next
	v := reflect.ValueOf(&m).Elem()
	for i := range n {
		m = item(i)
		if err := enc(ctx, w, v); err != nil {
			return nil, i, err
		}
	}
	return buf, n, nil
}

// plainType says whether a schema type is built from the framework's own
// types only. Only a list of such a type is encoded directly: a custom type
// can check or normalize values (semantic equality), which the framework
// does after Read and the direct path would skip.
func plainType(t attr.Type) bool {
	switch t := t.(type) {
	case basetypes.StringType, basetypes.BoolType, basetypes.Int64Type, basetypes.Int32Type,
		basetypes.Float64Type, basetypes.Float32Type, basetypes.NumberType:
		return true
	case basetypes.ListType:
		return plainType(t.ElemType)
	case basetypes.ObjectType:
		for _, at := range t.AttrTypes {
			if !plainType(at) {
				return false
			}
		}
		return true
	}
	return false
}
