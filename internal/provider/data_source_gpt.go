package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*gptDataSource)(nil)

// NewGPTDataSource is the openai_gpt data source.
func NewGPTDataSource() datasource.DataSource { return &gptDataSource{} }

type gptDataSource struct {
	data *providerData
}

// gptOneModel is gptModel plus the directly shared users.
type gptOneModel struct {
	ID             types.String         `tfsdk:"id"`
	CreatedAt      types.String         `tfsdk:"created_at"`
	OwnerID        types.String         `tfsdk:"owner_id"`
	OwnerEmail     types.String         `tfsdk:"owner_email"`
	BuilderName    types.String         `tfsdk:"builder_name"`
	Visibility     types.String         `tfsdk:"visibility"`
	Permissions    *gptPermissionsModel `tfsdk:"permissions"`
	Recipients     []gptRecipientModel  `tfsdk:"recipients"`
	LatestConfig   *gptConfigModel      `tfsdk:"latest_config"`
	ConfigVersions types.Int64          `tfsdk:"config_versions"`
	SharedUsers    []workspaceUserModel `tfsdk:"shared_users"`
}

func (d *gptDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpt"
}

func (d *gptDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := gptAttributes("Always filled here.")
	attrs["id"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "GPT id (`g-...`) to read. A GPT the workspace does not have is an error.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}}
	attrs["shared_users"] = schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: "The users the GPT is directly shared with, as the workspace directory knows them " +
			"(`GET …/gpts/{gpt_id}/shared_users`, all pages, ascending user id).",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace user id."},
			"email":      schema.StringAttribute{Computed: true, MarkdownDescription: "Email; null when not sent."},
			"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name; null when not sent."},
			"role":       schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace role; null when not sent."},
			"status":     schema.StringAttribute{Computed: true, MarkdownDescription: "`active` or `inactive`; null when not sent."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user joined the workspace, RFC 3339; null when not sent."},
		}}}
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
	model := gptOneModel{
		ID: m.ID, CreatedAt: m.CreatedAt, OwnerID: m.OwnerID, OwnerEmail: m.OwnerEmail, BuilderName: m.BuilderName,
		Visibility: m.Visibility, Permissions: m.Permissions, Recipients: m.Recipients, LatestConfig: m.LatestConfig,
		ConfigVersions: types.Int64Value(int64(len(configs))),
		SharedUsers:    make([]workspaceUserModel, 0, len(shared)),
	}
	for _, u := range shared {
		model.SharedUsers = append(model.SharedUsers, workspaceUserValue(u))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
