package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
	"github.com/openai-posture/terraform-provider-openai/internal/validators"
)

// Environment variables that stand in for provider attributes.
const (
	envAdminAPIKey       = "OPENAI_ADMIN_KEY"
	envComplianceAPIKey  = "OPENAI_COMPLIANCE_API_KEY"
	envWorkspaceID       = "OPENAI_WORKSPACE_ID"
	envOrganizationID    = "OPENAI_ORGANIZATION_ID"
	envAdminBaseURL      = "OPENAI_ADMIN_BASE_URL"
	envComplianceBaseURL = "OPENAI_COMPLIANCE_BASE_URL"
	envRequestTimeout    = "OPENAI_REQUEST_TIMEOUT"
	envTotalTimeout      = "OPENAI_TOTAL_TIMEOUT"
	envMaxRetries        = "OPENAI_MAX_RETRIES"
	envAdminRPM          = "OPENAI_ADMIN_REQUESTS_PER_MINUTE"
	envComplianceRPM     = "OPENAI_COMPLIANCE_REQUESTS_PER_MINUTE"
)

// providerData is what Configure hands to every data source and resource: one
// API client and one snapshot loader per provider instance, so a plan fetches
// each collection once however many blocks read it.
type providerData struct {
	snapshot *snapshot.Loader
	// verdicts is the loader's DLP verdict cache, which the content checks
	// seed from and record into their private state.
	verdicts *verdictMemory
	// version is the provider's release version, reported as the SARIF tool version.
	version string
	// maxWaiverDays is the provider's max_waiver_days (0: the posture
	// default), passed into every posture rule.
	maxWaiverDays int
	// tenant identifies what this provider instance reads, for the OCSF
	// report (see ocsfTenant): identifiers only, never a key.
	tenant string
}

// newProviderData resolves the provider block against the environment,
// validates it and builds the client. It returns nil data without an error
// when a value is still unknown (it comes from another resource): Terraform
// then configures the provider again once the value is known.
func newProviderData(ctx context.Context, model providerModel, version string, loaderOpts snapshot.Options) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if anyUnknown(model) || model.DLPCacheDir.IsUnknown() {
		tflog.Debug(ctx, "provider configuration has unknown values; deferring client set-up")
		return nil, nil
	}

	cfg := openai.Config{
		AdminAPIKey:       stringSetting(model.AdminAPIKey, envAdminAPIKey),
		ComplianceAPIKey:  stringSetting(model.ComplianceAPIKey, envComplianceAPIKey),
		WorkspaceID:       stringSetting(model.WorkspaceID, envWorkspaceID),
		OrganizationID:    stringSetting(model.OrganizationID, envOrganizationID),
		AdminBaseURL:      stringSetting(model.AdminBaseURL, envAdminBaseURL),
		ComplianceBaseURL: stringSetting(model.ComplianceBaseURL, envComplianceBaseURL),
		UserAgent:         "terraform-provider-openai/" + version,
	}

	if cfg.AdminAPIKey == "" && cfg.ComplianceAPIKey == "" {
		diags.AddError("No OpenAI API key configured",
			"Set admin_api_key (or the "+envAdminAPIKey+" environment variable) to read the organization through "+
				"the Admin API, and/or compliance_api_key with workspace_id (or "+envComplianceAPIKey+" and "+
				envWorkspaceID+") to read the ChatGPT Enterprise workspace through the Compliance API.")
	}
	if cfg.ComplianceAPIKey != "" && cfg.WorkspaceID == "" {
		diags.AddAttributeError(path.Root("workspace_id"), "Missing workspace id",
			"compliance_api_key is set but workspace_id is not. Set workspace_id (or "+envWorkspaceID+") to the "+
				"ChatGPT Enterprise workspace UUID the compliance key was granted for.")
	}
	if cfg.WorkspaceID != "" {
		if err := validators.CheckUUID(cfg.WorkspaceID); err != nil {
			diags.AddAttributeError(path.Root("workspace_id"), "Invalid workspace id", fromEnvNote(model.WorkspaceID, envWorkspaceID)+err.Error())
		}
	}
	for _, u := range []struct {
		attr, env, value string
		model            types.String
	}{
		{"admin_base_url", envAdminBaseURL, cfg.AdminBaseURL, model.AdminBaseURL},
		{"compliance_base_url", envComplianceBaseURL, cfg.ComplianceBaseURL, model.ComplianceBaseURL},
	} {
		if u.value == "" {
			continue
		}
		if err := openai.ValidateBaseURL(u.value); err != nil {
			diags.AddAttributeError(path.Root(u.attr), "Invalid base URL", fromEnvNote(u.model, u.env)+err.Error())
		}
	}

	var err error
	if cfg.RequestTimeout, err = durationSetting(model.RequestTimeout, envRequestTimeout); err != nil {
		diags.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
	}
	if cfg.TotalTimeout, err = durationSetting(model.TotalTimeout, envTotalTimeout); err != nil {
		diags.AddAttributeError(path.Root("total_timeout"), "Invalid total_timeout", err.Error())
	}
	retries, set, err := intSetting(model.MaxRetries, envMaxRetries, 0, 20)
	if err != nil {
		diags.AddAttributeError(path.Root("max_retries"), "Invalid max_retries", err.Error())
	} else if set {
		cfg.MaxRetries = retries
		if retries == 0 {
			cfg.MaxRetries = -1 // the client's "no retries"
		}
	}
	if cfg.AdminRequestsPerMinute, err = rateSetting(model.AdminRequestsPerMinute, envAdminRPM); err != nil {
		diags.AddAttributeError(path.Root("admin_requests_per_minute"), "Invalid admin_requests_per_minute", err.Error())
	}
	if cfg.ComplianceRequestsPerMinute, err = rateSetting(model.ComplianceRequestsPerMinute, envComplianceRPM); err != nil {
		diags.AddAttributeError(path.Root("compliance_requests_per_minute"), "Invalid compliance_requests_per_minute", err.Error())
	}
	maxWaiverDays := 0
	if !model.MaxWaiverDays.IsNull() {
		maxWaiverDays = int(model.MaxWaiverDays.ValueInt64()) // bounds checked by the schema validator
	}
	if cache, err := dlpVerdictCache(model.DLPCacheDir); err != nil {
		diags.AddAttributeError(path.Root("dlp_cache_dir"), "Invalid dlp_cache_dir", fromEnvNote(model.DLPCacheDir, envDLPCacheDir)+err.Error())
	} else if cache != nil {
		loaderOpts.VerdictCache = cache
	}
	verdicts := newVerdictMemory(loaderOpts.VerdictCache)
	loaderOpts.VerdictCache = verdicts
	if diags.HasError() {
		return nil, diags
	}

	client, err := openai.NewClient(cfg)
	if err != nil {
		diags.AddError("Unable to create the OpenAI API client", err.Error())
		return nil, diags
	}
	tflog.Debug(ctx, "configured OpenAI client", map[string]any{
		"admin_api":      cfg.AdminAPIKey != "",
		"compliance_api": cfg.ComplianceAPIKey != "",
	})
	return &providerData{
		snapshot:      snapshot.NewWithOptions(client, loaderOpts),
		verdicts:      verdicts,
		version:       version,
		maxWaiverDays: maxWaiverDays,
		tenant:        ocsfTenant(cfg.OrganizationID, cfg.WorkspaceID),
	}, diags
}

func anyUnknown(m providerModel) bool {
	for _, v := range []interface{ IsUnknown() bool }{
		m.AdminAPIKey, m.ComplianceAPIKey, m.WorkspaceID, m.OrganizationID, m.AdminBaseURL,
		m.ComplianceBaseURL, m.RequestTimeout, m.TotalTimeout, m.MaxRetries, m.MaxWaiverDays,
		m.AdminRequestsPerMinute, m.ComplianceRequestsPerMinute,
	} {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

// stringSetting returns the HCL value when set, else the environment's.
func stringSetting(v types.String, env string) string {
	if !v.IsNull() {
		return strings.TrimSpace(v.ValueString())
	}
	return strings.TrimSpace(os.Getenv(env))
}

// fromEnvNote prefixes an error about a value that came from the environment,
// so the user looks in the right place.
func fromEnvNote(v types.String, env string) string {
	if v.IsNull() {
		return "(from the " + env + " environment variable) "
	}
	return ""
}

func durationSetting(v types.String, env string) (time.Duration, error) {
	s := stringSetting(v, env)
	if s == "" {
		return 0, nil
	}
	d, err := validators.ParseDuration(s)
	if err != nil && v.IsNull() {
		return 0, fmt.Errorf("%s: %w", env, err)
	}
	return d, err
}

func intSetting(v types.Int64, env string, lo, hi int64) (int, bool, error) {
	if !v.IsNull() {
		return int(v.ValueInt64()), true, nil
	}
	s := strings.TrimSpace(os.Getenv(env))
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, false, fmt.Errorf("%s=%q: must be a whole number between %d and %d", env, s, lo, hi)
	}
	return int(n), true, nil
}

// rateSetting maps a requests-per-minute setting onto the client's
// convention: unset or 0 is the adaptive pace (client 0), N > 0 a fixed pace
// of N requests a minute per endpoint.
func rateSetting(v types.Float64, env string) (float64, error) {
	if !v.IsNull() {
		return v.ValueFloat64(), nil
	}
	s := strings.TrimSpace(os.Getenv(env))
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 100000 {
		return 0, fmt.Errorf("%s=%q: must be 0 (adaptive, the default) or a fixed number of requests per minute up to 100000", env, s)
	}
	return f, nil
}
