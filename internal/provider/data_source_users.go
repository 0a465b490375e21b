package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
		MarkdownDescription: "Every member of the API organization (Admin API `GET /organization/users`), all pages, " +
			"optionally filtered so that state holds only the users wanted (the owners, one domain, ...). Filters apply to " +
			"the one shared listing: several filtered blocks cost no more requests than one, and no filter changes what " +
			"`openai_posture_check` reads. These are API platform users; ChatGPT workspace members are " +
			"`openai_workspace_users`. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"role": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users with this organization role: one of `owner`, `reader` (compared case-insensitively). " +
					"Users whose role the API does not send are listed only without this filter.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(orgUserRoles...)}},
			"email": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the user with this email, compared case-insensitively.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"email_suffix": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users whose email ends with this text, compared case-insensitively. Include the `@` " +
					"(`\"@example.com\"`) so that `badexample.com` does not match.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"is_scim_managed": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Only users whose `is_scim_managed` is this value. Users for whom the API does not say are " +
					"listed only without this filter."},
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization users that pass every filter set, in API order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: orgUserAttributes(false)},
			},
		},
	}
}

// orgUserRoles are the organization roles the Admin API documents; the enum
// may grow, so unknown roles still reach state, but the filter accepts only
// these.
var orgUserRoles = []string{"owner", "reader"}

// orgUserFilters are openai_users' inputs; a null filter is not applied.
type orgUserFilters struct {
	Role          types.String `tfsdk:"role"`
	Email         types.String `tfsdk:"email"`
	EmailSuffix   types.String `tfsdk:"email_suffix"`
	IsSCIMManaged types.Bool   `tfsdk:"is_scim_managed"`
}

// matches reports whether the user at index i passes every filter set. A
// field the API did not send never matches a filter on it.
func (f orgUserFilters) matches(users snapshot.OrgUsers, i int) bool {
	u := users.Engine[i]
	if !f.Role.IsNull() && (u.Role == nil || !strings.EqualFold(*u.Role, f.Role.ValueString())) {
		return false
	}
	email, sent := users.Email(i)
	if !emailMatches(email, sent, f.Email, f.EmailSuffix) {
		return false
	}
	if !f.IsSCIMManaged.IsNull() && (u.IsSCIMManaged == nil || *u.IsSCIMManaged != f.IsSCIMManaged.ValueBool()) {
		return false
	}
	return true
}

// emailMatches applies the email (exact) and email_suffix filters, both
// case-insensitive, to an email the API sent or not.
func emailMatches(email string, sent bool, exact, suffix types.String) bool {
	if exact.IsNull() && suffix.IsNull() {
		return true
	}
	if !sent {
		return false
	}
	if !exact.IsNull() && !strings.EqualFold(email, exact.ValueString()) {
		return false
	}
	return suffix.IsNull() || strings.HasSuffix(strings.ToLower(email), strings.ToLower(suffix.ValueString()))
}

// readFilters reads the named filter attributes of the configuration.
func readFilters(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, fields map[string]any) {
	for name, dst := range fields {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), dst)...)
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

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var f orgUserFilters
	readFilters(ctx, req, resp, map[string]any{"role": &f.Role, "email": &f.Email, "email_suffix": &f.EmailSuffix,
		"is_scim_managed": &f.IsSCIMManaged})
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := l.Users(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "organization users", err)
		return
	}
	// The filters pick from the shared cache; the cache itself, which the
	// posture checks read, is never narrowed.
	var selected []int
	for i := range users.Engine {
		if f.matches(users, i) {
			selected = append(selected, i)
		}
	}
	now := time.Now()
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "users", len(selected), func(i int) orgUserModel {
		return orgUserValue(users, selected[i], now)
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
