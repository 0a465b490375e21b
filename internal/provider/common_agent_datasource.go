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

// The list and single data sources of GPTs and ChatGPT projects: the
// Compliance API sends both kinds in one shape, so one implementation serves
// openai_gpts/openai_gpt and openai_chatgpt_projects/openai_chatgpt_project.

var (
	_ datasource.DataSourceWithConfigure = (*agentListDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*agentDataSource)(nil)
)

// gptVisibilities and gptToolTypes are the values the Compliance API
// documents (v1.1.1); both enums are open, so unknown values still reach
// state, but filters only accept the documented ones.
var (
	gptVisibilities = []string{"invite-only", "workspace-with-link", "workspace", "anyone-with-link", "gpt-store"}
	gptToolTypes    = []string{"code_interpreter", "browser", "dall-e", "memory", "custom_action"}
)

type agentListDataSource struct {
	kind agentKind
	data *providerData
}

// agentFilters are the list data source's inputs.
type agentFilters struct {
	Visibility            types.String `tfsdk:"visibility"`
	OwnerEmail            types.String `tfsdk:"owner_email"`
	ToolType              types.String `tfsdk:"tool_type"`
	IncludeConfigVersions types.Bool   `tfsdk:"include_config_versions"`
}

func (d *agentListDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.kind.listType
}

func (d *agentListDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	k := d.kind
	resp.Schema = schema.Schema{
		MarkdownDescription: k.listDoc,
		Attributes: map[string]schema.Attribute{
			"visibility": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only " + k.plural + " with this visibility: one of `invite-only`, `workspace-with-link`, `workspace`, " +
					"`anyone-with-link`, `gpt-store`.",
				Validators: []validator.String{stringvalidator.OneOf(gptVisibilities...)}},
			"owner_email": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only " + k.plural + " owned by this email, compared case-insensitively.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"tool_type": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only " + k.plural + " whose latest configuration has a tool of this type: one of `code_interpreter`, " +
					"`browser`, `dall-e`, `memory`, `custom_action` (the types the Compliance API documents; " + k.plural + " with tool types " +
					"added later are still listed without this filter, with their type as the API sends it).",
				Validators: []validator.String{stringvalidator.OneOf(gptToolTypes...)}},
			"include_config_versions": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Fill `config_versions` for every " + k.noun + " listed (after filtering). This costs one more listing per " +
					k.noun + ", so it defaults to false and `config_versions` is then null."},
			k.listAttr: schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The " + k.plural + " that pass every filter set, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: agentAttributes(k,
					"Null unless `include_config_versions` is true.")}},
		},
	}
}

func (d *agentListDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *agentListDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	k := d.kind
	var f agentFilters
	for name, dst := range map[string]any{"visibility": &f.Visibility, "owner_email": &f.OwnerEmail, "tool_type": &f.ToolType,
		"include_config_versions": &f.IncludeConfigVersions} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), dst)...)
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := k.list(l, ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, k.label+"s", err)
		return
	}
	visibility, owner, tool := f.Visibility.ValueString(), f.OwnerEmail.ValueString(), f.ToolType.ValueString()
	var selected []int
	for i := range all.Len() {
		if all.Matches(i, visibility, owner, tool) {
			selected = append(selected, i)
		}
	}
	withVersions := f.IncludeConfigVersions.ValueBool()
	values, err := fanOut(ctx, selected, func(i int) string { return k.label + " " + all.ID(i) },
		func(ctx context.Context, i int) (gptModel, error) {
			m, err := all.Value(ctx, l, k, i)
			if err != nil || !withVersions {
				return m, err
			}
			configs, err := k.configs(l, ctx, all.ID(i))
			if err != nil {
				return m, err
			}
			m.ConfigVersions = types.Int64Value(int64(len(configs)))
			return m, nil
		})
	if err != nil {
		addReadError(&resp.Diagnostics, k.label+"s", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, k.listAttr, len(values), func(i int) gptModel { return values[i] })...)
}

type agentDataSource struct {
	kind agentKind
	data *providerData
}

func (d *agentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.kind.oneType
}

func (d *agentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	k := d.kind
	attrs := agentAttributes(k, "Always filled here.")
	attrs["id"] = schema.StringAttribute{Required: true,
		MarkdownDescription: k.label + " id (" + k.idForm + ") to read. A " + k.label + " the workspace does not have is an error.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}}
	attrs["shared_users"] = schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: "The users the " + k.noun + " is directly shared with, as the workspace directory knows them " +
			"(`GET …/" + k.path + "/shared_users`, all pages, ascending user id).",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace user id."},
			"email":      schema.StringAttribute{Computed: true, MarkdownDescription: "Email; null when not sent."},
			"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name; null when not sent."},
			"role":       schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace role; null when not sent."},
			"status":     schema.StringAttribute{Computed: true, MarkdownDescription: "`active` or `inactive`; null when not sent."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user joined the workspace, RFC 3339; null when not sent."},
		}}}
	resp.Schema = schema.Schema{MarkdownDescription: k.oneDoc, Attributes: attrs}
}

func (d *agentDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *agentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	k := d.kind
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	what := k.label + " " + id.ValueString()
	g, err := k.get(l, ctx, id.ValueString())
	if openai.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), k.label+" not found",
			fmt.Sprintf("The workspace has no live %s with id %q (%s). %v", k.label, id.ValueString(), k.notFound, err))
		return
	}
	if err != nil {
		addReadError(&resp.Diagnostics, what, err)
		return
	}
	m, err := agentValue(ctx, l, k, *g)
	if err != nil {
		addReadError(&resp.Diagnostics, what, err)
		return
	}
	configs, err := k.configs(l, ctx, id.ValueString())
	if err != nil {
		addReadError(&resp.Diagnostics, "the configuration versions of "+what, err)
		return
	}
	shared, err := k.sharedUsers(l, ctx, id.ValueString())
	if err != nil {
		addReadError(&resp.Diagnostics, "the shared users of "+what, err)
		return
	}
	m.ConfigVersions = types.Int64Value(int64(len(configs)))
	model := gptOneModel{gptModel: m, SharedUsers: make([]workspaceUserModel, 0, len(shared))}
	for _, u := range shared {
		model.SharedUsers = append(model.SharedUsers, workspaceUserValue(u))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
