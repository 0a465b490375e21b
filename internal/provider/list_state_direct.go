package provider

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// Why the large lists bypass the framework on their way out.
//
// After a data source's Read, terraform-plugin-framework (v1.19) deep-copies
// the state, converts it into framework values for semantic equality,
// compares it twice and rebuilds it once more before encoding it: for
// openai_users over 100,000 users that was most of the provider's memory
// (BENCHMARKS.md, "Peak RSS side by side"). None of it can change a list
// whose schema has no custom types (no semantic equality, no value checks)
// and no blocks. So when Read runs under Server, setListState encodes such a
// list straight to Terraform's wire format and leaves a placeholder, an
// unknown value, in the state the framework sees; Server then puts the
// encoded list in place of that placeholder. Everything else (configuration,
// validation, diagnostics, the other attributes) stays the framework's. The
// bytes are those the framework alone would send
// (TestServerListsMatchFramework, redteam_list_state_test.go).
//
// A Read that changes the list's attribute after setListState (State.Set,
// SetAttribute) replaces the placeholder, and the framework's answer is then
// sent as it is. A Read must not read the list back from its state: under
// Server it reads unknown.

// directLists holds one ReadDataSource call's lists, encoded, by attribute.
type directLists struct {
	mu    sync.Mutex
	lists map[string]*chunkedBuffer
}

type directListsKey struct{}

// withDirectLists asks setListState, for reads under ctx, to encode lists
// into the returned holder instead of the state.
func withDirectLists(ctx context.Context) (context.Context, *directLists) {
	d := &directLists{lists: map[string]*chunkedBuffer{}}
	return context.WithValue(ctx, directListsKey{}, d), d
}

// directListsFrom is the holder of the read under way, nil outside Server.
func directListsFrom(ctx context.Context) *directLists {
	d, _ := ctx.Value(directListsKey{}).(*directLists)
	return d
}

func (d *directLists) put(name string, encoded *chunkedBuffer) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lists[name] = encoded
}

func (d *directLists) taken() map[string]*chunkedBuffer {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lists
}

// listPlaceholder is what setListState leaves in the state for a list it
// encoded directly, and its encoding: an unknown value, which no data source
// ever sends Terraform (Terraform refuses unknown values in a data source's
// state), so it cannot be mistaken for a value Read set.
var (
	listPlaceholder         = tftypes.UnknownValue
	listPlaceholderEncoding = mustEncodeUnknown()
)

func mustEncodeUnknown() []byte {
	dv, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, tftypes.UnknownValue))
	if err != nil {
		panic(err) // tftypes encodes an unknown string; this cannot fail
	}
	return dv.MsgPack
}

// spliceLists returns state, the framework's encoding of a data source's
// state (an object, a MessagePack map), with each attribute that holds the
// placeholder replaced by its list's encoding. An attribute named in lists
// whose value is not the placeholder was set again after setListState and
// keeps that value. The result is allocated once, at its exact size.
func spliceLists(state []byte, lists map[string]*chunkedBuffer) ([]byte, error) {
	r := bytes.NewReader(state)
	dec := msgpack.NewDecoder(r)
	n, err := dec.DecodeMapLen()
	if err != nil {
		return nil, fmt.Errorf("state is not an object: %w", err)
	}
	if n < 0 {
		return nil, fmt.Errorf("state is null")
	}
	type splice struct {
		from, to int // the placeholder's bytes in state
		list     *chunkedBuffer
	}
	var splices []splice
	size := len(state)
	for range n {
		key, err := dec.DecodeString()
		if err != nil {
			return nil, fmt.Errorf("state attribute name: %w", err)
		}
		from := len(state) - r.Len()
		if err := dec.Skip(); err != nil {
			return nil, fmt.Errorf("attribute %q: %w", key, err)
		}
		to := len(state) - r.Len()
		list, ok := lists[key]
		if ok && bytes.Equal(state[from:to], listPlaceholderEncoding) {
			splices = append(splices, splice{from: from, to: to, list: list})
			size += list.Len() - (to - from)
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the state object", r.Len())
	}
	out := make([]byte, 0, size)
	copied := 0
	for _, s := range splices {
		out = append(out, state[copied:s.from]...)
		out = s.list.AppendTo(out)
		copied = s.to
	}
	return append(out, state[copied:]...), nil
}

// readDataSourceDirect runs read (the framework's ReadDataSource) with the
// large lists encoded directly, then puts them into the state it returns.
func readDataSourceDirect(ctx context.Context, req *tfprotov6.ReadDataSourceRequest,
	read func(context.Context, *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error),
) (*tfprotov6.ReadDataSourceResponse, error) {
	ctx, direct := withDirectLists(ctx)
	resp, err := read(ctx, req)
	lists := direct.taken()
	if err != nil || resp == nil || len(lists) == 0 {
		return resp, err
	}
	var state []byte
	if resp.State == nil || resp.State.MsgPack == nil {
		err = fmt.Errorf("the framework returned no MessagePack state to put the lists in")
	} else {
		state, err = spliceLists(resp.State.MsgPack, lists)
	}
	switch {
	case err == nil:
		resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	case hasErrorDiagnostic(resp.Diagnostics):
		// The read failed anyway and Terraform keeps no state: its
		// diagnostics are the answer.
	default:
		resp.State = nil
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "Could not encode the data source's state",
			Detail:   fmt.Sprintf("%s: %s; this is a bug in the provider", req.TypeName, err),
		})
	}
	return resp, nil
}

func hasErrorDiagnostic(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
