package provider

import (
	"context"
	"fmt"
	"reflect"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// msgpackEncoder writes an addressable model value in the encoding Terraform
// receives state in (MessagePack, as tftypes writes it), without building a
// Terraform value first. It is the direct twin of encoder: for the same model
// and schema type the bytes are those tfprotov6.NewDynamicValue writes for
// the value encoder returns (TestDirectListStateMatchesFramework).
type msgpackEncoder func(context.Context, *msgpack.Encoder, reflect.Value) error

var (
	stringValueType = reflect.TypeFor[basetypes.StringValue]()
	boolValueType   = reflect.TypeFor[basetypes.BoolValue]()
	int64ValueType  = reflect.TypeFor[basetypes.Int64Value]()
)

// msgpackEncoderFor compiles the encoding of model type rt as Terraform type
// t, with the checks encoderFor makes.
func msgpackEncoderFor(rt reflect.Type, t tftypes.Type) (msgpackEncoder, error) {
	switch {
	case reflect.PointerTo(rt).Implements(attrValueType):
		return leafMsgpackEncoder(rt, t), nil
	case rt.Kind() == reflect.Pointer:
		elem, err := msgpackEncoderFor(rt.Elem(), t)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
			if v.IsNil() {
				return enc.EncodeNil()
			}
			return elem(ctx, enc, v.Elem())
		}, nil
	case rt.Kind() == reflect.Slice:
		lt, ok := t.(tftypes.List)
		if !ok {
			return nil, fmt.Errorf("%s is a slice where the schema has a %s", rt, t)
		}
		elem, err := msgpackEncoderFor(rt.Elem(), lt.ElementType)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
			if v.IsNil() {
				return enc.EncodeNil()
			}
			if err := enc.EncodeArrayLen(v.Len()); err != nil {
				return err
			}
			for i := range v.Len() {
				if err := elem(ctx, enc, v.Index(i)); err != nil {
					return fmt.Errorf("[%d]: %w", i, err)
				}
			}
			return nil
		}, nil
	case rt.Kind() == reflect.Struct:
		return structMsgpackEncoder(rt, t)
	}
	return nil, fmt.Errorf("%s cannot be converted to a %s", rt, t)
}

// leafMsgpackEncoder encodes a framework value. Known strings, booleans and
// whole numbers, which are nearly every attribute of the large lists, are
// written directly; anything else (unknown values, numbers, collections,
// custom types) goes through its Terraform value and tftypes' own encoding.
func leafMsgpackEncoder(rt reflect.Type, t tftypes.Type) msgpackEncoder {
	switch {
	case rt == stringValueType && t.Equal(tftypes.String):
		return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
			s := v.Interface().(basetypes.StringValue) //nolint:forcetypeassert // rt is checked above
			switch {
			case s.IsNull():
				return enc.EncodeNil()
			case s.IsUnknown():
				return viaTerraformValue(ctx, enc, v, t)
			}
			return enc.EncodeString(s.ValueString())
		}
	case rt == boolValueType && t.Equal(tftypes.Bool):
		return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
			b := v.Interface().(basetypes.BoolValue) //nolint:forcetypeassert // rt is checked above
			switch {
			case b.IsNull():
				return enc.EncodeNil()
			case b.IsUnknown():
				return viaTerraformValue(ctx, enc, v, t)
			}
			return enc.EncodeBool(b.ValueBool())
		}
	case rt == int64ValueType && t.Equal(tftypes.Number):
		return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
			n := v.Interface().(basetypes.Int64Value) //nolint:forcetypeassert // rt is checked above
			switch {
			case n.IsNull():
				return enc.EncodeNil()
			case n.IsUnknown():
				return viaTerraformValue(ctx, enc, v, t)
			}
			// tftypes writes a number that is a whole int64 as an integer.
			return enc.EncodeInt(n.ValueInt64())
		}
	}
	return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
		return viaTerraformValue(ctx, enc, v, t)
	}
}

// viaTerraformValue encodes a framework value the general way: its Terraform
// value, checked against the schema type, in tftypes' encoding.
func viaTerraformValue(ctx context.Context, enc *msgpack.Encoder, v reflect.Value, t tftypes.Type) error {
	av, ok := v.Addr().Interface().(attr.Value)
	if !ok { // msgpackEncoderFor checked the type; this cannot happen
		return fmt.Errorf("%s is not a framework value", v.Type())
	}
	tv, err := av.ToTerraformValue(ctx)
	if err != nil {
		return err
	}
	if !tv.Type().Equal(t) {
		return fmt.Errorf("a %s where the schema has a %s", tv.Type(), t)
	}
	dv, err := tfprotov6.NewDynamicValue(t, tv)
	if err != nil {
		return err
	}
	return enc.Encode(msgpack.RawMessage(dv.MsgPack))
}

// structMsgpackEncoder writes a model struct as a Terraform object: a map of
// its attributes in name order, as tftypes does.
func structMsgpackEncoder(rt reflect.Type, t tftypes.Type) (msgpackEncoder, error) {
	fields, err := modelFieldsOf(rt, t)
	if err != nil {
		return nil, err
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].name < fields[j].name })
	encs := make([]msgpackEncoder, len(fields))
	for i, f := range fields {
		sf := rt.FieldByIndex(f.index)
		if encs[i], err = msgpackEncoderFor(sf.Type, f.typ); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", rt, sf.Name, err)
		}
	}
	return func(ctx context.Context, enc *msgpack.Encoder, v reflect.Value) error {
		if err := enc.EncodeMapLen(len(fields)); err != nil {
			return err
		}
		for i, f := range fields {
			if err := enc.EncodeString(f.name); err != nil {
				return err
			}
			if err := encs[i](ctx, enc, v.FieldByIndex(f.index)); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
		return nil
	}, nil
}
