package snapshot

import "sync"

// Interning of the few-valued fields of the largest lists. The JSON decoder
// allocates every string it reads: 100,000 users' role "reader" are 100,000
// strings (and, for a *string field, 100,000 pointers) that the cache would
// hold for the rest of the plan. A field known to take a handful of values
// (a role, a status, a visibility) goes through intern, which returns one
// shared copy per value. The table is bounded, so a server sending
// thousands of distinct values only stops sharing past the bound.

// maxInterned bounds the table; maxInternedLen keeps long values out.
const (
	maxInterned    = 256
	maxInternedLen = 64
)

var interned = struct {
	sync.RWMutex
	byValue map[string]*string
}{byValue: map[string]*string{}}

// internPtr returns a shared pointer to a string equal to *p (p itself when
// the table is full or the value long). The posture engine never writes
// through these pointers.
func internPtr(p *string) *string {
	if p == nil || len(*p) > maxInternedLen {
		return p
	}
	interned.RLock()
	q, ok := interned.byValue[*p]
	interned.RUnlock()
	if ok {
		return q
	}
	interned.Lock()
	defer interned.Unlock()
	if q, ok := interned.byValue[*p]; ok {
		return q
	}
	if len(interned.byValue) >= maxInterned {
		return p
	}
	v := *p
	interned.byValue[v] = &v
	return &v
}

// intern returns a shared copy of s.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return *internPtr(&s)
}
