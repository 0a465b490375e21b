package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

// TestVerdictMemoryPrivateState: a check keeps the verdicts of its own kind
// of file and detector selection that this process used, not those only
// seeded (a file no longer listed drops out), nor other checks' files; and
// no hit digest.
func TestVerdictMemoryPrivateState(t *testing.T) {
	ctx := context.Background()
	rule := posture.Rule{CheckID: "dlp_gpt_file_content"}
	sels := posture.ContentNeeds([]posture.Rule{rule}).Selections
	if len(sels) != 1 {
		t.Fatalf("the default selection: got %d, want 1", len(sels))
	}
	sel := sels[0].Key()
	hit := snapshot.CachedVerdict{Verdict: posture.ContentVerdict{Hits: []posture.ContentHit{{Rule: "github-pat", Line: 2, Preview: "gh…[redacted]…9q"}}}}

	prior := fakePrivate{}
	b, _ := json.Marshal([]storedVerdict{
		{File: "gpt/file-kept", Selection: sel, Verdict: hit},
		{File: "gpt/file-gone", Selection: sel, Verdict: hit},
	})
	prior[privateVerdictsKey] = b

	mem := newVerdictMemory(nil)
	mem.seedVerdicts(ctx, rule.CheckID, prior)
	if v, ok := mem.Get("gpt/file-kept", sel); !ok || len(v.Verdict.Hits) != 1 {
		t.Fatalf("the seeded verdict is not reused: %v %v", v, ok)
	}
	if _, ok := mem.Get("gpt/file-kept", "another-selection"); ok {
		t.Fatal("a verdict was reused for another detector selection")
	}
	mem.Put("gpt/file-new", sel, snapshot.CachedVerdict{Verdict: posture.ContentVerdict{Hits: []posture.ContentHit{{Rule: "us_ssn", Line: 1, Preview: "12…[redacted]…89", Digest: "0a1b2c3d"}}}})
	mem.Put("chatgpt_project/file-other", sel, snapshot.CachedVerdict{})
	mem.Put("gpt/file-other-selection", "another-selection", snapshot.CachedVerdict{})

	next := fakePrivate{}
	if d := mem.keepVerdicts(ctx, rule, next); d.HasError() {
		t.Fatal(d)
	}
	var kept []storedVerdict
	if err := json.Unmarshal(next[privateVerdictsKey], &kept); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, k := range kept {
		files = append(files, k.File)
		for _, h := range k.Verdict.Verdict.Hits {
			if h.Digest != "" {
				t.Errorf("%s: a hit digest was kept (%q); with the preview it can reveal a short value", k.File, h.Digest)
			}
		}
	}
	if len(files) != 2 || files[0] != "gpt/file-kept" || files[1] != "gpt/file-new" {
		t.Fatalf("kept %v; want the used gpt files of the check's selection: [gpt/file-kept gpt/file-new]", files)
	}

	// Other checks keep nothing private.
	other := fakePrivate{}
	mem.keepVerdicts(ctx, posture.Rule{CheckID: "admin_key_rotation"}, other)
	if len(other) != 0 {
		t.Fatalf("a non-content check kept %v", other)
	}
}
