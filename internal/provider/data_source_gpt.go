package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*gptDataSource)(nil)

// NewGPTDataSource is the openai_gpt data source.
func NewGPTDataSource() datasource.DataSource { return &gptDataSource{} }

type gptDataSource struct {
	data *providerData
}

func (d *gptDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpt"
}

func (d *gptDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := gptAttributes("Always filled here.")
	attrs["id"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "GPT id (`g-...`) to read. A GPT the workspace does not have is an error.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}}
	attrs["shared_users"] = sharedUsersAttribute(gptKind)
	resp.Schema = schema.Schema{
		MarkdownDescription: "One custom GPT of the ChatGPT Enterprise workspace by id (Compliance API " +
			"`GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}`), with owner, sharing, latest configuration, the number " +
			"of configuration versions and the directly shared users (three requests). Needs `compliance_api_key` and " +
			"`workspace_id`; without them reading this data source is an error that says so.",
		Attributes: attrs,
	}
}

func (d *gptDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *gptDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var config gptOneModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ID.ValueString()
	g, err := l.GPT(ctx, id)
	if openai.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "GPT not found",
			fmt.Sprintf("The workspace has no live GPT with id %q (drafts and third-party GPTs are not readable). %v", id, err))
		return
	}
	if err != nil {
		addReadError(&resp.Diagnostics, "GPT "+id, err)
		return
	}
	m, err := gptValue(ctx, l, *g)
	if err != nil {
		addReadError(&resp.Diagnostics, "GPT "+id, err)
		return
	}
	configs, err := l.GPTConfigs(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, "the configuration versions of GPT "+id, err)
		return
	}
	shared, err := l.GPTSharedUsers(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, "the shared users of GPT "+id, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, oneAgentModel(m, len(configs), shared))...)
}
