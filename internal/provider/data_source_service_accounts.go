package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*serviceAccountsDataSource)(nil)

// NewServiceAccountsDataSource is the openai_service_accounts data source.
func NewServiceAccountsDataSource() datasource.DataSource { return &serviceAccountsDataSource{} }

type serviceAccountsDataSource struct {
	data *providerData
}

type serviceAccountsModel struct {
	ProjectID                 types.String          `tfsdk:"project_id"`
	ServiceAccounts           []serviceAccountModel `tfsdk:"service_accounts"`
	SkippedArchivedProjectIDs []types.String        `tfsdk:"skipped_archived_project_ids"`
}

type serviceAccountModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Role      types.String `tfsdk:"role"`
	CreatedAt types.String `tfsdk:"created_at"`
	ProjectID types.String `tfsdk:"project_id"`
}

func (d *serviceAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_accounts"
}

func (d *serviceAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The service accounts of every active project of the organization, or of one project " +
			"(Admin API `GET /organization/projects/{project_id}/service_accounts`), one listing per project, read " +
			"concurrently. **Archived projects are skipped**: the API answers 400 to this listing for an archived " +
			"project, so their service accounts cannot be read; the skipped projects are named in " +
			"`skipped_archived_project_ids` rather than silently dropped. Their API keys (with the owning service " +
			"account's id and name) are still listed by `openai_project_api_keys`. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only list the service accounts of this project (`proj_...`). An id that is not a " +
					"project of the organization is an error; an archived project gives an empty list and its id in " +
					"`skipped_archived_project_ids`.",
			},
			"service_accounts": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The service accounts, ordered by project, then as the API returns them.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Service account id (`svc_acct_...`)."},
					"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Service account name; null when not sent."},
					"role": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Project role: `owner`, `member` or `none` (the API may add values); null when not sent."},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339."},
					"project_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Project the service account belongs to."},
				}},
			},
			"skipped_archived_project_ids": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Archived projects whose service accounts were not listed, because the API does not " +
					"list service accounts of archived projects.",
			},
		},
	}
}

func (d *serviceAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *serviceAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var model serviceAccountsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	projects, ok := selectProjects(ctx, l, model.ProjectID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	model.SkippedArchivedProjectIDs = []types.String{}
	var active []openai.Project
	for _, p := range projects {
		if p.IsArchived() {
			model.SkippedArchivedProjectIDs = append(model.SkippedArchivedProjectIDs, types.StringValue(p.ID))
			continue
		}
		active = append(active, p)
	}
	perProject, err := forEachProject(ctx, active, func(ctx context.Context, p openai.Project) ([]openai.ProjectServiceAccount, error) {
		return l.ProjectServiceAccounts(ctx, p.ID)
	})
	if err != nil {
		addReadError(&resp.Diagnostics, "project service accounts", err)
		return
	}
	model.ServiceAccounts = []serviceAccountModel{}
	for i, sas := range perProject {
		for _, sa := range sas {
			model.ServiceAccounts = append(model.ServiceAccounts, serviceAccountModel{
				ID:        types.StringValue(sa.ID),
				Name:      optString(sa.Name),
				Role:      optString(sa.Role),
				CreatedAt: timeString(sa.CreatedAt),
				ProjectID: types.StringValue(active[i].ID),
			})
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
