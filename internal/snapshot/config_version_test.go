package snapshot

import (
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// A GPT configuration's version is its id, else its creation time, else
// empty (dlp_gpt_instructions then keys on its matches' count and lines).
func TestConvertConfigVersion(t *testing.T) {
	created := openai.Timestamp{Time: time.Unix(1700000000, 0).UTC(), Valid: true, Present: true}
	for _, c := range []struct {
		cfg  openai.GPTConfig
		want string
	}{
		{openai.GPTConfig{ID: "gzm_cnf_abc", CreatedAt: created}, "gzm_cnf_abc"},
		{openai.GPTConfig{ID: "  ", CreatedAt: created}, "created:1700000000"},
		{openai.GPTConfig{}, ""},
	} {
		if got := convertConfig(c.cfg).Version; got != c.want {
			t.Errorf("version of %+v = %q, want %q", c.cfg, got, c.want)
		}
	}
}
