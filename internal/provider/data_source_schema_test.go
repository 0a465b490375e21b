package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// TestDataSourceSchemasDocumented: docs are generated from the schema, so
// every data source and every attribute, nested ones included, carries a
// MarkdownDescription, and each schema passes the framework's own checks.
func TestDataSourceSchemasDocumented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, newDS := range (&openaiProvider{}).DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "openai"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", meta.TypeName)
		}
		checkDocumented(t, meta.TypeName, resp.Schema.Attributes)
	}
}

func checkDocumented(t *testing.T, prefix string, attrs map[string]schema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		p := prefix + "." + name
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", p)
		}
		switch n := a.(type) {
		case schema.ListNestedAttribute:
			checkDocumented(t, p, n.NestedObject.Attributes)
		case schema.SingleNestedAttribute:
			checkDocumented(t, p, n.Attributes)
		}
	}
}
