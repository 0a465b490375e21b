package provider

// Red-team tests of the direct list encoding (cb53525): setListState encodes
// a data source's list straight to MessagePack under Server and Server
// splices it into the framework's state. The claim under attack: what
// Terraform receives through Server is, byte for byte and diagnostic for
// diagnostic, what the framework's server alone sends, for every input.
//
// Each test asserts the safe behaviour; the six attacks that worked at
// first (an error after setListState, the list set again, conversion
// diagnostics, the optional RPCs, custom types, the list held three times)
// were fixed and their tests run always.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// rtItem is the element of the test data source's lists.
type rtItem struct {
	Name  types.String `tfsdk:"name"`
	Count types.Int64  `tfsdk:"count"`
}

var rtItemType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "count": tftypes.Number}}

// rtModel is the whole state of the test data source.
type rtModel struct {
	ID    types.String `tfsdk:"id"`
	Note  types.String `tfsdk:"note"`
	Items []rtItem     `tfsdk:"items"`
	Extra []rtItem     `tfsdk:"extra"`
}

// rtItems gives items named after prefix.
func rtItems(prefix string) func(int) rtItem {
	return func(i int) rtItem {
		return rtItem{Name: types.StringValue(prefix + "-" + strconv.Itoa(i)), Count: types.Int64Value(int64(i))}
	}
}

type rtReadFunc func(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse)

// rtProvider serves one data source, rtlist_items, whose Read is read; with
// picky, its items' names have the custom type rtPickyType.
type rtProvider struct {
	read  rtReadFunc
	picky bool
}

func (p *rtProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "rtlist"
}

func (p *rtProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *rtProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *rtProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return &rtDataSource{read: p.read, picky: p.picky} }}
}

func (p *rtProvider) Resources(context.Context) []func() resource.Resource { return nil }

type rtDataSource struct {
	read  rtReadFunc
	picky bool
}

func (d *rtDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "rtlist_items"
}

func (d *rtDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	name := dsschema.StringAttribute{Computed: true}
	if d.picky {
		name.CustomType = rtPickyType{}
	}
	item := dsschema.NestedAttributeObject{Attributes: map[string]dsschema.Attribute{
		"name":  name,
		"count": dsschema.Int64Attribute{Computed: true},
	}}
	resp.Schema = dsschema.Schema{Attributes: map[string]dsschema.Attribute{
		"id":    dsschema.StringAttribute{Optional: true},
		"note":  dsschema.StringAttribute{Computed: true},
		"items": dsschema.ListNestedAttribute{Computed: true, NestedObject: item},
		"extra": dsschema.ListNestedAttribute{Computed: true, NestedObject: item},
	}}
}

func (d *rtDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	d.read(ctx, req, resp)
}

// rtServers is the framework's server alone and Server, both serving read.
func rtServers(read rtReadFunc) (framework, direct tfprotov6.ProviderServer) {
	return rtServersOf(&rtProvider{read: read})
}

func rtServersOf(prov *rtProvider) (framework, direct tfprotov6.ProviderServer) {
	p := func() provider.Provider { return &rtProvider{read: prov.read, picky: prov.picky} }
	return providerserver.NewProtocol6(p())(), Server(p)()
}

// rtRequest is a read of rtlist_items with configuration vals.
func rtRequest(t *testing.T, srv tfprotov6.ProviderServer, vals map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	t.Helper()
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schemas.Diagnostics) {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	return &tfprotov6.ReadDataSourceRequest{TypeName: "rtlist_items", Config: configOf(t, schemas.DataSourceSchemas["rtlist_items"], vals)}
}

// rtDifference says how Server's answer to req differs from the framework's,
// "" when it does not.
func rtDifference(t *testing.T, read rtReadFunc, req func(tfprotov6.ProviderServer) *tfprotov6.ReadDataSourceRequest) string {
	t.Helper()
	return rtDifferenceOf(t, &rtProvider{read: read}, req)
}

func rtDifferenceOf(t *testing.T, prov *rtProvider, req func(tfprotov6.ProviderServer) *tfprotov6.ReadDataSourceRequest) string {
	t.Helper()
	framework, direct := rtServersOf(prov)
	ctx := context.Background()
	want, err := framework.ReadDataSource(ctx, req(framework))
	if err != nil {
		t.Fatal(err)
	}
	got, err := direct.ReadDataSource(ctx, req(direct))
	if err != nil {
		t.Fatal(err)
	}
	return responseDifference(got, want)
}

func responseDifference(got, want *tfprotov6.ReadDataSourceResponse) string {
	var diffs []string
	if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
		diffs = append(diffs, fmt.Sprintf("diagnostics: Server %s, framework %s", diagText(got.Diagnostics), diagText(want.Diagnostics)))
	}
	gs, ws := stateBytes(got.State), stateBytes(want.State)
	if gs != ws {
		diffs = append(diffs, fmt.Sprintf("state: Server %q, framework %q", gs, ws))
	}
	if !reflect.DeepEqual(got.Deferred, want.Deferred) {
		diffs = append(diffs, fmt.Sprintf("deferred: Server %v, framework %v", got.Deferred, want.Deferred))
	}
	return strings.Join(diffs, "; ")
}

func stateBytes(v *tfprotov6.DynamicValue) string {
	if v == nil {
		return "<no state>"
	}
	return string(v.MsgPack)
}

func diagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "[%s %q %q]", d.Severity, d.Summary, d.Detail)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

func rtNoConfig(t *testing.T) func(tfprotov6.ProviderServer) *tfprotov6.ReadDataSourceRequest {
	return func(srv tfprotov6.ProviderServer) *tfprotov6.ReadDataSourceRequest { return rtRequest(t, srv, nil) }
}

// Reads that use setListState as the provider's data sources do, and a few
// more ways a data source may: two lists, a list set twice, other
// attributes set afterwards, a warning, an unknown configuration value, a
// deferred answer, an empty list, elements with null and unknown values.
// Server answers each exactly as the framework does.
func TestRedTeamListSafePatternsMatchFramework(t *testing.T) {
	withUnknown := func(i int) rtItem {
		switch i % 3 {
		case 0:
			return rtItem{Name: types.StringNull(), Count: types.Int64Unknown()}
		case 1:
			return rtItem{Name: types.StringUnknown(), Count: types.Int64Null()}
		}
		return rtItems("u")(i)
	}
	for name, tc := range map[string]struct {
		read   rtReadFunc
		config map[string]tftypes.Value
	}{
		"one list": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 3, rtItems("a"))...)
		}},
		"two lists, another attribute and a warning": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "extra", 2, rtItems("x"))...)
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 300, rtItems("i"))...)
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("note"), "done")...)
			resp.Diagnostics.AddWarning("partial", "something was not listed")
		}},
		"a list set twice": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 5, rtItems("first"))...)
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 2, rtItems("second"))...)
		}},
		"empty list": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 0, rtItems("none"))...)
		}},
		"null and unknown elements' values": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 7, withUnknown)...)
		}},
		"unknown configuration value": {
			read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
				resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 4, rtItems("a"))...)
			},
			config: map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)},
		},
		"deferred by the data source": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 2, rtItems("a"))...)
			resp.Deferred = &datasource.Deferred{Reason: datasource.DeferredReasonAbsentPrereq}
		}},
		"no list": {read: func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("note"), "no list")...)
		}},
	} {
		t.Run(name, func(t *testing.T) {
			req := func(srv tfprotov6.ProviderServer) *tfprotov6.ReadDataSourceRequest {
				return rtRequest(t, srv, tc.config)
			}
			if d := rtDifference(t, tc.read, req); d != "" {
				t.Fatal(d)
			}
		})
	}
}

// Attack: a Read that fails after setListState. The framework still sends
// the state it has (list included) with the error; Server sends the list
// null. Terraform keeps no state on an error, but the bytes differ.
func TestRedTeamListErrorAfterSetListState(t *testing.T) {
	d := rtDifference(t, func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 3, rtItems("a"))...)
		resp.Diagnostics.AddError("later step failed", "the read failed after the list was set")
	}, rtNoConfig(t))
	if d != "" {
		t.Fatalf("a Read that errors after setListState: Server's answer differs from the framework's: %s", d)
	}
}

// Attack: a Read that changes its list again after setListState. Under
// Server the state holds the list null, so whatever Read does to that
// attribute afterwards is lost, answered with an error, or reads null.
func TestRedTeamListChangedAfterSetListState(t *testing.T) {
	for name, read := range map[string]rtReadFunc{
		// The usual framework idiom: build a model for the small attributes
		// and State.Set it; the list's field left nil means null.
		"whole state set after it": func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 3, rtItems("stale"))...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &rtModel{ID: types.StringNull(), Note: types.StringValue("reset")})...)
		},
		"list replaced after it": func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 3, rtItems("stale"))...)
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("items"), []rtItem{rtItems("fresh")(0)})...)
		},
	} {
		t.Run(name, func(t *testing.T) {
			if d := rtDifference(t, read, rtNoConfig(t)); d != "" {
				t.Fatalf("%s: Server's answer differs from the framework's: %s", name, d)
			}
		})
	}
}

// Attack: a model that does not fit the schema, or an element that does not
// convert. The claim is that diagnostics do not change; the direct path
// words them its own way.
func TestRedTeamListConversionErrorDiagnostics(t *testing.T) {
	type missingField struct {
		Name types.String `tfsdk:"name"`
	}
	type wrongType struct {
		Name  types.String `tfsdk:"name"`
		Count types.String `tfsdk:"count"`
	}
	for name, read := range map[string]rtReadFunc{
		"model without a field for an attribute": func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 1, func(int) missingField {
				return missingField{Name: types.StringValue("x")}
			})...)
		},
		"element of the wrong type": func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
			resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 2, func(i int) wrongType {
				return wrongType{Name: types.StringValue("x"), Count: types.StringValue(strconv.Itoa(i))}
			})...)
		},
	} {
		t.Run(name, func(t *testing.T) {
			if d := rtDifference(t, read, rtNoConfig(t)); d != "" {
				t.Fatalf("%s: %s", name, d)
			}
		})
	}
}

// What a subject's owner controls (a name) or a secret never reaches a
// conversion error, on either path: the errors name types, attributes and
// indexes only.
func TestRedTeamListConversionErrorsCarryNoValues(t *testing.T) {
	const secret = "sk-" + "admin-" + "TESTONLY-never-in-a-diagnostic" // split so no line looks like a key
	type wrongType struct {
		Name  types.String `tfsdk:"name"`
		Count types.String `tfsdk:"count"`
	}
	read := func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 1, func(int) wrongType {
			return wrongType{Name: types.StringValue(secret), Count: types.StringValue(secret)}
		})...)
	}
	framework, direct := rtServers(read)
	for name, srv := range map[string]tfprotov6.ProviderServer{"framework": framework, "Server": direct} {
		resp, err := srv.ReadDataSource(context.Background(), rtRequest(t, srv, nil))
		if err != nil {
			t.Fatal(err)
		}
		if !hasError(resp.Diagnostics) {
			t.Fatalf("%s: a wrong element type must be an error", name)
		}
		if text := diagText(resp.Diagnostics); strings.Contains(text, secret) {
			t.Fatalf("%s: a diagnostic carries the value: %s", name, text)
		}
	}
}

// Attack: Server wraps the framework's server in a struct that embeds only
// tfprotov6.ProviderServer, so the RPCs terraform-plugin-go finds through
// optional interfaces (list resources, actions, state stores) vanish: the
// framework answers them, Server's tf6server says they are not implemented.
func TestRedTeamListServerKeepsOptionalRPCs(t *testing.T) {
	framework := providerserver.NewProtocol6(New("test")())()
	direct := Server(New("test"))()
	var lost []string
	check := func(name string, fw, srv bool) {
		if fw && !srv {
			lost = append(lost, name)
		}
	}
	_, fw := framework.(tfprotov6.ListResourceServer)
	_, srv := direct.(tfprotov6.ListResourceServer)
	check("ListResource/ValidateListResourceConfig", fw, srv)
	_, fw = framework.(tfprotov6.ActionServer)
	_, srv = direct.(tfprotov6.ActionServer)
	check("PlanAction/InvokeAction/ValidateActionConfig", fw, srv)
	_, fw = framework.(tfprotov6.StateStoreServer)
	_, srv = direct.(tfprotov6.StateStoreServer)
	check("state store RPCs", fw, srv)
	if len(lost) > 0 {
		t.Fatalf("Server hides RPCs the framework's server implements: %s", strings.Join(lost, ", "))
	}
}

// Attack: Terraform reads data sources in parallel through one server. Each
// read's lists must stay its own: 64 concurrent reads on one Server, each
// listing a number of items named after its configuration, after a random
// pause, answer exactly what the framework answers for that configuration.
func TestRedTeamListConcurrentReadsKeepTheirLists(t *testing.T) {
	read := func(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
		var id types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
		n, _ := strconv.Atoi(strings.TrimPrefix(id.ValueString(), "r"))
		time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", n, rtItems(id.ValueString()))...)
		time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "extra", n%5, rtItems(id.ValueString()+"x"))...)
	}
	framework, direct := rtServers(read)
	ctx := context.Background()
	const reads = 64
	want := make([]*tfprotov6.ReadDataSourceResponse, reads)
	reqs := make([]*tfprotov6.ReadDataSourceRequest, reads)
	for i := range reads {
		reqs[i] = rtRequest(t, direct, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "r"+strconv.Itoa(i))})
		var err error
		if want[i], err = framework.ReadDataSource(ctx, reqs[i]); err != nil {
			t.Fatal(err)
		}
	}
	diffs := make([]string, reads)
	var wg sync.WaitGroup
	for i := range reads {
		wg.Go(func() {
			got, err := direct.ReadDataSource(ctx, reqs[i])
			if err != nil {
				diffs[i] = err.Error()
				return
			}
			diffs[i] = responseDifference(got, want[i])
		})
	}
	wg.Wait()
	for i, d := range diffs {
		if d != "" {
			t.Errorf("read %d: %s", i, d)
		}
	}
}

// The same with the provider's own data sources, which share one snapshot
// loader (its fetches run on a context detached from, but carrying the
// values of, whichever read started them): concurrent reads of several list
// data sources on one configured Server answer what the framework answers.
func TestRedTeamListConcurrentProviderReads(t *testing.T) {
	ctx := context.Background()
	pair := configuredServerPair(t)
	framework, direct, schemas := pair.framework, pair.direct, pair.schemas
	typeNames := []string{"openai_users", "openai_workspace_users", "openai_gpts", "openai_invites", "openai_projects", "openai_admin_api_keys"}
	want := map[string]*tfprotov6.ReadDataSourceResponse{}
	reqs := map[string]*tfprotov6.ReadDataSourceRequest{}
	for _, name := range typeNames {
		reqs[name] = &tfprotov6.ReadDataSourceRequest{TypeName: name, Config: configOf(t, schemas.DataSourceSchemas[name], nil)}
		var err error
		if want[name], err = framework.ReadDataSource(ctx, reqs[name]); err != nil || hasError(want[name].Diagnostics) {
			t.Fatalf("%s: %v %v", name, err, want[name].Diagnostics)
		}
	}
	var mu sync.Mutex
	var diffs []string
	var wg sync.WaitGroup
	for range 3 {
		for _, name := range typeNames {
			wg.Go(func() {
				got, err := direct.ReadDataSource(ctx, reqs[name])
				d := ""
				if err != nil {
					d = err.Error()
				} else {
					d = responseDifference(got, want[name])
				}
				if d != "" {
					mu.Lock()
					diffs = append(diffs, name+": "+d)
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	for _, d := range diffs {
		t.Error(d)
	}
}

// Attribute names that sort differently by bytes, by letter case or by
// Unicode code point still encode in tftypes' order: the direct encoder
// sorts by bytes as sort.Strings does.
func TestRedTeamListAttributeOrderMatchesTftypes(t *testing.T) {
	type odd struct {
		Upper  types.String `tfsdk:"Zeta"`
		Lower  types.String `tfsdk:"alpha"`
		Under  types.String `tfsdk:"_x"`
		Accent types.String `tfsdk:"é"`
		Prefix types.String `tfsdk:"ab"`
		Longer types.String `tfsdk:"a_b"`
		Digit  types.String `tfsdk:"9"`
	}
	attrs := map[string]tftypes.Type{}
	for _, n := range []string{"Zeta", "alpha", "_x", "é", "ab", "a_b", "9"} {
		attrs[n] = tftypes.String
	}
	ot := tftypes.Object{AttributeTypes: attrs}
	items := []odd{{
		Upper: types.StringValue("1"), Lower: types.StringValue("2"), Under: types.StringValue("3"), Accent: types.StringValue("4"),
		Prefix: types.StringValue("5"), Longer: types.StringValue("6"), Digit: types.StringValue("7"),
	}}
	assertDirectMatchesTftypes(t, ot, items)
}

// Attack on the memory claim: between encoding and splicing, does anything
// hold the whole list more than twice? It was encoded into a growing
// bytes.Buffer (allocating about twice its final size on the way and
// keeping up to twice its size in capacity) and then copied whole into the
// state. Now it is encoded once into fixed-size chunks and copied once into
// the state sent, allocated at its exact size: encoding and splicing
// allocate about two lists, with no capacity to spare.
func TestRedTeamListEncodedOnce(t *testing.T) {
	ctx := context.Background()
	const n = 20_000
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%06d-%s", i, strings.Repeat("n", 250))
	}
	item := func(i int) rtItem {
		return rtItem{Name: types.StringValue(names[i]), Count: types.Int64Value(int64(i))}
	}
	stateType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "items": tftypes.List{ElementType: rtItemType},
	}}
	state, err := tfprotov6.NewDynamicValue(stateType, tftypes.NewValue(stateType, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "x"), "items": tftypes.NewValue(tftypes.List{ElementType: rtItemType}, listPlaceholder),
	}))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	encoded, err := encodeListForTest(ctx, tftypes.List{ElementType: rtItemType}, n, item)
	if err != nil {
		t.Fatal(err)
	}
	out, err := spliceLists(state.MsgPack, map[string]*chunkedBuffer{"items": encoded})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if len(out) < encoded.Len() || cap(out) != len(out) {
		t.Fatalf("the sent state (%d bytes, capacity %d) must hold the %d-byte list at exact size", len(out), cap(out), encoded.Len())
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	ratio := float64(allocated) / float64(encoded.Len())
	t.Logf("list %d bytes, sent state %d bytes, allocated %d bytes (%.2f lists)", encoded.Len(), len(out), allocated, ratio)
	if ratio > 2.2 { // two lists, the last chunk's slack, the encoder's own
		t.Fatalf("encoding and splicing a %d-byte list allocate %.2f times its size: more than the chunks and the state sent", encoded.Len(), ratio)
	}
}

// rtPickyType is a custom string type whose values refuse to start with
// "bad": a type that checks what it holds, as a validating custom type does.
type rtPickyType struct{ basetypes.StringType }

func (t rtPickyType) Equal(o attr.Type) bool {
	_, ok := o.(rtPickyType)
	return ok
}

func (t rtPickyType) String() string { return "rtPickyType" }

func (t rtPickyType) ValueType(context.Context) attr.Value { return rtPickyValue{} }

func (t rtPickyType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	var diags diag.Diagnostics
	if strings.HasPrefix(in.ValueString(), "bad") {
		diags.AddError("Picky value", "a name may not start with bad")
	}
	return rtPickyValue{StringValue: in}, diags
}

func (t rtPickyType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	sv := v.(basetypes.StringValue)
	if strings.HasPrefix(sv.ValueString(), "bad") {
		return nil, fmt.Errorf("a name may not start with bad")
	}
	return rtPickyValue{StringValue: sv}, nil
}

type rtPickyValue struct{ basetypes.StringValue }

func (v rtPickyValue) Type(context.Context) attr.Type { return rtPickyType{} }

func (v rtPickyValue) Equal(o attr.Value) bool {
	ov, ok := o.(rtPickyValue)
	return ok && v.StringValue.Equal(ov.StringValue)
}

// Attack: a custom type that checks its values. After Read the framework
// converts the whole state into framework values (for semantic equality),
// so a value its type refuses fails the read. Under Server the list is
// null at that point: the check never runs and the value reaches Terraform.
func TestRedTeamListCustomTypeCheckStillRuns(t *testing.T) {
	type pickyItem struct {
		Name  rtPickyValue `tfsdk:"name"`
		Count types.Int64  `tfsdk:"count"`
	}
	read := func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 2, func(i int) pickyItem {
			return pickyItem{Name: rtPickyValue{StringValue: types.StringValue([]string{"good", "bad"}[i])}, Count: types.Int64Value(int64(i))}
		})...)
	}
	framework, _ := rtServersOf(&rtProvider{read: read, picky: true})
	want, err := framework.ReadDataSource(context.Background(), rtRequest(t, framework, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !hasError(want.Diagnostics) {
		t.Fatalf("the framework must refuse the value its type refuses: %s", diagText(want.Diagnostics))
	}
	if d := rtDifferenceOf(t, &rtProvider{read: read, picky: true}, rtNoConfig(t)); d != "" {
		t.Fatalf("a value its custom type refuses: %s", d)
	}
}

// A framework answer Server cannot splice into (a state in JSON, or none)
// becomes an error naming the data source, never a state without its list
// or with the list's bytes somewhere they do not belong.
func TestRedTeamListUnspliceableStateIsAnError(t *testing.T) {
	const owner = "owner-controlled GPT name"
	for name, state := range map[string]*tfprotov6.DynamicValue{
		"JSON state": {JSON: []byte(`{"items":null}`)},
		"no state":   nil,
	} {
		t.Run(name, func(t *testing.T) {
			req := &tfprotov6.ReadDataSourceRequest{TypeName: "openai_gpts"}
			resp, err := readDataSourceDirect(context.Background(), req,
				func(ctx context.Context, _ *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
					encoded, err := encodeListForTest(ctx, tftypes.List{ElementType: rtItemType}, 1, func(int) rtItem {
						return rtItem{Name: types.StringValue(owner), Count: types.Int64Value(1)}
					})
					if err != nil {
						return nil, err
					}
					directListsFrom(ctx).put("items", encoded)
					return &tfprotov6.ReadDataSourceResponse{State: state}, nil
				})
			if err != nil {
				t.Fatal(err)
			}
			if resp.State != nil || !hasError(resp.Diagnostics) {
				t.Fatalf("want an error and no state, got state %v and %s", resp.State, diagText(resp.Diagnostics))
			}
			text := diagText(resp.Diagnostics)
			if !strings.Contains(text, "openai_gpts") || strings.Contains(text, owner) {
				t.Fatalf("the error must name the data source and not the list's values: %s", text)
			}
		})
	}
}

// A Read that reads its list back after setListState gets the list under
// the framework alone and an unknown value under Server (documented in
// list_state_direct.go): never a different known value, such as an empty
// list, that could be counted or judged.
func TestRedTeamListReadBackIsUnknownUnderServer(t *testing.T) {
	read := func(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
		resp.Diagnostics.Append(setListState(ctx, &resp.State, "items", 3, rtItems("a"))...)
		var l types.List
		resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("items"), &l)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("note"), fmt.Sprintf("unknown=%v items=%d", l.IsUnknown(), len(l.Elements())))...)
	}
	framework, direct := rtServers(read)
	for srv, want := range map[tfprotov6.ProviderServer]string{framework: "unknown=false items=3", direct: "unknown=true items=0"} {
		resp, err := srv.ReadDataSource(context.Background(), rtRequest(t, srv, nil))
		if err != nil || hasError(resp.Diagnostics) {
			t.Fatalf("%v %s", err, diagText(resp.Diagnostics))
		}
		if !strings.Contains(string(resp.State.MsgPack), want) {
			t.Errorf("want the note %q in %q", want, resp.State.MsgPack)
		}
	}
}
