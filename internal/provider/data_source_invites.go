package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*invitesDataSource)(nil)

// NewInvitesDataSource is the openai_invites data source.
func NewInvitesDataSource() datasource.DataSource { return &invitesDataSource{} }

type invitesDataSource struct {
	data *providerData
}

type inviteModel struct {
	ID         types.String         `tfsdk:"id"`
	Email      types.String         `tfsdk:"email"`
	Role       types.String         `tfsdk:"role"`
	Status     types.String         `tfsdk:"status"`
	CreatedAt  types.String         `tfsdk:"created_at"`
	ExpiresAt  types.String         `tfsdk:"expires_at"`
	AcceptedAt types.String         `tfsdk:"accepted_at"`
	Projects   []inviteProjectModel `tfsdk:"projects"`
}

type inviteProjectModel struct {
	ID   types.String `tfsdk:"id"`
	Role types.String `tfsdk:"role"`
}

func (d *invitesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invites"
}

func (d *invitesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every invitation to the API organization, whatever its status (Admin API " +
			"`GET /organization/invites`), all pages. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"invites": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The invites, in API order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Invite id (`invite-...`)."},
					"email": schema.StringAttribute{Computed: true, MarkdownDescription: "Email address invited."},
					"role": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Organization role the invitee gets: `owner` or `reader` (the API may add values)."},
					"status": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`pending`, `accepted` or `expired` (the API may add values)."},
					"created_at": schema.StringAttribute{Computed: true,
						MarkdownDescription: "When the invite was sent, RFC 3339 (`created_at`, or `invited_at` on older API versions)."},
					"expires_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "When the invite expires, RFC 3339; null when not sent."},
					"accepted_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the invite was accepted, RFC 3339; null unless accepted."},
					"projects": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Projects the invitee joins on acceptance, with the project role.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Project id."},
							"role": schema.StringAttribute{Computed: true, MarkdownDescription: "Project role: `member` or `owner`."},
						}},
					},
				}},
			},
		},
	}
}

func (d *invitesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *invitesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	invites, err := l.Invites(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "invites", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "invites", len(invites), func(i int) inviteModel {
		return inviteValue(invites[i])
	})...)
}

func inviteValue(i openai.Invite) inviteModel {
	projects := make([]inviteProjectModel, 0, len(i.Projects))
	for _, p := range i.Projects {
		projects = append(projects, inviteProjectModel{ID: types.StringValue(p.ID), Role: types.StringValue(p.Role)})
	}
	return inviteModel{
		ID:         types.StringValue(i.ID),
		Email:      types.StringValue(i.Email),
		Role:       types.StringValue(i.Role),
		Status:     types.StringValue(i.Status),
		CreatedAt:  timeString(i.CreatedAt),
		ExpiresAt:  timeString(i.ExpiresAt),
		AcceptedAt: timeString(i.AcceptedAt),
		Projects:   projects,
	}
}
