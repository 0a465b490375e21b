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
			"`GET /compliance/workspaces/{workspace_id}/users`), all pages, optionally filtered so that state holds only " +
			"the users wanted (the account owners, one domain, ...). Filters apply to the one shared listing: several " +
			"filtered blocks cost no more requests than one, and no filter changes what `openai_posture_check` reads. " +
			"Needs `compliance_api_key` and `workspace_id`; without them reading this data source is an error that says so.",
		Attributes: map[string]schema.Attribute{
			"role": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users with this workspace role: one of `account-owner`, `account-admin`, " +
					"`standard-user` (compared case-insensitively). Users whose role the API does not send are listed only " +
					"without this filter.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(workspaceUserRoles...)}},
			"email": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only the user with this email, compared case-insensitively.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
			"email_suffix": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users whose email ends with this text, compared case-insensitively. Include the `@` " +
					"(`\"@example.com\"`) so that `badexample.com` does not match.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"status": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users with this status: `active`, or `inactive` for every user whose status the API " +
					"sends and is not `active` (so a status added later, such as `deactivated`, is still listed as inactive). " +
					"Compared case-insensitively. Users whose status the API does not send are listed only without this filter.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(workspaceUserStatuses...)}},
			"users": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The workspace users that pass every filter set, in API order.",
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

// workspaceUserRoles and workspaceUserStatuses are the values the
// Compliance API documents (v1.1.1); unknown values still reach state, but
// the filters accept only these.
var (
	workspaceUserRoles    = []string{"account-owner", "account-admin", "standard-user"}
	workspaceUserStatuses = []string{"active", "inactive"}
)

// workspaceUserFilters are openai_workspace_users' inputs; a null filter is
// not applied.
type workspaceUserFilters struct {
	Role        types.String `tfsdk:"role"`
	Email       types.String `tfsdk:"email"`
	EmailSuffix types.String `tfsdk:"email_suffix"`
	Status      types.String `tfsdk:"status"`
}

// matches reports whether the user at index i passes every filter set. A
// field the API did not send never matches a filter on it. status
// "inactive" is every sent status but "active" (any case), as the checks
// read it.
func (f workspaceUserFilters) matches(users snapshot.WorkspaceUsers, i int) bool {
	if !f.Role.IsNull() {
		role, sent := users.Role(i)
		if !sent || !strings.EqualFold(role, f.Role.ValueString()) {
			return false
		}
	}
	if email, sent := users.Email(i); !emailMatches(email, sent, f.Email, f.EmailSuffix) {
		return false
	}
	if !f.Status.IsNull() {
		status, sent := users.Status(i)
		if !sent || status == "" {
			return false
		}
		if active := strings.EqualFold(status, "active"); active != strings.EqualFold(f.Status.ValueString(), "active") {
			return false
		}
	}
	return true
}

func (d *workspaceUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *workspaceUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var f workspaceUserFilters
	readFilters(ctx, req, resp, map[string]any{"role": &f.Role, "email": &f.Email, "email_suffix": &f.EmailSuffix,
		"status": &f.Status})
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := l.WorkspaceUsers(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "workspace users", err)
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
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "users", len(selected), func(i int) workspaceUserModel {
		return cachedWorkspaceUserValue(users, selected[i])
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
