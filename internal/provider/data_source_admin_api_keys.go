package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

var _ datasource.DataSourceWithConfigure = (*adminAPIKeysDataSource)(nil)

// NewAdminAPIKeysDataSource is the openai_admin_api_keys data source.
func NewAdminAPIKeysDataSource() datasource.DataSource { return &adminAPIKeysDataSource{} }

type adminAPIKeysDataSource struct {
	data *providerData
}

// apiKeyModel is one API key, admin or project. Nothing secret: the API only
// ever returns the redacted value of an existing key.
type apiKeyModel struct {
	ID               types.String  `tfsdk:"id"`
	Name             types.String  `tfsdk:"name"`
	RedactedValue    types.String  `tfsdk:"redacted_value"`
	CreatedAt        types.String  `tfsdk:"created_at"`
	LastUsedAt       types.String  `tfsdk:"last_used_at"`
	ExpiresAt        types.String  `tfsdk:"expires_at"`
	AgeDays          types.Int64   `tfsdk:"age_days"`
	DaysSinceLastUse types.Int64   `tfsdk:"days_since_last_use"`
	Owner            keyOwnerModel `tfsdk:"owner"`
}

type keyOwnerModel struct {
	Type  types.String `tfsdk:"type"`
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	Email types.String `tfsdk:"email"`
	Role  types.String `tfsdk:"role"`
}

func (d *adminAPIKeysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_admin_api_keys"
}

func (d *adminAPIKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every admin API key of the organization (Admin API " +
			"`GET /organization/admin_api_keys`), with its age and the days since it was last used, " +
			"computed against the time of the plan. Needs `admin_api_key`.",
		Attributes: map[string]schema.Attribute{
			"keys": schema.ListNestedAttribute{
				MarkdownDescription: "The admin API keys, in the order the API returns them (oldest first).",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: apiKeyAttributes(false)},
			},
		},
	}
}

// apiKeyAttributes is the schema of apiKeyModel; project keys add
// projectOnly attributes.
func apiKeyAttributes(project bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":             schema.StringAttribute{Computed: true, MarkdownDescription: "Key id (`key_...`)."},
		"name":           schema.StringAttribute{Computed: true, MarkdownDescription: "Key name; null when the key has none."},
		"redacted_value": schema.StringAttribute{Computed: true, MarkdownDescription: "The redacted key as the API shows it (`sk-...abc`); the key itself is never readable."},
		"created_at":     schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339."},
		"last_used_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Last use, RFC 3339; null when never used."},
		"expires_at":     schema.StringAttribute{Computed: true, MarkdownDescription: "Expiry, RFC 3339; null when the key never expires (or for project keys, which have no expiry)."},
		"age_days":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Whole days since creation."},
		"days_since_last_use": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Whole days since last use; null when never used."},
		"owner": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Who owns the key.",
			Attributes: map[string]schema.Attribute{
				"type":  schema.StringAttribute{Computed: true, MarkdownDescription: "`user` or `service_account`."},
				"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Owner id."},
				"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "Owner name."},
				"email": schema.StringAttribute{Computed: true, MarkdownDescription: "Owner email; null for service accounts and when the API does not send it."},
				"role":  schema.StringAttribute{Computed: true, MarkdownDescription: "Owner role (`owner`, `member`, ...)."},
			},
		},
	}
	if project {
		attrs["project_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Project the key belongs to."}
		attrs["owner_project_access"] = schema.StringAttribute{Computed: true,
			MarkdownDescription: "`active` when the owner still has access to the project, `inactive` when not; null when the API does not say."}
	}
	return attrs
}

func (d *adminAPIKeysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configureSnapshot(req, resp)
}

func (d *adminAPIKeysDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.data.configured(&resp.Diagnostics) {
		return
	}
	keys, err := d.data.snapshot.AdminAPIKeys(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to list admin API keys", err.Error())
		return
	}
	now := time.Now()
	resp.Diagnostics.Append(setListState(ctx, &resp.State, "keys", len(keys), func(i int) apiKeyModel {
		return adminKeyModel(keys[i], now)
	})...)
}

func adminKeyModel(k openai.AdminAPIKey, now time.Time) apiKeyModel {
	return apiKeyModel{
		ID:               types.StringValue(k.ID),
		Name:             optString(k.Name),
		RedactedValue:    types.StringValue(k.RedactedValue),
		CreatedAt:        timeString(k.CreatedAt),
		LastUsedAt:       timeString(k.LastUsedAt),
		ExpiresAt:        timeString(k.ExpiresAt),
		AgeDays:          daysSince(k.CreatedAt, now),
		DaysSinceLastUse: daysSince(k.LastUsedAt, now),
		Owner: keyOwnerModel{
			Type:  types.StringValue(k.Owner.Type),
			ID:    types.StringValue(k.Owner.ID),
			Name:  types.StringValue(k.Owner.Name),
			Email: types.StringNull(), // the Admin API does not send the owner's email
			Role:  types.StringValue(k.Owner.Role),
		},
	}
}
