package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

// NewUsersDataSource is the openai_users data source.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct {
	data *providerData
}

// orgUserModel is one organization user; openai_user embeds the same
// attributes at its top level.
type orgUserModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	Email                   types.String `tfsdk:"email"`
	Role                    types.String `tfsdk:"role"`
	AddedAt                 types.String `tfsdk:"added_at"`
	IsSCIMManaged           types.Bool   `tfsdk:"is_scim_managed"`
	IsServiceAccount        types.Bool   `tfsdk:"is_service_account"`
	APIKeyLastUsedAt        types.String `tfsdk:"api_key_last_used_at"`
	DaysSinceAPIKeyLastUsed types.Int64  `tfsdk:"days_since_api_key_last_used"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every member of the API organization (Admin API `GET /organization/users`), all pages. " +
			"These are API platform users; ChatGPT workspace members are `openai_workspace_users`. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization users, in API order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: orgUserAttributes(false)},
			},
		},
	}
}

// orgUserAttributes is the schema of orgUserModel. For openai_user (lookup)
// id and email are Optional+Computed inputs instead of plain outputs.
func orgUserAttributes(lookup bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "User id (`user-...`)."},
		"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "Display name; null when the API does not send one."},
		"email": schema.StringAttribute{Computed: true, MarkdownDescription: "Email address; null when the API does not send one."},
		"role": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Organization role: `owner` or `reader` (the API may add values); null when not sent."},
		"added_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user joined the organization, RFC 3339."},
		"is_scim_managed": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the user is provisioned by SCIM; null when the API does not say."},
		"is_service_account": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the user is a service account; null when the API does not say."},
		"api_key_last_used_at": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Last use of any of the user's API keys, RFC 3339; null when never used or not sent."},
		"days_since_api_key_last_used": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Whole days since `api_key_last_used_at`, computed against the time of the plan; null when that is null."},
	}
	if lookup {
		attrs["id"] = schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "User id (`user-...`) to look up. Exactly one of `id` and `email` must be set."}
		attrs["email"] = schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Email to look up, compared case-insensitively. Exactly one of `id` and `email` must be set."}
	}
	return attrs
}

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *usersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	users, err := l.Users(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "organization users", err)
		return
	}
	now := time.Now()
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "users", len(users.Engine), func(i int) orgUserModel {
		return orgUserValue(users, i, now)
	})...)
}

func orgUserValue(users snapshot.OrgUsers, i int, now time.Time) orgUserModel {
	u := users.Engine[i]
	return orgUserModel{
		ID:                      types.StringValue(u.ID),
		Name:                    shownString(users.Name(i)),
		Email:                   shownString(users.Email(i)),
		Role:                    types.StringPointerValue(u.Role),
		AddedAt:                 timePtrString(u.AddedAt),
		IsSCIMManaged:           types.BoolPointerValue(u.IsSCIMManaged),
		IsServiceAccount:        shownBool(users.IsServiceAccount(i)),
		APIKeyLastUsedAt:        timePtrString(u.APIKeyLastUsedAt),
		DaysSinceAPIKeyLastUsed: daysSincePtr(u.APIKeyLastUsedAt, now),
	}
}
