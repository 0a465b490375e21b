// Package provider implements the openai posture provider: its configuration,
// data sources and resources. It never builds HTTP requests itself; every call
// to OpenAI goes through internal/openai, and every judgement through
// internal/posture.
package provider

import (
	"context"

	"github.com/openai-posture/terraform-provider-openai/internal/clidetect"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ provider.Provider = (*openaiProvider)(nil)

// New returns a constructor for the provider, as providerserver.Serve and the
// acceptance tests expect, with the production surroundings: destroy
// detection from the parent process (the CLI) and the real clock. version is
// the release version, shown in the User-Agent of every request.
func New(version string) func() provider.Provider {
	return NewWithOptions(version, Options{Destroy: clidetect.FromProcess()})
}

// NewWithOptions is New with explicit surroundings (tests inject a fake
// destroy detector and clock).
func NewWithOptions(version string, opts Options) func() provider.Provider {
	return func() provider.Provider {
		return &openaiProvider{version: version, opts: opts, env: opts.runEnv()}
	}
}

type openaiProvider struct {
	version string
	opts    Options
	env     runEnv
}

// providerModel is the provider block. Every attribute may instead come from
// an environment variable (see configEnv), so CI can keep keys out of HCL.
type providerModel struct {
	AdminAPIKey                 types.String  `tfsdk:"admin_api_key"`
	ComplianceAPIKey            types.String  `tfsdk:"compliance_api_key"`
	WorkspaceID                 types.String  `tfsdk:"workspace_id"`
	OrganizationID              types.String  `tfsdk:"organization_id"`
	AdminBaseURL                types.String  `tfsdk:"admin_base_url"`
	ComplianceBaseURL           types.String  `tfsdk:"compliance_base_url"`
	DLPCacheDir                 types.String  `tfsdk:"dlp_cache_dir"`
	RequestTimeout              types.String  `tfsdk:"request_timeout"`
	TotalTimeout                types.String  `tfsdk:"total_timeout"`
	MaxRetries                  types.Int64   `tfsdk:"max_retries"`
	MaxWaiverDays               types.Int64   `tfsdk:"max_waiver_days"`
	AdminRequestsPerMinute      types.Float64 `tfsdk:"admin_requests_per_minute"`
	ComplianceRequestsPerMinute types.Float64 `tfsdk:"compliance_requests_per_minute"`
}

func (p *openaiProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "openai"
	resp.Version = p.version
}

func (p *openaiProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *openaiProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, diags := newProviderData(ctx, model, p.version, p.opts.Snapshot)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || data == nil {
		return
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

func (p *openaiProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAdminAPIKeysDataSource,
		NewProjectAPIKeysDataSource,
		NewGPTsDataSource,
		NewGPTDataSource,
		NewChatGPTProjectsDataSource,
		NewChatGPTProjectDataSource,
		NewUsersDataSource,
		NewUserDataSource,
		NewWorkspaceUsersDataSource,
		NewInvitesDataSource,
		NewProjectsDataSource,
		NewServiceAccountsDataSource,
		NewWorkspaceSettingsDataSource,
		NewRolesDataSource,
		NewGroupsDataSource,
		func() datasource.DataSource { return newPostureFindingsDataSource(p.env) },
	}
}

func (p *openaiProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return newPostureCheckResource(p.env) },
	}
}
