package provider

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// Why the large lists bypass the framework on their way out.
//
// After a data source's Read, terraform-plugin-framework (v1.19) deep-copies
// the state, converts it into framework values for semantic equality,
// compares it twice and rebuilds it once more before encoding it: for
// openai_users over 100,000 users that is most of the provider's memory
// (BENCHMARKS.md, "Peak RSS side by side"). None of it can change a list this
// provider builds (no attribute has a semantic-equality type, the lists hold
// no blocks). So when Read runs under Server, setListState encodes each list
// straight to Terraform's wire format and leaves the attribute null in the
// state the framework sees; Server then puts the encoded list in place of
// that null. Everything else (configuration, validation, diagnostics, the
// other attributes) stays the framework's. The bytes are those the framework
// would have sent (TestDirectListStateMatchesFramework).

// directLists holds one ReadDataSource call's lists, encoded, by attribute.
type directLists struct {
	mu    sync.Mutex
	lists map[string][]byte
}

type directListsKey struct{}

// withDirectLists asks setListState, for reads under ctx, to encode lists
// into the returned holder instead of the state.
func withDirectLists(ctx context.Context) (context.Context, *directLists) {
	d := &directLists{lists: map[string][]byte{}}
	return context.WithValue(ctx, directListsKey{}, d), d
}

// directListsFrom is the holder of the read under way, nil outside Server.
func directListsFrom(ctx context.Context) *directLists {
	d, _ := ctx.Value(directListsKey{}).(*directLists)
	return d
}

func (d *directLists) put(name string, encoded []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lists[name] = encoded
}

func (d *directLists) taken() map[string][]byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lists
}

// spliceLists returns state, the framework's encoding of a data source's
// state (an object, a MessagePack map), with the value of each attribute
// named in lists, which must be null there, replaced by the list's encoding.
func spliceLists(state []byte, lists map[string][]byte) ([]byte, error) {
	r := bytes.NewReader(state)
	dec := msgpack.NewDecoder(r)
	n, err := dec.DecodeMapLen()
	if err != nil {
		return nil, fmt.Errorf("state is not an object: %w", err)
	}
	if n < 0 {
		return nil, fmt.Errorf("state is null")
	}
	size := len(state)
	for _, l := range lists {
		size += len(l)
	}
	out := make([]byte, 0, size)
	copied, found := 0, 0
	for range n {
		key, err := dec.DecodeString()
		if err != nil {
			return nil, fmt.Errorf("state attribute name: %w", err)
		}
		list, ok := lists[key]
		if ok {
			code, err := dec.PeekCode()
			if err != nil {
				return nil, fmt.Errorf("attribute %q: %w", key, err)
			}
			if code != msgpcode.Nil {
				return nil, fmt.Errorf("attribute %q is set in the state as well as encoded directly", key)
			}
			at := len(state) - r.Len()
			out = append(out, state[copied:at]...)
			out = append(out, list...)
			copied = at + 1 // past the nil
			found++
		}
		if err := dec.Skip(); err != nil {
			return nil, fmt.Errorf("attribute %q: %w", key, err)
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the state object", r.Len())
	}
	if found != len(lists) {
		return nil, fmt.Errorf("%d of %d directly encoded lists are not attributes of the state", len(lists)-found, len(lists))
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
	if err != nil || resp == nil || len(lists) == 0 || hasErrorDiagnostic(resp.Diagnostics) {
		// On an error Terraform keeps no state; the lists are dropped.
		return resp, err
	}
	var state []byte
	if resp.State == nil || resp.State.MsgPack == nil {
		err = fmt.Errorf("the framework returned no MessagePack state to put the lists in")
	} else {
		state, err = spliceLists(resp.State.MsgPack, lists)
	}
	if err != nil {
		resp.State = nil
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "Could not encode the data source's state",
			Detail:   fmt.Sprintf("%s: %s; this is a bug in the provider", req.TypeName, err),
		})
		return resp, nil
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: state}
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
