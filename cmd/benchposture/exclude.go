package main

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// defaultExcluded are the opt-in content checks. Their cost is one download
// per new file, paced at the file endpoints' documented 100 requests a minute
// whatever the server allows (about 22,000 files at 16x: over three hours),
// so it is stated in the catalog, not measured here; -exclude "" keeps them.
const defaultExcluded = "dlp_gpt_file_content,dlp_project_file_content,dlp_conversation_file_content"

// withoutChecks removes the openai_posture_check blocks whose check is one
// of ids from a baseline, and fails when an id names no block (a typo would
// otherwise measure the checks it meant to leave out).
func withoutChecks(src []byte, filename string, ids []string) ([]byte, error) {
	if len(ids) == 0 {
		return src, nil
	}
	f, diags := hclwrite.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	drop := map[string]bool{}
	for _, id := range ids {
		drop[id] = true
	}
	removed := map[string]bool{}
	body := f.Body()
	for _, b := range body.Blocks() {
		if b.Type() != "resource" || len(b.Labels()) == 0 || b.Labels()[0] != "openai_posture_check" {
			continue
		}
		attr := b.Body().GetAttribute("check")
		if attr == nil {
			continue
		}
		id := strings.Trim(strings.TrimSpace(string(attr.Expr().BuildTokens(nil).Bytes())), `"`)
		if drop[id] {
			body.RemoveBlock(b)
			removed[id] = true
		}
	}
	for _, id := range ids {
		if !removed[id] {
			return nil, fmt.Errorf("-exclude: %s has no openai_posture_check block with check = %q", filename, id)
		}
	}
	return f.Bytes(), nil
}
