package posture

import (
	"strings"
	"testing"
)

func gptWithTools(tools ...GPTTool) Snapshot {
	snap := emptySnapshot()
	g := gpt("g-1")
	g.Config.Tools = tools
	withGPT(&snap, g)
	return snap
}

// auth_type is a free string: only values known to mean authentication pass.
func TestActionAuthTypes(t *testing.T) {
	cases := []struct {
		auth string
		want string // "" = passes
	}{
		{"oauth", ""},
		{"OAuth", ""},
		{"service_http", ""},
		{"user_http", ""},
		{"api_key", ""},
		{"none", `auth_type none for "api.example.com"`},
		{"", `auth_type not reported for "api.example.com"`},
		{"basic-ish", `unknown auth_type "basic-ish" for "api.example.com"`},
		{"  ", "auth_type not reported"},
	}
	for _, tc := range cases {
		snap := gptWithTools(GPTTool{Type: "custom_action", ActionDomain: "api.example.com", AuthType: tc.auth})
		rr := run(t, snap, Rule{CheckID: "gpt_action_no_auth"})
		f, found := findingFor(rr, "g-1")
		switch {
		case tc.want == "" && found:
			t.Errorf("auth_type %q reported: %s", tc.auth, f.Observed)
		case tc.want != "" && (!found || !strings.Contains(f.Observed, tc.want)):
			t.Errorf("auth_type %q: want %q, got %s", tc.auth, tc.want, observedFor(rr))
		}
	}
}

// A tool of a type the catalog does not know may be an action under another
// name: every check that judges tools reports it.
func TestUnknownToolTypesAreReported(t *testing.T) {
	for _, typ := range []string{"plugin", "python", "", "  "} {
		for _, check := range []Rule{
			{CheckID: "gpt_custom_actions"},
			{CheckID: "gpt_action_no_auth"},
			{CheckID: "gpt_action_domain", Params: Params{"allowed_domains": ListValue("api.example.com")}},
			{CheckID: "gpt_code_interpreter"},
			{CheckID: "gpt_web_browsing"},
		} {
			snap := gptWithTools(GPTTool{Type: typ, ActionDomain: "api.example.com", AuthType: "oauth"}, GPTTool{Type: "Memory"})
			rr := run(t, snap, check)
			f, ok := findingFor(rr, "g-1")
			if !ok || rr.Passed() {
				t.Errorf("%s: tool type %q passed", check.CheckID, typ)
				continue
			}
			want := `unknown tool type "` + typ + `"`
			if strings.TrimSpace(typ) == "" {
				want = "tool type not reported"
			}
			if !strings.Contains(f.Observed, want) || len(rr.Findings) != 1 {
				t.Errorf("%s: tool type %q: want one finding %q, got %s", check.CheckID, typ, want, observedFor(rr))
			}
		}
	}
	// Known types of other checks stay silent.
	snap := gptWithTools(GPTTool{Type: "dall-e"}, GPTTool{Type: "memory"}, GPTTool{Type: "Browser"})
	if rr := run(t, snap, Rule{CheckID: "gpt_custom_actions"}); !rr.Passed() {
		t.Errorf("known tool types reported: %s", observedFor(rr))
	}
}
