package provider

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// envDLPCacheDir stands in for dlp_cache_dir (a CI job points it at its
// cache path; it is not policy, so it may come from the environment).
const envDLPCacheDir = "OPENAI_POSTURE_DLP_CACHE_DIR"

func dlpCacheDirAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Local directory where the DLP content checks (`dlp_*_file_content`) keep the verdict " +
			"of each file they scanned, by file id, so that a later plan (in another run of the provider) " +
			"downloads only files not judged before: content behind a file id does not change. Only verdicts " +
			"are kept (rule ids, lines, redacted previews, or why a file could not be read), never content. " +
			"Created with mode `0700` when missing. A forged verdict there would hide a finding, so a path that is not a " +
			"directory, is a symbolic link, belongs to another user, or that other users may write is an error, and an " +
			"entry file owned by another user or writable by others is ignored (the file is scanned again, with a " +
			"warning). Not supported on Windows (who may write the directory is not checked there): an error. Unset: verdicts are still " +
			"kept in each check's private state, so a check with state reuses its own; a check without state " +
			"(a first plan, or a plan and an apply in separate runs) downloads again. Environment variable: `" + envDLPCacheDir + "`.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// dlpVerdictCache resolves dlp_cache_dir (HCL, else the environment) into a
// verdict cache for the current user; nil when unset.
func dlpVerdictCache(v types.String) (snapshot.VerdictCache, error) {
	return dlpVerdictCacheFor(v, nil)
}

// dlpVerdictCacheFor is dlpVerdictCache with the owner the directory and its
// entries must have (nil: the effective uid); tests inject another uid to
// play a directory owned by someone else without root.
func dlpVerdictCacheFor(v types.String, uid func() int) (snapshot.VerdictCache, error) {
	dir := stringSetting(v, envDLPCacheDir)
	if dir == "" {
		if !v.IsNull() {
			return nil, errors.New("the directory path is empty")
		}
		return nil, nil
	}
	// Verdicts decide findings: whoever can write the directory can plant a
	// clean verdict for a file holding a secret. OpenDirVerdictCache refuses
	// a directory that is a symlink, not the user's own, or writable by
	// others, and ignores (with a warning) entries someone else could have
	// written.
	warnings := &cacheWarnings{}
	c, err := snapshot.OpenDirVerdictCache(filepath.Clean(dir), snapshot.DirCacheOptions{UID: uid, Warn: warnings.add})
	if err != nil {
		return nil, err
	}
	return &warningDirCache{DirVerdictCache: c, cacheWarnings: warnings}, nil
}

// warningDirCache is the directory cache with the warnings of its reads,
// which the posture checks report (verdictMemory.keepVerdicts).
type warningDirCache struct {
	*snapshot.DirVerdictCache
	*cacheWarnings
}

// maxCacheWarnings bounds the warnings one process reports; the rest are
// counted.
const maxCacheWarnings = 20

// cacheWarnings collects warnings until a check reports them (each once).
type cacheWarnings struct {
	mu      sync.Mutex
	pending []string
	total   int
	dropped int
}

func (w *cacheWarnings) add(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.total++
	if w.total > maxCacheWarnings {
		w.dropped++
		return
	}
	w.pending = append(w.pending, msg)
}

// takeWarnings returns the warnings not reported yet.
func (w *cacheWarnings) takeWarnings() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.pending
	w.pending = nil
	if w.dropped > 0 {
		out = append(out, fmt.Sprintf("%d more dlp_cache_dir entries were ignored for the same reasons", w.dropped))
		w.dropped = 0
	}
	return out
}
