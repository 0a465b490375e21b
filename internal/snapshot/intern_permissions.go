package snapshot

import (
	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// A sharing permissions object (three optional booleans) is sent for every
// GPT and every recipient: tens of thousands of copies of a few values, each
// decoded into four allocations and converted into a fifth. The cache keeps
// one shared, read-only copy of each combination instead (27 as sent, 16
// converted): nothing writes through these pointers.

// triState indexes an optional boolean: 0 absent, 1 false, 2 true.
func triState(b *bool) int {
	switch {
	case b == nil:
		return 0
	case !*b:
		return 1
	}
	return 2
}

var sharedSentPermissions, sharedEnginePermissions = func() ([27]*openai.SharingPermissions, [16]*posture.GPTPermissions) {
	var sent [27]*openai.SharingPermissions
	values := [3]*bool{nil, new(bool), new(bool)}
	*values[2] = true
	for i := range sent {
		sent[i] = &openai.SharingPermissions{CanRead: values[i%3], CanViewConfig: values[i/3%3], CanWrite: values[i/9]}
	}
	var engine [16]*posture.GPTPermissions
	for i := range engine {
		engine[i] = &posture.GPTPermissions{CanRead: i&1 != 0, CanViewConfig: i&2 != 0, CanWrite: i&4 != 0, Incomplete: i&8 != 0}
	}
	return sent, engine
}()

// sharedPermissions returns the shared copy equal to p (nil for nil).
func sharedPermissions(p *openai.SharingPermissions) *openai.SharingPermissions {
	if p == nil {
		return nil
	}
	return sharedSentPermissions[triState(p.CanRead)+3*triState(p.CanViewConfig)+9*triState(p.CanWrite)]
}

// sharedEnginePermission returns the shared engine permissions of these
// values.
func sharedEnginePermission(v posture.GPTPermissions) *posture.GPTPermissions {
	i := 0
	for bit, set := range []bool{v.CanRead, v.CanViewConfig, v.CanWrite, v.Incomplete} {
		if set {
			i |= 1 << bit
		}
	}
	return sharedEnginePermissions[i]
}
