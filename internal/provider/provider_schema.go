package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/openai-posture/terraform-provider-openai/internal/validators"
)

func providerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads an OpenAI organization (Admin API) and a ChatGPT Enterprise workspace " +
			"(Compliance API) and turns their security posture into a plan. The provider is read-only: " +
			"it never changes the organization. Every connection attribute can also be set with the environment " +
			"variable named in its description; a value in HCL wins over the environment. `max_waiver_days` is " +
			"policy and has no environment variable: it belongs in reviewed configuration.",
		Attributes: map[string]schema.Attribute{
			"admin_api_key": schema.StringAttribute{
				MarkdownDescription: "Admin API key of the organization (created by an organization owner under " +
					"Settings, Admin keys). Needed by every data source and check that reads the Admin API. " +
					"Environment variable: `" + envAdminAPIKey + "`.",
				Optional:  true,
				Sensitive: true,
			},
			"compliance_api_key": schema.StringAttribute{
				MarkdownDescription: "ChatGPT Enterprise Compliance API key (a key OpenAI has granted the compliance " +
					"`read` scope). Needed by everything that reads GPTs, workspace users, ChatGPT projects or " +
					"conversations. Environment variable: `" + envComplianceAPIKey + "`.",
				Optional:  true,
				Sensitive: true,
			},
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "ChatGPT Enterprise workspace id (a UUID). Required with `compliance_api_key`. " +
					"Environment variable: `" + envWorkspaceID + "`.",
				Optional:   true,
				Validators: []validator.String{validators.UUID()},
			},
			"organization_id": schema.StringAttribute{
				MarkdownDescription: "OpenAI organization id (`org-...`), sent as the `OpenAI-Organization` header. " +
					"Optional: an admin key already belongs to one organization. Environment variable: `" +
					envOrganizationID + "`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"admin_base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Admin API. Defaults to `https://api.openai.com/v1`. Must be " +
					"https; plain http is accepted only on loopback (for the simulator). Environment variable: `" +
					envAdminBaseURL + "`.",
				Optional:   true,
				Validators: []validator.String{validators.BaseURL()},
			},
			"compliance_base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Compliance API. Defaults to `https://api.chatgpt.com/v1` " +
					"(not api.openai.com, which answers 404). Must be https; plain http is accepted only on " +
					"loopback. Environment variable: `" + envComplianceBaseURL + "`.",
				Optional:   true,
				Validators: []validator.String{validators.BaseURL()},
			},
			"dlp_cache_dir": dlpCacheDirAttribute(),
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one HTTP attempt, as a Go duration (`30s`, `2m`). Defaults to `30s`. " +
					"Environment variable: `" + envRequestTimeout + "`.",
				Optional:   true,
				Validators: []validator.String{validators.Duration()},
			},
			"total_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one API call including its retries and waits, as a Go duration. " +
					"Defaults to `5m`. Environment variable: `" + envTotalTimeout + "`.",
				Optional:   true,
				Validators: []validator.String{validators.Duration()},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "Retries of a failed request (network errors, 408, 409, 429, 5xx) before the " +
					"call fails. `0` disables retries. Defaults to `4`. Environment variable: `" + envMaxRetries + "`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"max_waiver_days": schema.Int64Attribute{
				MarkdownDescription: "Longest a waiver of `openai_posture_check` or `openai_posture_findings` may run: " +
					"a waiver whose `expires` is more than this many days after today (UTC) is an error at plan time " +
					"naming the maximum, so that every exception comes back for review. Defaults to `365`; at most `3650`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, 3650)},
			},
			"admin_requests_per_minute": schema.Float64Attribute{
				MarkdownDescription: "Pace of requests to each Admin API endpoint. Unset or `0` (the default) " +
					"paces adaptively: requests go out unpaced until the API first answers `429`, then at the rate " +
					"its `Retry-After` implies, cut by 10% on each further `429` and raised again after successes, " +
					"per endpoint (or per concrete path, when only that path is limited); `x-ratelimit-remaining` / " +
					"`x-ratelimit-reset` headers, when sent, are followed too. This settles just under whatever " +
					"limits the live API applies, without a `429` reaching the plan. A number `N` instead paces " +
					"each endpoint at a fixed `N` requests a minute. Environment variable: `" + envAdminRPM + "`.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.Between(0, 100000)},
			},
			"compliance_requests_per_minute": schema.Float64Attribute{
				MarkdownDescription: "Pace of requests to each Compliance API endpoint. Unset or `0` (the default) " +
					"paces adaptively, as for `admin_requests_per_minute`. A number `N` paces each endpoint at a " +
					"fixed `N` requests a minute; the documented limit of the list endpoints is `50`. The file " +
					"content endpoints are paced at most at their documented `100` a minute, whatever `N` is. " +
					"Environment variable: `" + envComplianceRPM + "`.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.Between(0, 100000)},
			},
		},
	}
}
