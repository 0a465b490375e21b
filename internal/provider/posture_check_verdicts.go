package provider

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// privateVerdictsKey names the posture check's private state entry holding
// the DLP content verdicts of the files it judged (verdicts only, as the
// findings already show them: rule ids, lines, redacted previews).
const privateVerdictsKey = "dlp_verdicts"

// verdictMemory is the provider process's verdict cache: every verdict
// computed or read in this process, seeded from the content checks' private
// state (a plan with prior state scans only new files), in front of the
// optional dlp_cache_dir. Content behind a file id does not change, so a
// verdict from any check's state is valid for every check of the process.
type verdictMemory struct {
	next snapshot.VerdictCache // dlp_cache_dir, or nil
	mu   sync.Mutex
	m    map[verdictKey]*verdictEntry
}

type verdictKey struct{ File, Selection string }

type verdictEntry struct {
	v snapshot.CachedVerdict
	// used: computed or read in this process (not only seeded), so a check
	// stores only verdicts of files it still lists.
	used bool
}

func newVerdictMemory(next snapshot.VerdictCache) *verdictMemory {
	return &verdictMemory{next: next, m: map[verdictKey]*verdictEntry{}}
}

func (c *verdictMemory) Get(file, selection string) (snapshot.CachedVerdict, bool) {
	k := verdictKey{file, selection}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		e.used = true
		return e.v, true
	}
	if c.next == nil {
		return snapshot.CachedVerdict{}, false
	}
	v, ok := c.next.Get(file, selection)
	if ok {
		c.m[k] = &verdictEntry{v: v, used: true}
	}
	return v, ok
}

func (c *verdictMemory) Put(file, selection string, v snapshot.CachedVerdict) {
	v = withoutDigests(v)
	c.mu.Lock()
	c.m[verdictKey{file, selection}] = &verdictEntry{v: v, used: true}
	c.mu.Unlock()
	if c.next != nil {
		c.next.Put(file, selection, v)
	}
}

// withoutDigests drops each hit's digest before a verdict is kept. The
// digest (32 bits of an unsalted SHA-256 of the match) only tells values
// apart within one scan; kept beside the preview's first and last two
// characters it would let anyone holding the state or the cache directory
// recover a short value such as a US SSN by trying the few candidates left.
func withoutDigests(v snapshot.CachedVerdict) snapshot.CachedVerdict {
	if len(v.Verdict.Hits) == 0 {
		return v
	}
	hits := make([]posture.ContentHit, len(v.Verdict.Hits))
	for i, h := range v.Verdict.Hits {
		h.Digest = ""
		hits[i] = h
	}
	v.Verdict.Hits = hits
	return v
}

// storedVerdict is one private state entry.
type storedVerdict struct {
	File      string                 `json:"file"`
	Selection string                 `json:"selection"`
	Verdict   snapshot.CachedVerdict `json:"verdict"`
}

// contentFilePrefix is the verdict cache key prefix of the files a content
// check judges (the loader's fileSource.cacheKey); "" for other checks.
func contentFilePrefix(checkID string) string {
	switch checkID {
	case "dlp_gpt_file_content":
		return "gpt/"
	case "dlp_project_file_content":
		return "chatgpt_project/"
	case "dlp_conversation_file_content":
		return "user/"
	}
	return ""
}

// privateState is the part of the framework's private state API a posture
// check uses (req.Private / resp.Private).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// seedVerdicts loads the verdicts a content check kept in its private state.
// An unreadable entry is ignored: the files are then scanned again.
func (c *verdictMemory) seedVerdicts(ctx context.Context, checkID string, p privateState) {
	if c == nil || p == nil || contentFilePrefix(checkID) == "" {
		return
	}
	b, d := p.GetKey(ctx, privateVerdictsKey)
	if d.HasError() || len(b) == 0 {
		return
	}
	var kept []storedVerdict
	if json.Unmarshal(b, &kept) != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range kept {
		k := verdictKey{s.File, s.Selection}
		if _, ok := c.m[k]; !ok && s.File != "" && s.Selection != "" {
			c.m[k] = &verdictEntry{v: withoutDigests(s.Verdict)}
		}
	}
}

// keepVerdicts stores in the check's private state the verdicts this process
// used for the check's files with the check's detector selection.
func (c *verdictMemory) keepVerdicts(ctx context.Context, rule posture.Rule, p privateState) diag.Diagnostics {
	prefix := contentFilePrefix(rule.CheckID)
	if c == nil || p == nil || prefix == "" {
		return nil
	}
	sels := map[string]bool{}
	for _, s := range posture.ContentNeeds([]posture.Rule{rule}).Selections {
		sels[s.Key()] = true
	}
	kept := []storedVerdict{}
	c.mu.Lock()
	for k, e := range c.m {
		if e.used && sels[k.Selection] && strings.HasPrefix(k.File, prefix) {
			kept = append(kept, storedVerdict{File: k.File, Selection: k.Selection, Verdict: e.v})
		}
	}
	c.mu.Unlock()
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].File != kept[j].File {
			return kept[i].File < kept[j].File
		}
		return kept[i].Selection < kept[j].Selection
	})
	var diags diag.Diagnostics
	if w, ok := c.next.(interface{ takeWarnings() []string }); ok {
		for _, msg := range w.takeWarnings() {
			diags.AddWarning("Untrusted dlp_cache_dir entry ignored", msg)
		}
	}
	b, err := json.Marshal(kept)
	if err != nil {
		return diags
	}
	return append(diags, p.SetKey(ctx, privateVerdictsKey, b)...)
}
