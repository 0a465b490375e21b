package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)

// NewProjectsDataSource is the openai_projects data source.
func NewProjectsDataSource() datasource.DataSource { return &projectsDataSource{} }

type projectsDataSource struct {
	data *providerData
}

type projectModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Status        types.String `tfsdk:"status"`
	Archived      types.Bool   `tfsdk:"archived"`
	CreatedAt     types.String `tfsdk:"created_at"`
	ArchivedAt    types.String `tfsdk:"archived_at"`
	Residency     types.String `tfsdk:"residency"`
	ExternalKeyID types.String `tfsdk:"external_key_id"`
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every API project of the organization, archived ones included (Admin API " +
			"`GET /organization/projects?include_archived=true`), all pages. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"projects": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The projects, in API order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: projectAttributes()},
			},
		},
	}
}

func projectAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Project id (`proj_...`)."},
		"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Project name; null when not sent."},
		"status": schema.StringAttribute{Computed: true,
			MarkdownDescription: "`active` or `archived` (the API may add values); null when not sent."},
		"archived": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "True when the project is archived, by `status` or by `archived_at`."},
		"created_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339."},
		"archived_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Archival time, RFC 3339; null unless archived."},
		"residency": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Data residency region (e.g. `US_STORAGE_PROCESSING`); null when the API does not send one."},
		"external_key_id": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Id of the customer-managed encryption key, if any; null otherwise."},
	}
}

func (d *projectsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *projectsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	projects, err := l.Projects(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "projects", err)
		return
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "projects", len(projects), func(i int) projectModel {
		return projectValue(projects[i])
	})...)
}

func projectValue(p openai.Project) projectModel {
	return projectModel{
		ID:            types.StringValue(p.ID),
		Name:          optString(p.Name),
		Status:        optString(p.Status),
		Archived:      types.BoolValue(p.IsArchived()),
		CreatedAt:     timeString(p.CreatedAt),
		ArchivedAt:    timeString(p.ArchivedAt),
		Residency:     optString(p.Residency),
		ExternalKeyID: optString(p.ExternalKeyID),
	}
}
