package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

// NewUserDataSource is the openai_user data source.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct {
	data *providerData
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One member of the API organization, by `id` or by `email`, found in the organization " +
			"users list (Admin API `GET /organization/users`, shared with `openai_users` in the same plan). " +
			"A user that is not in the organization is an error. Needs `admin_api_key`.",
		Attributes: orgUserAttributes(true),
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email")),
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var config orgUserModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	users, err := l.Users(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "organization users", err)
		return
	}
	id, email := config.ID.ValueString(), config.Email.ValueString()
	found := -1
	for i, u := range users.Engine {
		shown, _ := users.Email(i)
		if (id != "" && u.ID == id) || (email != "" && strings.EqualFold(shown, email)) {
			found = i
			break
		}
	}
	if found < 0 {
		attr, what := path.Root("id"), "id "+fmt.Sprintf("%q", id)
		if id == "" {
			attr, what = path.Root("email"), "email "+fmt.Sprintf("%q", email)
		}
		resp.Diagnostics.AddAttributeError(attr, "User not found",
			fmt.Sprintf("No member of the organization has %s (%d users listed by GET /organization/users). "+
				"Pending invitees are not users yet: see openai_invites.", what, len(users.Engine)))
		return
	}
	model := orgUserValue(users, found, time.Now())
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
