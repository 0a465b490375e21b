package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*gptsDataSource)(nil)

// NewGPTsDataSource is the openai_gpts data source.
func NewGPTsDataSource() datasource.DataSource { return &gptsDataSource{} }

type gptsDataSource struct {
	data *providerData
}

type gptsModel struct {
	Visibility            types.String `tfsdk:"visibility"`
	OwnerEmail            types.String `tfsdk:"owner_email"`
	ToolType              types.String `tfsdk:"tool_type"`
	IncludeConfigVersions types.Bool   `tfsdk:"include_config_versions"`
	GPTs                  []gptModel   `tfsdk:"gpts"`
}

func (d *gptsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gpts"
}

func (d *gptsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every live custom GPT of the ChatGPT Enterprise workspace (Compliance API " +
			"`GET /compliance/workspaces/{workspace_id}/gpts`, all pages), with owner, sharing and latest configuration, " +
			"optionally filtered. The API lists neither drafts nor third-party GPTs. Filters apply to the one shared " +
			"listing, so several filtered blocks cost no more requests than one. Needs `compliance_api_key` and " +
			"`workspace_id`; without them reading this data source is an error that says so.",
		Attributes: map[string]schema.Attribute{
			"visibility": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only GPTs with this visibility: one of `invite-only`, `workspace-with-link`, `workspace`, " +
					"`anyone-with-link`, `gpt-store`.",
				Validators: []validator.String{stringvalidator.OneOf(gptVisibilities...)}},
			"owner_email": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only GPTs owned by this email, compared case-insensitively.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"tool_type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only GPTs whose latest configuration has a tool of this type: one of `code_interpreter`, " +
					"`browser`, `dall-e`, `memory`, `custom_action` (the types the Compliance API documents; GPTs with tool types " +
					"added later are still listed without this filter, with their type as the API sends it).",
				Validators: []validator.String{stringvalidator.OneOf(gptToolTypes...)}},
			"include_config_versions": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Fill `config_versions` for every GPT listed (after filtering). This costs one more listing per " +
					"GPT, so it defaults to false and `config_versions` is then null."},
			"gpts": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The GPTs that pass every filter set, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: gptAttributes(
					"Null unless `include_config_versions` is true.")}},
		},
	}
}

func (d *gptsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *gptsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var model gptsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	gpts, err := l.GPTs(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "GPTs", err)
		return
	}
	visibility, owner, tool := model.Visibility.ValueString(), model.OwnerEmail.ValueString(), model.ToolType.ValueString()
	var selected []int
	for i, g := range gpts.Engine {
		if v, _ := gpts.Visibility(i); visibility != "" && (!gpts.Sharing(i) || v != visibility) {
			continue
		}
		if owner != "" && !strings.EqualFold(g.OwnerEmail, owner) {
			continue
		}
		if tool != "" && !cachedHasTool(gpts, i, tool) {
			continue
		}
		selected = append(selected, i)
	}
	withVersions := model.IncludeConfigVersions.ValueBool()
	values, err := fanOut(ctx, selected, func(i int) string { return "GPT " + gpts.Engine[i].ID },
		func(ctx context.Context, i int) (gptModel, error) {
			m, err := cachedGPTValue(ctx, l, gpts, i)
			if err != nil || !withVersions {
				return m, err
			}
			configs, err := l.GPTConfigs(ctx, gpts.Engine[i].ID)
			if err != nil {
				return m, err
			}
			m.ConfigVersions = types.Int64Value(int64(len(configs)))
			return m, nil
		})
	if err != nil {
		addReadError(&resp.Diagnostics, "GPTs", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "gpts", len(values), func(i int) gptModel { return values[i] })...)
}
