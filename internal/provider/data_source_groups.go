package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*groupsDataSource)(nil)

// NewGroupsDataSource is the openai_groups data source.
func NewGroupsDataSource() datasource.DataSource { return &groupsDataSource{} }

type groupsDataSource struct {
	data *providerData
}

type groupModel struct {
	ID            types.String        `tfsdk:"id"`
	Name          types.String        `tfsdk:"name"`
	CreatedAt     types.String        `tfsdk:"created_at"`
	IsSCIMManaged types.Bool          `tfsdk:"is_scim_managed"`
	GroupType     types.String        `tfsdk:"group_type"`
	Members       []groupMemberModel  `tfsdk:"members"`
	Roles         []groupRoleRefModel `tfsdk:"roles"`
}

type groupMemberModel struct {
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	Email types.String `tfsdk:"email"`
}

type groupRoleRefModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Permissions []types.String `tfsdk:"permissions"`
}

func (d *groupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_groups"
}

func (d *groupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every group of the API organization with its members and the organization roles assigned to it " +
			"(Admin API `GET /organization/groups`, then `/groups/{group_id}/users` and `/groups/{group_id}/roles` per group), all pages. " +
			"A group whose members or roles cannot be read fails the whole read. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"groups": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization groups, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Group id (`group_...`)."},
					"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the group was created, RFC 3339; null when not sent."},
					"is_scim_managed": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "Whether the identity provider manages the group through SCIM; null when the API does not say."},
					"group_type": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`group` or `tenant_group` (the API may add values); null when not sent."},
					"members": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The group's members.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "User id."},
							"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
							"email": schema.StringAttribute{Computed: true, MarkdownDescription: "Email; null when the API does not send one."},
						}}},
					"roles": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The organization roles assigned to the group.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Role id."},
							"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Role name."},
							"permissions": schema.ListAttribute{Computed: true, ElementType: types.StringType,
								MarkdownDescription: "Permissions the role grants; null when not sent."},
						}}},
				}},
			},
		},
	}
}

func (d *groupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

type groupDetail struct {
	members []openai.GroupUser
	roles   []openai.Role
}

func (d *groupsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	groups, err := l.Groups(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "organization groups", err)
		return
	}
	details, err := fanOut(ctx, groups, func(g openai.Group) string { return "group " + g.ID },
		func(ctx context.Context, g openai.Group) (groupDetail, error) {
			members, err := l.GroupUsers(ctx, g.ID)
			if err != nil {
				return groupDetail{}, err
			}
			roles, err := l.GroupRoles(ctx, g.ID)
			return groupDetail{members: members, roles: roles}, err
		})
	if err != nil {
		addReadError(&resp.Diagnostics, "organization group members and roles", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "groups", len(groups), func(i int) groupModel {
		return groupValue(groups[i], details[i])
	})...)
}

func groupValue(g openai.Group, d groupDetail) groupModel {
	m := groupModel{
		ID:            types.StringValue(g.ID),
		Name:          types.StringValue(g.Name),
		CreatedAt:     timeString(g.CreatedAt),
		IsSCIMManaged: types.BoolPointerValue(g.IsSCIMManaged),
		GroupType:     optString(g.GroupType),
		Members:       make([]groupMemberModel, len(d.members)),
		Roles:         make([]groupRoleRefModel, len(d.roles)),
	}
	for i, u := range d.members {
		m.Members[i] = groupMemberModel{ID: types.StringValue(u.ID), Name: types.StringValue(u.Name), Email: optString(u.Email)}
	}
	for i, r := range d.roles {
		m.Roles[i] = groupRoleRefModel{ID: types.StringValue(r.ID), Name: types.StringValue(r.Name)}
		if r.Permissions != nil {
			m.Roles[i].Permissions = stringValues(*r.Permissions)
		}
	}
	return m
}
