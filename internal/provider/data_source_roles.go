package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

var _ datasource.DataSourceWithConfigure = (*rolesDataSource)(nil)

// NewRolesDataSource is the openai_roles data source.
func NewRolesDataSource() datasource.DataSource { return &rolesDataSource{} }

type rolesDataSource struct {
	data *providerData
}

type roleModel struct {
	ID                        types.String   `tfsdk:"id"`
	Name                      types.String   `tfsdk:"name"`
	Description               types.String   `tfsdk:"description"`
	Permissions               []types.String `tfsdk:"permissions"`
	AdministrativePermissions []types.String `tfsdk:"administrative_permissions"`
	ResourceType              types.String   `tfsdk:"resource_type"`
	PredefinedRole            types.Bool     `tfsdk:"predefined_role"`
}

func (d *rolesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_roles"
}

func (d *rolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every role of the API organization, predefined and custom (Admin API `GET /organization/roles`), all pages. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"roles": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization roles, in API order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: roleAttributes()},
			},
		},
	}
}

func roleAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Role id (`role_...`)."},
		"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Role name."},
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Description; null when none."},
		"permissions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Permissions the role grants (for example `api.groups.write`); null when the API does not send them."},
		"administrative_permissions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The permissions the `role_admin_permissions` check reads as administrative: every permission except read-only ones (last segment `read`) and model use (`api.model.*`, `api.responses.*`). Empty when none; null when `permissions` is null."},
		"resource_type": schema.StringAttribute{Computed: true,
			MarkdownDescription: "What the role is bound to: `api.organization` or `api.project` (the API may add values); null when not sent."},
		"predefined_role": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether OpenAI predefines and manages the role; null when not sent."},
	}
}

func (d *rolesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *rolesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	roles, err := l.Roles(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "organization roles", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "roles", len(roles), func(i int) roleModel {
		return roleValue(roles[i])
	})...)
}

func roleValue(r openai.Role) roleModel {
	m := roleModel{
		ID:             types.StringValue(r.ID),
		Name:           types.StringValue(r.Name),
		Description:    optString(r.Description),
		ResourceType:   optString(r.ResourceType),
		PredefinedRole: types.BoolPointerValue(r.PredefinedRole),
	}
	if r.Permissions != nil {
		m.Permissions = stringValues(*r.Permissions)
		m.AdministrativePermissions = stringValues(posture.AdministrativePermissions(*r.Permissions))
	}
	return m
}

// stringValues converts to framework strings; never nil, so an empty input
// is an empty list rather than null.
func stringValues(ss []string) []types.String {
	out := make([]types.String, len(ss))
	for i, s := range ss {
		out[i] = types.StringValue(s)
	}
	return out
}
