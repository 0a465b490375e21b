package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*projectAPIKeysDataSource)(nil)

// NewProjectAPIKeysDataSource is the openai_project_api_keys data source.
func NewProjectAPIKeysDataSource() datasource.DataSource { return &projectAPIKeysDataSource{} }

type projectAPIKeysDataSource struct {
	data *providerData
}

type projectAPIKeysModel struct {
	ProjectID  types.String      `tfsdk:"project_id"`
	ProjectIDs []types.String    `tfsdk:"project_ids"`
	Keys       []projectKeyModel `tfsdk:"keys"`
}

// projectKeyModel is apiKeyModel plus the project attributes of
// apiKeyAttributes(true).
type projectKeyModel struct {
	ID                 types.String  `tfsdk:"id"`
	Name               types.String  `tfsdk:"name"`
	RedactedValue      types.String  `tfsdk:"redacted_value"`
	CreatedAt          types.String  `tfsdk:"created_at"`
	LastUsedAt         types.String  `tfsdk:"last_used_at"`
	ExpiresAt          types.String  `tfsdk:"expires_at"`
	AgeDays            types.Int64   `tfsdk:"age_days"`
	DaysSinceLastUse   types.Int64   `tfsdk:"days_since_last_use"`
	Owner              keyOwnerModel `tfsdk:"owner"`
	ProjectID          types.String  `tfsdk:"project_id"`
	OwnerProjectAccess types.String  `tfsdk:"owner_project_access"`
}

func (d *projectAPIKeysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_api_keys"
}

func (d *projectAPIKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The API keys of every project of the organization, archived projects included, or of one " +
			"project (Admin API `GET /organization/projects/{project_id}/api_keys?owner_project_access=any`), with " +
			"their age and the days since last use computed against the time of the plan. Keys whose owner lost " +
			"access to the project are listed too (`owner_project_access = \"inactive\"`). Projects are read " +
			"concurrently, one listing per project; keys come in project order, then API order. " +
			"Only redacted values are ever shown. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only list the keys of this project (`proj_...`). An id that is not a project of " +
					"the organization is an error. Omit (with `project_ids`) to list the keys of every project.",
			},
			"project_ids": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only list the keys of these projects (`proj_...`), in the order the projects list returns " +
					"them; only their keys are requested. An id that is not a project of the organization is an error naming it. " +
					"Conflicts with `project_id`. The filter applies to this list only: `openai_posture_check` still reads " +
					"the keys of every project.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
					setvalidator.ConflictsWith(path.MatchRoot("project_id")),
				}},
			"keys": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The project API keys, ordered by project (as the projects list returns them), then as the API returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: apiKeyAttributes(true)},
			},
		},
	}
}

func (d *projectAPIKeysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *projectAPIKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	var model projectAPIKeysModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	l := loaderOf(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	projects, ok := selectProjects(ctx, l, model.ProjectID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	if model.ProjectIDs != nil {
		if projects, ok = keepProjects(projects, model.ProjectIDs, &resp.Diagnostics); !ok {
			return
		}
	}
	perProject, err := forEachProject(ctx, projects, func(ctx context.Context, p openai.Project) ([]openai.ProjectAPIKey, error) {
		return l.ProjectAPIKeys(ctx, p.ID)
	})
	if err != nil {
		addReadError(&resp.Diagnostics, "project API keys", err)
		return
	}
	now := time.Now()
	// Flatten to (project, key) positions; the state list is built from them.
	type at struct{ project, key int }
	var index []at
	for p, keys := range perProject {
		for k := range keys {
			index = append(index, at{p, k})
		}
	}
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "keys", len(index), func(i int) projectKeyModel {
		x := index[i]
		return projectKeyValue(projects[x.project].ID, perProject[x.project][x.key], now)
	})...)
}

// keepProjects narrows the projects list to the ids of project_ids, keeping
// the list's order. Every id must be a project of the organization: a typo
// would otherwise list no keys and read as "this project has none".
func keepProjects(projects []openai.Project, ids []types.String, diags *diag.Diagnostics) ([]openai.Project, bool) {
	wanted := make(map[string]bool, len(ids))
	for _, id := range ids {
		wanted[id.ValueString()] = true
	}
	var kept []openai.Project
	for _, p := range projects {
		if wanted[p.ID] {
			kept = append(kept, p)
			delete(wanted, p.ID)
		}
	}
	if len(wanted) > 0 {
		var missing []string
		for _, id := range ids { // configuration order, for a stable message
			if wanted[id.ValueString()] {
				missing = append(missing, fmt.Sprintf("%q", id.ValueString()))
			}
		}
		diags.AddAttributeError(path.Root("project_ids"), "Project not found",
			fmt.Sprintf("No project with id %s in the organization (archived projects included; %d projects listed).",
				strings.Join(missing, ", "), len(projects)))
		return nil, false
	}
	return kept, true
}

func projectKeyValue(projectID string, k openai.ProjectAPIKey, now time.Time) projectKeyModel {
	owner := keyOwnerModel{
		Type: types.StringValue(k.Owner.Type), ID: types.StringNull(), Name: types.StringNull(),
		Email: types.StringNull(), Role: types.StringNull(),
	}
	ref := k.Owner.User
	if k.Owner.Type == "service_account" || ref == nil {
		if k.Owner.ServiceAccount != nil {
			ref = k.Owner.ServiceAccount
		}
	}
	if ref != nil {
		owner.ID = types.StringValue(ref.ID)
		owner.Name = optString(ref.Name)
		owner.Email = optString(ref.Email)
		owner.Role = optString(ref.Role)
	}
	if k.ProjectID != "" {
		projectID = k.ProjectID
	}
	return projectKeyModel{
		ID:                 types.StringValue(k.ID),
		Name:               optString(k.Name),
		RedactedValue:      types.StringValue(k.RedactedValue),
		CreatedAt:          timeString(k.CreatedAt),
		LastUsedAt:         timeString(k.LastUsedAt),
		ExpiresAt:          types.StringNull(), // project keys have no expiry in the API
		AgeDays:            daysSince(k.CreatedAt, now),
		DaysSinceLastUse:   daysSince(k.LastUsedAt, now),
		Owner:              owner,
		ProjectID:          types.StringValue(projectID),
		OwnerProjectAccess: optString(k.OwnerProjectAccess),
	}
}
