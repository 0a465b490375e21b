package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

var _ datasource.DataSourceWithConfigure = (*workspaceUsersDataSource)(nil)

// NewWorkspaceUsersDataSource is the openai_workspace_users data source.
func NewWorkspaceUsersDataSource() datasource.DataSource { return &workspaceUsersDataSource{} }

type workspaceUsersDataSource struct {
	data *providerData
}

type workspaceUserModel struct {
	ID        types.String `tfsdk:"id"`
	Email     types.String `tfsdk:"email"`
	Name      types.String `tfsdk:"name"`
	Role      types.String `tfsdk:"role"`
	Status    types.String `tfsdk:"status"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *workspaceUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace_users"
}

func (d *workspaceUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every member of the ChatGPT Enterprise workspace (Compliance API " +
			"`GET /compliance/workspaces/{workspace_id}/users`), all pages. Needs `compliance_api_key` and `workspace_id`; " +
			"without them reading this data source is an error that says so.",
		Attributes: map[string]schema.Attribute{
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The workspace users, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace user id (`user-...`)."},
					"email": schema.StringAttribute{Computed: true, MarkdownDescription: "Email address; null when not sent."},
					"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "Display name; null when not sent."},
					"role": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Workspace role: `account-owner`, `account-admin` or `standard-user` (the API may add values); null when not sent."},
					"status": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`active` or `inactive` (the API may add values); null when not sent."},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user joined the workspace, RFC 3339; null when not sent."},
				}},
			},
		},
	}
}

func (d *workspaceUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *workspaceUsersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	users, err := l.WorkspaceUsers(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "workspace users", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "users", len(users.Engine), func(i int) workspaceUserModel {
		return cachedWorkspaceUserValue(users, i)
	})...)
}

// cachedWorkspaceUserValue maps a workspace user of the snapshot's compact
// form exactly as workspaceUserValue maps the API's.
func cachedWorkspaceUserValue(users snapshot.WorkspaceUsers, i int) workspaceUserModel {
	u := users.Engine[i]
	return workspaceUserModel{
		ID:        types.StringValue(u.ID),
		Email:     shownString(users.Email(i)),
		Name:      shownString(users.Name(i)),
		Role:      shownString(users.Role(i)),
		Status:    shownString(users.Status(i)),
		CreatedAt: timePtrString(u.CreatedAt),
	}
}

func workspaceUserValue(u openai.WorkspaceUser) workspaceUserModel {
	return workspaceUserModel{
		ID:        types.StringValue(u.ID),
		Email:     optString(u.Email),
		Name:      optString(u.Name),
		Role:      optString(u.Role),
		Status:    optString(u.Status),
		CreatedAt: timeString(u.CreatedAt),
	}
}
