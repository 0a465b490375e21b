package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

type directInner struct {
	A types.String `tfsdk:"a"`
}

// directLeaves has a field of every kind a model may hold.
type directLeaves struct {
	S  types.String   `tfsdk:"s"`
	B  types.Bool     `tfsdk:"b"`
	I  types.Int64    `tfsdk:"i"`
	F  types.Float64  `tfsdk:"f"`
	N  types.Number   `tfsdk:"n"`
	L  types.List     `tfsdk:"l"`
	P  *directInner   `tfsdk:"p"`
	Xs []directInner  `tfsdk:"xs"`
	Ss []types.String `tfsdk:"ss"`
}

var directInnerType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}}

var directLeavesType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"s": tftypes.String, "b": tftypes.Bool, "i": tftypes.Number, "f": tftypes.Number, "n": tftypes.Number,
	"l": tftypes.List{ElementType: tftypes.String}, "p": directInnerType,
	"xs": tftypes.List{ElementType: directInnerType}, "ss": tftypes.List{ElementType: tftypes.String},
}}

// The direct encoding is byte for byte tftypes' encoding of the value the
// Terraform-value path builds: nulls, unknowns, every string length class
// of MessagePack, integers at the int64 edges, numbers tftypes writes as
// floats or as text, nested objects and lists, nil and empty slices.
func TestDirectListEncodingMatchesTftypes(t *testing.T) {
	strList := types.ListValueMust(types.StringType, nil)
	nullLeaves := directLeaves{S: types.StringNull(), B: types.BoolNull(), I: types.Int64Null(), F: types.Float64Null(),
		N: types.NumberNull(), L: types.ListNull(types.StringType)}
	unknownLeaves := directLeaves{S: types.StringUnknown(), B: types.BoolUnknown(), I: types.Int64Unknown(),
		F: types.Float64Unknown(), N: types.NumberUnknown(), L: types.ListUnknown(types.StringType)}
	items := []directLeaves{nullLeaves, unknownLeaves}
	for _, s := range []string{"", "x", strings.Repeat("é", 20), strings.Repeat("s", 300), strings.Repeat("\x00\xff", 40_000)} {
		for _, n := range []int64{0, -1, 127, 128, -33, 1 << 40, math.MaxInt64, math.MinInt64} {
			items = append(items, directLeaves{S: types.StringValue(s), B: types.BoolValue(n%2 == 0), I: types.Int64Value(n),
				F: types.Float64Value(float64(n) / 2), N: types.NumberValue(new(big.Float).SetInt64(n)), L: strList,
				P: &directInner{A: types.StringValue(s)}, Xs: []directInner{{A: types.StringNull()}, {A: types.StringValue(s)}},
				Ss: []types.String{}})
		}
	}
	for _, f := range []float64{3, 3.5, 1e300, -1e-300, math.Inf(1), math.Inf(-1)} {
		items = append(items, directLeaves{S: types.StringNull(), B: types.BoolNull(), I: types.Int64Null(), F: types.Float64Value(f),
			N: types.NumberValue(big.NewFloat(f)), L: types.ListValueMust(types.StringType, []attr.Value{types.StringValue("a")}),
			Ss: []types.String{types.StringValue("a"), types.StringNull()}})
	}
	huge, _ := new(big.Float).SetString("1e30") // a whole number past int64: tftypes writes it as text
	items = append(items, directLeaves{S: types.StringNull(), B: types.BoolNull(), I: types.Int64Null(), F: types.Float64Null(),
		N: types.NumberValue(huge), L: strList})

	assertDirectMatchesTftypes(t, directLeavesType, items)
}

// A model that does not fit the schema is refused before anything is
// encoded, as on the Terraform-value path.
func TestDirectListEncodingRefusesAModelThatDoesNotFit(t *testing.T) {
	ctx := context.Background()
	type short struct {
		A types.String `tfsdk:"a"`
	}
	_, err := encodeListForTest(ctx, tftypes.List{ElementType: directLeavesType}, 1, func(int) short { return short{} })
	if err == nil || !strings.Contains(err.Error(), "not an attribute of the schema") {
		t.Fatalf("want the field named, got %v", err)
	}
	type wrong struct {
		A types.Bool `tfsdk:"a"`
	}
	_, err = encodeListForTest(ctx, tftypes.List{ElementType: directInnerType}, 1, func(int) wrong { return wrong{A: types.BoolValue(true)} })
	if err == nil || !strings.Contains(err.Error(), "[0]: a: a tftypes.Bool where the schema has a tftypes.String") {
		t.Fatalf("want the element and attribute named, got %v", err)
	}
}

func TestSpliceLists(t *testing.T) {
	obj := func(vals map[string]tftypes.Value) []byte {
		types := map[string]tftypes.Type{}
		for k, v := range vals {
			types[k] = v.Type()
		}
		ot := tftypes.Object{AttributeTypes: types}
		dv, err := tfprotov6.NewDynamicValue(ot, tftypes.NewValue(ot, vals))
		if err != nil {
			t.Fatal(err)
		}
		return dv.MsgPack
	}
	strs := tftypes.List{ElementType: tftypes.String}
	elems := []tftypes.Value{tftypes.NewValue(tftypes.String, "v"), tftypes.NewValue(tftypes.String, "w")}
	encoded, err := tfprotov6.NewDynamicValue(strs, tftypes.NewValue(strs, elems))
	if err != nil {
		t.Fatal(err)
	}
	list := &chunkedBuffer{}
	_, _ = list.Write(encoded.MsgPack)
	lists := map[string]*chunkedBuffer{"users": list}
	a, z := tftypes.NewValue(tftypes.String, "k"), tftypes.NewValue(tftypes.Bool, true)

	// The placeholder is replaced: the result is the state with the list.
	got, err := spliceLists(obj(map[string]tftypes.Value{"a": a, "users": tftypes.NewValue(strs, listPlaceholder), "z": z}), lists)
	want := obj(map[string]tftypes.Value{"a": a, "users": tftypes.NewValue(strs, elems), "z": z})
	if err != nil || string(got) != string(want) {
		t.Fatalf("placeholder not replaced: %v\n got %x\nwant %x", err, got, want)
	}
	if cap(got) != len(got) {
		t.Errorf("the result is allocated at %d bytes for %d", cap(got), len(got))
	}
	// A value Read set after setListState (null, or a list) is kept, as
	// the framework alone would send it; so is a state without the list.
	for _, users := range []tftypes.Value{tftypes.NewValue(strs, nil), tftypes.NewValue(strs, elems[:1])} {
		state := obj(map[string]tftypes.Value{"a": a, "users": users})
		if got, err := spliceLists(state, lists); err != nil || string(got) != string(state) {
			t.Errorf("a value set again must be kept: %v", err)
		}
	}
	whole := obj(map[string]tftypes.Value{"a": a, "z": z})
	for name, tc := range map[string]struct {
		state []byte
		want  string
	}{
		"trailing bytes": {append(obj(map[string]tftypes.Value{"a": a}), 0xc0), "1 bytes after the state object"},
		"not an object":  {[]byte{0xc3}, "state is not an object"},
		"null state":     {[]byte{0xc0}, "state is null"},
		"truncated":      {whole[:len(whole)-1], `attribute "z"`},
	} {
		if _, err := spliceLists(tc.state, lists); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: want an error saying %q, got %v", name, tc.want, err)
		}
	}
}

// encodeListForTest compiles the direct encoder of M and encodes n items,
// an element's error prefixed with its index.
func encodeListForTest[M any](ctx context.Context, listType tftypes.List, n int, item func(int) M) (*chunkedBuffer, error) {
	enc, err := msgpackEncoderFor(reflect.TypeFor[M](), listType.ElementType)
	if err != nil {
		return nil, err
	}
	buf, i, err := encodeListDirect(ctx, enc, n, item)
	if err != nil {
		return nil, fmt.Errorf("[%d]: %w", i, err)
	}
	return buf, nil
}

// Every data source that lists through setListState answers the same bytes
// and diagnostics through Server (lists encoded directly) as through the
// framework alone, and Server did take the direct path for each.
func TestServerListsMatchFramework(t *testing.T) {
	ctx := context.Background()
	pair := configuredServerPair(t)
	sim, framework, direct, schemas := pair.sim, pair.framework, pair.direct, pair.schemas
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	for _, tc := range []struct {
		typeName string
		list     string
		config   map[string]tftypes.Value
	}{
		{"openai_users", "users", nil},
		{"openai_users", "users", map[string]tftypes.Value{"role": str("OWNER"), "email_suffix": str("@example.com")}},
		{"openai_workspace_users", "users", nil},
		{"openai_workspace_users", "users", map[string]tftypes.Value{"status": str("active")}},
		{"openai_gpts", "gpts", nil},
		{"openai_chatgpt_projects", "projects", nil},
		{"openai_admin_api_keys", "keys", nil},
		{"openai_project_api_keys", "keys", nil},
		{"openai_invites", "invites", nil},
		{"openai_projects", "projects", nil},
		{"openai_groups", "groups", nil},
		{"openai_roles", "roles", nil},
		{"openai_posture_findings", "findings", nil},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			schema := schemas.DataSourceSchemas[tc.typeName]
			if schema == nil {
				t.Fatalf("no data source %s", tc.typeName)
			}
			req := &tfprotov6.ReadDataSourceRequest{TypeName: tc.typeName, Config: configOf(t, schema, tc.config)}
			want, err := framework.ReadDataSource(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			var encodedDirectly int
			got, err := readDataSourceDirect(ctx, req, func(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
				resp, err := direct.(*server).frameworkServer.ReadDataSource(ctx, req)
				encodedDirectly = len(directListsFrom(ctx).taken())
				return resp, err
			})
			if err != nil {
				t.Fatal(err)
			}
			if hasError(want.Diagnostics) || !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
				t.Fatalf("diagnostics: direct %v, framework %v", got.Diagnostics, want.Diagnostics)
			}
			if encodedDirectly != 1 {
				t.Fatalf("%d lists encoded directly, want 1", encodedDirectly)
			}
			// tftypes writes a map's entries in Go's map order, so a state
			// holding a map (openai_posture_findings' counts and scores)
			// is compared by value; every other state byte for byte.
			if string(got.State.MsgPack) != string(want.State.MsgPack) {
				if diff := differingAttributes(t, schema, got.State, want.State); len(diff) > 0 || !holdsMap(schema.ValueType()) {
					t.Fatalf("state differs: direct %d bytes, framework %d bytes; attributes that differ: %v",
						len(got.State.MsgPack), len(want.State.MsgPack), diff)
				}
			}
			if n := listLength(t, schema, got.State, tc.list); n == 0 && tc.config == nil {
				t.Fatalf("%s.%s is empty: the fixture must hold some, or the comparison proves little", tc.typeName, tc.list)
			}
			// And Server itself, as main serves it.
			served, err := direct.ReadDataSource(ctx, req)
			if err != nil || hasError(served.Diagnostics) {
				t.Fatalf("Server: %v %v", err, served.Diagnostics)
			}
			if diff := differingAttributes(t, schema, served.State, want.State); len(diff) > 0 {
				t.Fatalf("Server: attributes that differ: %v", diff)
			}
		})
	}

	// A failed read answers the framework's diagnostics and no list.
	sim.InjectFault(openai.EndpointInvites, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500})
	fresh := Server(New("test"))()
	if r, err := fresh.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pair.config}); err != nil || hasError(r.Diagnostics) {
		t.Fatalf("configure: %v %v", err, r.Diagnostics)
	}
	req := &tfprotov6.ReadDataSourceRequest{TypeName: "openai_invites", Config: configOf(t, schemas.DataSourceSchemas["openai_invites"], nil)}
	r, err := fresh.ReadDataSource(ctx, req)
	if err != nil || !hasError(r.Diagnostics) {
		t.Fatalf("a failed read must be an error: %v %v", err, r.Diagnostics)
	}
}

// configOf is a configuration of schema s: vals, every other attribute null.
func configOf(t *testing.T, s *tfprotov6.Schema, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	typ := s.ValueType().(tftypes.Object)
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range vals {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("no attribute %q", name)
		}
		all[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, all))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// listLength decodes state and counts the elements of its list attribute.
func listLength(t *testing.T, s *tfprotov6.Schema, state *tfprotov6.DynamicValue, name string) int {
	t.Helper()
	v, err := state.Unmarshal(s.ValueType())
	if err != nil {
		t.Fatalf("the state does not decode: %v", err)
	}
	var top map[string]tftypes.Value
	if err := v.As(&top); err != nil {
		t.Fatal(err)
	}
	var elems []tftypes.Value
	if err := top[name].As(&elems); err != nil {
		t.Fatal(err)
	}
	return len(elems)
}

// differingAttributes names the top-level attributes whose values differ
// between two states of schema s.
func differingAttributes(t *testing.T, s *tfprotov6.Schema, a, b *tfprotov6.DynamicValue) []string {
	t.Helper()
	top := func(dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
		v, err := dv.Unmarshal(s.ValueType())
		if err != nil {
			t.Fatalf("the state does not decode: %v", err)
		}
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ma, mb := top(a), top(b)
	var out []string
	for k, v := range ma {
		if !v.Equal(mb[k]) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// holdsMap says whether values of type typ can hold a map.
func holdsMap(typ tftypes.Type) bool {
	switch t := typ.(type) {
	case tftypes.Map:
		return true
	case tftypes.List:
		return holdsMap(t.ElementType)
	case tftypes.Set:
		return holdsMap(t.ElementType)
	case tftypes.Object:
		for _, at := range t.AttributeTypes {
			if holdsMap(at) {
				return true
			}
		}
	case tftypes.Tuple:
		for _, et := range t.ElementTypes {
			if holdsMap(et) {
				return true
			}
		}
	}
	return false
}

// serverPair is the provider served by the framework alone and by Server,
// both configured for one simulator.
type serverPair struct {
	sim               *openaisim.Server
	framework, direct tfprotov6.ProviderServer
	schemas           *tfprotov6.GetProviderSchemaResponse
	config            *tfprotov6.DynamicValue // the provider configuration both got
}

// configuredServerPair starts a simulator serving largeOrg and the two
// servers, configured for it.
func configuredServerPair(t *testing.T) serverPair {
	t.Helper()
	unsetProviderEnv(t)
	sim, err := openaisim.New(largeOrg())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	ctx := context.Background()
	framework := providerserver.NewProtocol6(New("test")())()
	direct := Server(New("test"))()
	schemas, err := framework.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schemas.Diagnostics) {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	pcfg := configOf(t, schemas.Provider, map[string]tftypes.Value{
		"admin_api_key":                  tftypes.NewValue(tftypes.String, openaisim.AdminKey),
		"compliance_api_key":             tftypes.NewValue(tftypes.String, openaisim.ComplianceKey),
		"workspace_id":                   tftypes.NewValue(tftypes.String, sim.WorkspaceID()),
		"admin_base_url":                 tftypes.NewValue(tftypes.String, sim.AdminBaseURL()),
		"compliance_base_url":            tftypes.NewValue(tftypes.String, sim.ComplianceBaseURL()),
		"admin_requests_per_minute":      tftypes.NewValue(tftypes.Number, 0),
		"compliance_requests_per_minute": tftypes.NewValue(tftypes.Number, 0),
		"max_retries":                    tftypes.NewValue(tftypes.Number, 0),
	})
	for _, srv := range []tfprotov6.ProviderServer{framework, direct} {
		if r, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pcfg}); err != nil || hasError(r.Diagnostics) {
			t.Fatalf("configure: %v %v", err, r.Diagnostics)
		}
	}
	return serverPair{sim: sim, framework: framework, direct: direct, schemas: schemas, config: pcfg}
}

// assertDirectMatchesTftypes checks that items encode directly exactly as
// tftypes encodes the values the Terraform-value path builds.
func assertDirectMatchesTftypes[M any](t *testing.T, elem tftypes.Object, items []M) {
	t.Helper()
	ctx := context.Background()
	listType := tftypes.List{ElementType: elem}
	encoded, err := encodeListForTest(ctx, listType, len(items), func(i int) M { return items[i] })
	if err != nil {
		t.Fatal(err)
	}
	got := encoded.AppendTo(nil)
	enc, err := encoderFor(reflect.TypeFor[M](), elem)
	if err != nil {
		t.Fatal(err)
	}
	elems := make([]tftypes.Value, len(items))
	for i := range items {
		if elems[i], err = enc(ctx, reflect.ValueOf(&items[i]).Elem()); err != nil {
			t.Fatal(err)
		}
	}
	want, err := tfprotov6.NewDynamicValue(listType, tftypes.NewValue(listType, elems))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want.MsgPack) {
		at := 0
		for at < min(len(got), len(want.MsgPack)) && got[at] == want.MsgPack[at] {
			at++
		}
		t.Fatalf("direct encoding differs from tftypes' at byte %d: %d bytes against %d", at, len(got), len(want.MsgPack))
	}
}
