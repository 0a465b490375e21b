package provider

import (
	"context"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

var _ datasource.DataSourceWithConfigure = (*workspaceSettingsDataSource)(nil)

// NewWorkspaceSettingsDataSource is the openai_workspace_settings data source.
func NewWorkspaceSettingsDataSource() datasource.DataSource { return &workspaceSettingsDataSource{} }

type workspaceSettingsDataSource struct {
	data *providerData
}

type workspaceSettingsModel struct {
	OrganizationDataRetention types.String           `tfsdk:"organization_data_retention"`
	SpendLimit                *spendLimitModel       `tfsdk:"spend_limit"`
	AuditLogsReadable         types.Bool             `tfsdk:"audit_logs_readable"`
	AuditLogsError            types.String           `tfsdk:"audit_logs_error"`
	Certificates              []certificateModel     `tfsdk:"certificates"`
	Projects                  []projectSettingsModel `tfsdk:"projects"`
}

type spendLimitModel struct {
	ThresholdAmount   types.Int64  `tfsdk:"threshold_amount"`
	Currency          types.String `tfsdk:"currency"`
	Interval          types.String `tfsdk:"interval"`
	EnforcementStatus types.String `tfsdk:"enforcement_status"`
	Enforcing         types.Bool   `tfsdk:"enforcing"`
}

type certificateModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	Active          types.Bool   `tfsdk:"active"`
	CreatedAt       types.String `tfsdk:"created_at"`
	ValidAt         types.String `tfsdk:"valid_at"`
	ExpiresAt       types.String `tfsdk:"expires_at"`
	DaysUntilExpiry types.Int64  `tfsdk:"days_until_expiry"`
}

type projectSettingsModel struct {
	ID                    types.String           `tfsdk:"id"`
	Name                  types.String           `tfsdk:"name"`
	Status                types.String           `tfsdk:"status"`
	Archived              types.Bool             `tfsdk:"archived"`
	DataRetention         types.String           `tfsdk:"data_retention"`
	HostedToolPermissions map[string]types.Bool  `tfsdk:"hosted_tool_permissions"`
	ModelPermissions      *modelPermissionsModel `tfsdk:"model_permissions"`
}

type modelPermissionsModel struct {
	Mode     types.String   `tfsdk:"mode"`
	ModelIDs []types.String `tfsdk:"model_ids"`
}

func (d *workspaceSettingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace_settings"
}

func (d *workspaceSettingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The organization and project settings that the OpenAI APIs expose, read through the Admin API: " +
			"organization data retention, the spend limit and whether it is enforcing, whether the audit log is readable, " +
			"the mTLS certificates, and per project (archived ones included) its data retention, hosted tool permissions " +
			"and model permissions. Needs `admin_api_key`.\n\n" +
			"Values that cannot be read are never replaced by a default: a read error fails the data source, and the " +
			"attributes documented as null mean \"not configured\", as the API says.\n\n" +
			"**Controls no API exposes, to be reviewed by hand** (the provider does not invent them): SSO and SCIM " +
			"configuration, MFA enforcement, IP allowlists (only their audit events exist), organization profile settings " +
			"(name, threads and usage-dashboard visibility, API call logging), and every ChatGPT Enterprise workspace " +
			"setting: the Compliance API has no settings endpoint, so workspace GPT sharing policy, ChatGPT data " +
			"retention, connector enablement and workspace SSO are not readable. Per-GPT sharing is readable through " +
			"`openai_gpts`.",
		Attributes: map[string]schema.Attribute{
			"organization_data_retention": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Organization data retention mode (`GET /organization/data_retention`): " +
					"`zero_data_retention`, `modified_abuse_monitoring`, `enhanced_zero_data_retention`, " +
					"`enhanced_modified_abuse_monitoring` (the API may add values); null when no retention control is " +
					"configured (the API answers 404)."},
			"spend_limit": schema.SingleNestedAttribute{Computed: true,
				MarkdownDescription: "The organization spend limit (`GET /organization/spend_limit`); null when no spend limit is set (the API answers 404).",
				Attributes: map[string]schema.Attribute{
					"threshold_amount": schema.Int64Attribute{Computed: true, MarkdownDescription: "Limit in cents of `currency`; null when not sent."},
					"currency":         schema.StringAttribute{Computed: true, MarkdownDescription: "Currency, e.g. `USD`; null when not sent."},
					"interval":         schema.StringAttribute{Computed: true, MarkdownDescription: "Period of the limit, e.g. `month`; null when not sent."},
					"enforcement_status": schema.StringAttribute{Computed: true,
						MarkdownDescription: "`enforcing` or `inactive` as the API reports it (the API may add values); null when not sent."},
					"enforcing": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "True when `enforcement_status` is `enforcing`, false for any other status; null when the status is not sent."},
				},
			},
			"audit_logs_readable": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether `GET /organization/audit_logs` can be read with the configured admin key (probed with one " +
					"request for events from now on). False when the API answers 403 or 404: audit logging is off for the organization " +
					"or the key may not read it; the reason is in `audit_logs_error`. Any other failure is an error of the data source. " +
					"The `audit_logging` posture check reads the same answers the same way."},
			"audit_logs_error": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Why the audit log is not readable (the API's 403 or 404 error); null when it is readable."},
			"certificates": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The organization's mTLS certificates (`GET /organization/certificates`), in API order. The certificate content is never read.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Certificate id (`cert_...`)."},
					"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Certificate name; null when it has none."},
					"active":     schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the certificate is active; null when not sent."},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Upload time, RFC 3339."},
					"valid_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Start of validity, RFC 3339."},
					"expires_at": schema.StringAttribute{Computed: true, MarkdownDescription: "End of validity, RFC 3339."},
					"days_until_expiry": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "Whole days from the time of the plan to `expires_at`, rounded toward zero: 0 within a day either side of expiry, " +
							"negative once expired for a day or more (compare `expires_at` for exactness); null when `expires_at` is null."},
				}},
			},
			"projects": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "Per-project settings of every project, archived ones included, in project order. " +
					"Each project's settings are read concurrently (three requests per project).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":       schema.StringAttribute{Computed: true, MarkdownDescription: "Project id (`proj_...`)."},
					"name":     schema.StringAttribute{Computed: true, MarkdownDescription: "Project name."},
					"status":   schema.StringAttribute{Computed: true, MarkdownDescription: "`active` or `archived`; null when not sent."},
					"archived": schema.BoolAttribute{Computed: true, MarkdownDescription: "True when the project is archived."},
					"data_retention": schema.StringAttribute{Computed: true,
						MarkdownDescription: "Project data retention (`GET /organization/projects/{id}/data_retention`): " +
							"`organization_default` (inherits `organization_data_retention`), `none`, or a retention mode; null when not sent."},
					"hosted_tool_permissions": schema.MapAttribute{Computed: true, ElementType: types.BoolType,
						MarkdownDescription: "Hosted tool name (`file_search`, `web_search`, `image_generation`, `mcp`, `code_interpreter`, " +
							"and any tool the API adds) to whether the project enables it (`GET /organization/projects/{id}/hosted_tool_permissions`). " +
							"A tool sent without an `enabled` flag maps to null."},
					"model_permissions": schema.SingleNestedAttribute{Computed: true,
						MarkdownDescription: "The project's model allow or deny list (`GET /organization/projects/{id}/model_permissions`); " +
							"null when no list is configured (the API answers 404), which means every model is allowed.",
						Attributes: map[string]schema.Attribute{
							"mode": schema.StringAttribute{Computed: true, MarkdownDescription: "`allow_list` or `deny_list`; null when not sent."},
							"model_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
								MarkdownDescription: "The models allowed (allow list) or denied (deny list)."},
						},
					},
				}},
			},
		},
	}
}

func (d *workspaceSettingsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *workspaceSettingsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	l := loaderOf(d.data, &resp.Diagnostics)
	if l == nil {
		return
	}
	var model workspaceSettingsModel

	retention, err := l.OrganizationDataRetention(ctx)
	switch {
	case snapshot.SettingNotConfigured(err):
		model.OrganizationDataRetention = types.StringNull()
	case err != nil:
		addReadError(&resp.Diagnostics, "the organization data retention", err)
	default:
		model.OrganizationDataRetention = optString(retention.Type)
	}

	limit, err := l.SpendLimit(ctx)
	switch {
	case snapshot.SettingNotConfigured(err):
		model.SpendLimit = nil
	case err != nil:
		addReadError(&resp.Diagnostics, "the organization spend limit", err)
	default:
		model.SpendLimit = spendLimitValue(limit)
	}

	_, err = l.AuditLogProbe(ctx)
	switch {
	case err == nil:
		model.AuditLogsReadable, model.AuditLogsError = types.BoolValue(true), types.StringNull()
	case snapshot.AuditLogOff(err):
		model.AuditLogsReadable, model.AuditLogsError = types.BoolValue(false), types.StringValue(err.Error())
	default:
		addReadError(&resp.Diagnostics, "the audit log", err)
	}

	certs, err := l.Certificates(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "certificates", err)
	}
	now := time.Now()
	model.Certificates = make([]certificateModel, 0, len(certs))
	for _, c := range certs {
		model.Certificates = append(model.Certificates, certificateValue(c, now))
	}

	projects, err := l.Projects(ctx)
	if err != nil {
		addReadError(&resp.Diagnostics, "projects", err)
		return
	}
	model.Projects, err = forEachProject(ctx, projects, func(ctx context.Context, p openai.Project) (projectSettingsModel, error) {
		return projectSettings(ctx, l, p)
	})
	if err != nil {
		addReadError(&resp.Diagnostics, "project settings", err)
	}
	if resp.Diagnostics.HasError() {
		return // nothing partial
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

func spendLimitValue(s *openai.SpendLimit) *spendLimitModel {
	m := &spendLimitModel{
		ThresholdAmount:   types.Int64PointerValue(s.ThresholdAmount),
		Currency:          optString(s.Currency),
		Interval:          optString(s.Interval),
		EnforcementStatus: types.StringNull(),
		Enforcing:         types.BoolNull(),
	}
	if s.Enforcement != nil && s.Enforcement.Status != nil {
		m.EnforcementStatus = types.StringValue(*s.Enforcement.Status)
		m.Enforcing = types.BoolValue(*s.Enforcement.Status == "enforcing")
	}
	return m
}

func certificateValue(c openai.Certificate, now time.Time) certificateModel {
	m := certificateModel{
		ID:              types.StringValue(c.ID),
		Name:            optString(c.Name),
		Active:          types.BoolPointerValue(c.Active),
		CreatedAt:       timeString(c.CreatedAt),
		ValidAt:         timeString(c.CertificateDetails.ValidAt),
		ExpiresAt:       timeString(c.CertificateDetails.ExpiresAt),
		DaysUntilExpiry: types.Int64Null(),
	}
	if exp := c.CertificateDetails.ExpiresAt; exp.Valid {
		m.DaysUntilExpiry = types.Int64Value(int64(exp.Time.Sub(now) / (24 * time.Hour)))
	}
	return m
}

func projectSettings(ctx context.Context, l *snapshot.Loader, p openai.Project) (projectSettingsModel, error) {
	m := projectSettingsModel{
		ID:       types.StringValue(p.ID),
		Name:     optString(p.Name),
		Status:   optString(p.Status),
		Archived: types.BoolValue(snapshot.ProjectArchived(p)),
	}
	retention, err := l.ProjectDataRetention(ctx, p.ID)
	if err != nil {
		return m, err
	}
	m.DataRetention = optString(retention.Type)

	tools, err := l.ProjectHostedToolPermissions(ctx, p.ID)
	if err != nil {
		return m, err
	}
	names := make([]string, 0, len(tools.Tools))
	for name := range tools.Tools {
		names = append(names, name)
	}
	sort.Strings(names)
	m.HostedToolPermissions = make(map[string]types.Bool, len(names))
	for _, name := range names {
		m.HostedToolPermissions[name] = types.BoolPointerValue(tools.Tools[name].Enabled)
	}

	perms, err := l.ProjectModelPermissions(ctx, p.ID)
	switch {
	case snapshot.SettingNotConfigured(err):
		m.ModelPermissions = nil
	case err != nil:
		return m, err
	default:
		ids := make([]types.String, 0, len(perms.ModelIDs))
		for _, id := range perms.ModelIDs {
			ids = append(ids, types.StringValue(id))
		}
		m.ModelPermissions = &modelPermissionsModel{Mode: optString(perms.Mode), ModelIDs: ids}
	}
	return m, nil
}
