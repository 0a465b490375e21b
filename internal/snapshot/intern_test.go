package snapshot

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// Users decoded with the same role share one role string; the values are
// unchanged and nil stays nil.
func TestConvertedUsersShareFewValuedFields(t *testing.T) {
	r1, r2 := "reader", "reader"
	a, b := convertOrgUser(openai.User{ID: "u1", Role: &r1}), convertOrgUser(openai.User{ID: "u2", Role: &r2})
	if a.Role != b.Role || *a.Role != "reader" {
		t.Fatalf("roles %p %p (%v), want one shared \"reader\"", a.Role, b.Role, *a.Role)
	}
	if c := convertOrgUser(openai.User{ID: "u3"}); c.Role != nil {
		t.Fatalf("absent role became %q", *c.Role)
	}
	s1, s2 := "active", "active"
	w1, w2 := convertWorkspaceUser(openai.WorkspaceUser{ID: "w1", Status: &s1}), convertWorkspaceUser(openai.WorkspaceUser{ID: "w2", Status: &s2})
	if w1.Status != "active" || w2.Status != "active" || unsafeStringData(w1.Status) != unsafeStringData(w2.Status) {
		t.Fatal("workspace statuses not shared")
	}
}

// The table is bounded: past maxInterned values, strings are kept as they
// came, equal to themselves.
func TestInternIsBounded(t *testing.T) {
	interned.Lock()
	saved := interned.byValue
	interned.byValue = map[string]*string{}
	interned.Unlock()
	t.Cleanup(func() { interned.Lock(); interned.byValue = saved; interned.Unlock() })
	for i := range 2 * maxInterned {
		v := fmt.Sprintf("value-%d", i)
		if got := intern(v); got != v {
			t.Fatalf("intern(%q) = %q", v, got)
		}
	}
	interned.RLock()
	n := len(interned.byValue)
	interned.RUnlock()
	if n > maxInterned {
		t.Fatalf("%d interned values, bound %d", n, maxInterned)
	}
	long := string(make([]byte, maxInternedLen+1))
	if p := internPtr(&long); p != &long {
		t.Fatal("a long value was interned")
	}
}

func unsafeStringData(s string) *byte { return unsafe.StringData(s) }

// Every combination of sent permissions maps to a shared copy with the same
// values, and the converted permissions likewise.
func TestSharedPermissionsKeepTheirValues(t *testing.T) {
	values := []*bool{nil, new(bool), new(bool)}
	*values[2] = true
	same := func(a, b *bool) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	for _, r := range values {
		for _, v := range values {
			for _, w := range values {
				in := &openai.SharingPermissions{CanRead: r, CanViewConfig: v, CanWrite: w}
				got := sharedPermissions(in)
				if !same(got.CanRead, r) || !same(got.CanViewConfig, v) || !same(got.CanWrite, w) {
					t.Fatalf("sharedPermissions(%v %v %v) changed the values", r, v, w)
				}
				if sharedPermissions(&openai.SharingPermissions{CanRead: r, CanViewConfig: v, CanWrite: w}) != got {
					t.Fatal("equal permissions not shared")
				}
				e := convertPermissions(in)
				if e.CanRead != openai.Bool(r) || e.CanViewConfig != openai.Bool(v) || e.CanWrite != openai.Bool(w) || e.Incomplete != (v == nil || w == nil) {
					t.Fatalf("convertPermissions(%v %v %v) = %+v", r, v, w, *e)
				}
			}
		}
	}
	if sharedPermissions(nil) != nil || convertPermissions(nil) != nil {
		t.Fatal("absent permissions became present")
	}
}
