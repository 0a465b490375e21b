package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// emptyState is a data source's state before Read: the configuration (every
// attribute null here) in the schema of d.
func emptyState(t *testing.T, d datasource.DataSource) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	var sr datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &sr)
	if sr.Diagnostics.HasError() {
		t.Fatal(sr.Diagnostics)
	}
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	return tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
}

// setListState must store exactly what State.Set stores for the same model
// values, nulls and the nested-account fallback included.
func TestSetListStateMatchesStateSet(t *testing.T) {
	ctx := context.Background()
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ts := openai.Timestamp{Time: now.Add(-50 * time.Hour), Valid: true}
	users := []openai.User{
		{ID: "user-a", Name: s("A"), Email: s("a@example.com"), Role: s("owner"), AddedAt: ts, IsSCIMManaged: b(true),
			IsServiceAccount: b(false), APIKeyLastUsedAt: ts},
		{ID: "user-b"}, // every optional field absent: nulls
		{ID: "user-c", User: &openai.UserAccount{Name: s("C"), Email: s("c@example.com")}},
	}
	cachedUsers := snapshot.AppendOrgUsers(snapshot.OrgUsers{}, users)
	items := make([]orgUserModel, len(users))
	for i := range users {
		items[i] = orgUserValue(cachedUsers, i, now)
	}

	want := emptyState(t, NewUsersDataSource())
	if d := want.Set(ctx, &struct {
		orgUserFilters
		Users []orgUserModel `tfsdk:"users"`
	}{orgUserFilters{Role: types.StringNull(), Email: types.StringNull(), EmailSuffix: types.StringNull(),
		IsSCIMManaged: types.BoolNull()}, items}); d.HasError() {
		t.Fatal(d)
	}
	got := emptyState(t, NewUsersDataSource())
	if d := setListState(ctx, &got, "users", len(items), func(i int) orgUserModel { return items[i] }); d.HasError() {
		t.Fatal(d)
	}
	if !got.Raw.Equal(want.Raw) {
		t.Fatalf("setListState stored\n%s\nState.Set stores\n%s", got.Raw, want.Raw)
	}

	empty := emptyState(t, NewUsersDataSource())
	if d := setListState(ctx, &empty, "users", 0, func(int) orgUserModel { return orgUserModel{} }); d.HasError() {
		t.Fatal(d)
	}
	var top map[string]tftypes.Value
	if err := empty.Raw.As(&top); err != nil || top["users"].IsNull() {
		t.Fatalf("no users must be an empty list, not null: %v %v", top["users"], err)
	}
}

// A model that does not cover the schema is a provider bug reported as an
// error, never a panic or a state with attributes missing.
func TestSetListStateRefusesAModelThatDoesNotFitTheSchema(t *testing.T) {
	ctx := context.Background()
	type short struct {
		ID types.String `tfsdk:"id"`
	}
	st := emptyState(t, NewUsersDataSource())
	d := setListState(ctx, &st, "users", 1, func(int) short { return short{ID: types.StringValue("x")} })
	if !d.HasError() || !strings.Contains(d[0].Detail(), "has no field for attribute") {
		t.Fatalf("want an error naming the missing attribute, got %v", d)
	}
	d = setListState(ctx, &st, "nope", 1, func(int) orgUserModel { return orgUserModel{} })
	if !d.HasError() || !strings.Contains(d[0].Detail(), `"nope" is not a list`) {
		t.Fatalf("want an error naming the attribute, got %v", d)
	}
}

// equalToStateSet checks that setListState stores for items exactly what
// State.Set stores for model (the same items in a model struct of d).
func equalToStateSet[M any](t *testing.T, d datasource.DataSource, name string, model any, items []M) {
	t.Helper()
	ctx := context.Background()
	want := emptyState(t, d)
	if diags := want.Set(ctx, model); diags.HasError() {
		t.Fatal(diags)
	}
	got := emptyState(t, d)
	if diags := setListState(ctx, &got, name, len(items), func(i int) M { return items[i] }); diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Raw.Equal(want.Raw) {
		t.Fatalf("setListState stored\n%s\nState.Set stores\n%s", got.Raw, want.Raw)
	}
}

// Nested objects, null nested objects (nil pointers), lists of objects and of
// strings, empty and null lists: the same as State.Set.
func TestSetListStateMatchesStateSetForNestedModels(t *testing.T) {
	s := func(v string) *string { return &v }
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ts := openai.Timestamp{Time: now.Add(-400 * time.Hour), Valid: true}

	admin := []apiKeyModel{
		adminKeyModel(openai.AdminAPIKey{ID: "key_a", Name: s("a"), CreatedAt: ts, LastUsedAt: ts,
			Owner: openai.AdminKeyOwner{Type: "user", ID: "user-a", Name: "A"}}, now),
		adminKeyModel(openai.AdminAPIKey{ID: "key_b"}, now),
	}
	equalToStateSet(t, NewAdminAPIKeysDataSource(), "keys", &struct {
		Keys []apiKeyModel `tfsdk:"keys"`
	}{admin}, admin)

	project := []projectKeyModel{
		projectKeyValue("proj_1", openai.ProjectAPIKey{ID: "key_p", Name: s("p"), CreatedAt: ts, OwnerProjectAccess: s("active"),
			Owner: openai.ProjectAPIKeyOwner{Type: "service_account", ServiceAccount: &openai.ProjectAPIKeyOwnerRef{ID: "svc_1"}}}, now),
		projectKeyValue("proj_2", openai.ProjectAPIKey{ID: "key_q"}, now),
	}
	equalToStateSet(t, NewProjectAPIKeysDataSource(), "keys", &projectAPIKeysModel{ProjectID: types.StringNull(), Keys: project}, project)

	null := types.StringNull()
	gpts := []gptModel{
		{ID: types.StringValue("g-1"), CreatedAt: types.StringValue("2026-01-01T00:00:00Z"), OwnerID: null, OwnerEmail: null,
			BuilderName: null, Visibility: types.StringValue("workspace"), ConfigVersions: types.Int64Value(2),
			Permissions: &gptPermissionsModel{CanRead: types.BoolValue(true), CanViewConfig: types.BoolNull(), CanWrite: types.BoolValue(false)},
			Recipients:  []gptRecipientModel{{ID: types.StringValue("u"), Email: null, CanRead: types.BoolValue(true), CanViewConfig: types.BoolNull(), CanWrite: types.BoolNull()}},
			LatestConfig: &gptConfigModel{ID: types.StringValue("c"), Name: null, Description: types.StringValue("d"), CreatedAt: null,
				Tools:              []gptToolModel{{Type: types.StringValue("action"), ActionDomain: types.StringValue("x.example"), AuthType: null}},
				KnowledgeFileNames: []types.String{types.StringValue("f.pdf")}}},
		{ID: types.StringValue("g-2"), CreatedAt: null, OwnerID: null, OwnerEmail: null, BuilderName: null, Visibility: null,
			ConfigVersions: types.Int64Null(), Recipients: []gptRecipientModel{},
			LatestConfig: &gptConfigModel{ID: types.StringValue("c2"), Name: null, Description: null, CreatedAt: null,
				Tools: []gptToolModel{}, KnowledgeFileNames: []types.String{}}},
		{ID: types.StringValue("g-3"), CreatedAt: null, OwnerID: null, OwnerEmail: null, BuilderName: null, Visibility: null,
			ConfigVersions: types.Int64Null()}, // no sharing, no config: null object, null list
	}
	equalToStateSet(t, NewGPTsDataSource(), "gpts", &struct {
		agentFilters
		GPTs []gptModel `tfsdk:"gpts"`
	}{agentFilters{Visibility: null, OwnerEmail: null, ToolType: null, IncludeConfigVersions: types.BoolNull()}, gpts}, gpts)

	ws := []workspaceUserModel{workspaceUserValue(openai.WorkspaceUser{ID: "user-w", Email: s("w@example.com"), CreatedAt: ts}),
		workspaceUserValue(openai.WorkspaceUser{ID: "user-x"})}
	equalToStateSet(t, NewWorkspaceUsersDataSource(), "users", &struct {
		workspaceUserFilters
		Users []workspaceUserModel `tfsdk:"users"`
	}{workspaceUserFilters{Role: null, Email: null, EmailSuffix: null, Status: null}, ws}, ws)
}
