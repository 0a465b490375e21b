package provider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

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
			"Created with mode `0700` when missing; a path that is not a directory, or a directory other users " +
			"may write (a forged verdict there would hide a finding), is an error. Unset: verdicts are still " +
			"kept in each check's private state, so a check with state reuses its own; a check without state " +
			"(a first plan, or a plan and an apply in separate runs) downloads again. Environment variable: `" + envDLPCacheDir + "`.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// dlpVerdictCache resolves dlp_cache_dir (HCL, else the environment) into a
// verdict cache; nil when unset.
func dlpVerdictCache(v types.String) (snapshot.VerdictCache, error) {
	dir := stringSetting(v, envDLPCacheDir)
	if dir == "" {
		if !v.IsNull() {
			return nil, errors.New("the directory path is empty")
		}
		return nil, nil
	}
	dir = filepath.Clean(dir)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, os.ErrNotExist):
		// NewDirVerdictCache creates it (and its parents) with 0700.
	case err != nil:
		return nil, fmt.Errorf("%q cannot be read: %w", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("%q exists and is not a directory; name a directory (created with mode 0700 when missing)", dir)
	case runtime.GOOS != "windows" && info.Mode().Perm()&0o022 != 0:
		// Verdicts decide findings: whoever can write here can plant a clean
		// verdict for a file holding a secret. Refuse rather than trust it.
		return nil, fmt.Errorf("%q is writable by other users (mode %04o); a verdict planted there would hide a finding. "+
			"Use a directory only you can write (chmod 700)", dir, info.Mode().Perm())
	}
	c, err := snapshot.NewDirVerdictCache(dir)
	if err != nil {
		return nil, err
	}
	return c, nil
}
