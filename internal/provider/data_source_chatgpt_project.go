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

var _ datasource.DataSourceWithConfigure = (*chatGPTProjectDataSource)(nil)

// NewChatGPTProjectDataSource is the openai_chatgpt_project data source.
func NewChatGPTProjectDataSource() datasource.DataSource { return &chatGPTProjectDataSource{} }

type chatGPTProjectDataSource struct {
	data *providerData
}

func (d *chatGPTProjectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_chatgpt_project"
}

func (d *chatGPTProjectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := agentAttributes(chatGPTProjectKind, "Always filled here.")
	attrs["id"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "ChatGPT project id (`g-p-...`) to read. A project the workspace does not have is an error.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}}
	attrs["shared_users"] = sharedUsersAttribute(chatGPTProjectKind)
	resp.Schema = schema.Schema{
		MarkdownDescription: "One ChatGPT project of the ChatGPT Enterprise workspace by id (Compliance API " +
			"`GET /compliance/workspaces/{workspace_id}/projects/{project_id}`), with owner, sharing, latest configuration, the " +
			"number of configuration versions and the directly shared users (three requests). A third-party project is readable " +
			"only when published publicly, and then without owner and sharing (null here). Needs `compliance_api_key` and " +
			"`workspace_id`; without them reading this data source is an error that says so.",
		Attributes: attrs,
	}
}

func (d *chatGPTProjectDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *chatGPTProjectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
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
	what := "ChatGPT project " + id
	p, err := l.ComplianceProject(ctx, id)
	if openai.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "ChatGPT project not found",
			fmt.Sprintf("The workspace has no live ChatGPT project with id %q (drafts are not readable; a third-party project "+
				"only when published publicly). %v", id, err))
		return
	}
	if err != nil {
		addReadError(&resp.Diagnostics, what, err)
		return
	}
	m, err := chatGPTProjectValue(ctx, l, *p)
	if err != nil {
		addReadError(&resp.Diagnostics, what, err)
		return
	}
	configs, err := l.ComplianceProjectConfigs(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, "the configuration versions of "+what, err)
		return
	}
	shared, err := l.ComplianceProjectSharedUsers(ctx, id)
	if err != nil {
		addReadError(&resp.Diagnostics, "the shared users of "+what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, oneAgentModel(m, len(configs), shared))...)
}
