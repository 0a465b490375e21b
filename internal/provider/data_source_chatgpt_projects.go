package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*chatGPTProjectsDataSource)(nil)

// NewChatGPTProjectsDataSource is the openai_chatgpt_projects data source.
func NewChatGPTProjectsDataSource() datasource.DataSource { return &chatGPTProjectsDataSource{} }

type chatGPTProjectsDataSource struct {
	data *providerData
}

type chatGPTProjectsModel struct {
	Visibility            types.String `tfsdk:"visibility"`
	OwnerEmail            types.String `tfsdk:"owner_email"`
	ToolType              types.String `tfsdk:"tool_type"`
	IncludeConfigVersions types.Bool   `tfsdk:"include_config_versions"`
	Projects              []gptModel   `tfsdk:"projects"`
}

func (d *chatGPTProjectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_chatgpt_projects"
}

func (d *chatGPTProjectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every live ChatGPT project of the ChatGPT Enterprise workspace (Compliance API " +
			"`GET /compliance/workspaces/{workspace_id}/projects`, all pages), with owner, sharing and latest configuration " +
			"(the GPTs' shape: the same sharing model, tools and files), optionally filtered. These are ChatGPT projects, not " +
			"the API platform projects of `openai_projects`. The API lists no drafts; a third-party project comes without owner " +
			"and sharing (those attributes are then null). Needs `compliance_api_key` and `workspace_id`; without them reading " +
			"this data source is an error that says so.",
		Attributes: map[string]schema.Attribute{
			"visibility": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only projects with this visibility: one of `invite-only`, `workspace-with-link`, `workspace`, " +
					"`anyone-with-link`, `gpt-store`.",
				Validators: []validator.String{stringvalidator.OneOf(gptVisibilities...)}},
			"owner_email": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only projects owned by this email, compared case-insensitively.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"tool_type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only projects whose latest configuration has a tool of this type: one of `code_interpreter`, " +
					"`browser`, `dall-e`, `memory`, `custom_action` (the types the Compliance API documents).",
				Validators: []validator.String{stringvalidator.OneOf(gptToolTypes...)}},
			"include_config_versions": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Fill `config_versions` for every project listed (after filtering). This costs one more listing " +
					"per project, so it defaults to false and `config_versions` is then null."},
			"projects": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The projects that pass every filter set, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: agentAttributes(chatGPTProjectKind,
					"Null unless `include_config_versions` is true.")}},
		},
	}
}

func (d *chatGPTProjectsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *chatGPTProjectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var model chatGPTProjectsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	projects, err := l.ComplianceProjects(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "ChatGPT projects", err)
		return
	}
	visibility, owner, tool := model.Visibility.ValueString(), model.OwnerEmail.ValueString(), model.ToolType.ValueString()
	var selected []openai.ComplianceProject
	for _, p := range projects {
		if visibility != "" && (p.Sharing == nil || openai.String(p.Sharing.Visibility) != visibility) {
			continue
		}
		if owner != "" && !strings.EqualFold(openai.String(p.OwnerEmail), owner) {
			continue
		}
		if tool != "" && !hasTool(openai.GPT(p), tool) {
			continue
		}
		selected = append(selected, p)
	}
	withVersions := model.IncludeConfigVersions.ValueBool()
	values, err := fanOut(ctx, selected, func(p openai.ComplianceProject) string { return "ChatGPT project " + p.ID },
		func(ctx context.Context, p openai.ComplianceProject) (gptModel, error) {
			m, err := chatGPTProjectValue(ctx, l, p)
			if err != nil || !withVersions {
				return m, err
			}
			configs, err := l.ComplianceProjectConfigs(ctx, p.ID)
			if err != nil {
				return m, err
			}
			m.ConfigVersions = types.Int64Value(int64(len(configs)))
			return m, nil
		})
	if err != nil {
		addReadError(&resp.Diagnostics, "ChatGPT projects", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "projects", len(values), func(i int) gptModel { return values[i] })...)
}
