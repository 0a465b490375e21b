package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// TestFindingsListMatchesTheFramework: the list built field by field equals
// the one types.ListValueFrom builds by reflection, for both finding shapes,
// with null, empty and set values, and for an empty list.
func TestFindingsListMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	fs := []posture.Finding{
		{CheckID: "gpt_public_link", Severity: "high", SubjectKind: "gpt", SubjectID: "g-1", SubjectName: "Press kit", Observed: "anyone with the link", Allowed: "workspace", Fingerprint: posture.Fingerprint("gpt_public_link", "g-1", "")},
		{CheckID: "owner_count", SubjectID: "organization", SubKey: "owners:3", Waived: true, WaiverJustification: "SEC-1", WaiverExpires: "2026-12-31"},
		{},
	}
	var checks []checkFindingModel
	var reports []reportFindingModel
	for i, f := range fs {
		m := checkFindingModel{findingModel: newFindingModel(f), FirstSeen: types.StringNull()}
		if i == 0 {
			m.FirstSeen = types.StringValue("2026-11-30T00:00:00Z")
		}
		checks = append(checks, m)
		reports = append(reports, reportFindingModel{Check: types.StringValue(f.CheckID), findingModel: newFindingModel(f), Remediation: types.StringValue("fix it")})
	}
	for _, tc := range []struct {
		name      string
		got, want func() (types.List, bool)
	}{
		{"check findings", func() (types.List, bool) { l, d := checkFindingsList(ctx, checks); return l, d.HasError() },
			func() (types.List, bool) {
				l, d := types.ListValueFrom(ctx, checkFindingType, checks)
				return l, d.HasError()
			}},
		{"report findings", func() (types.List, bool) { l, d := reportFindingsList(reports); return l, d.HasError() },
			func() (types.List, bool) {
				l, d := types.ListValueFrom(ctx, reportFindingType, reports)
				return l, d.HasError()
			}},
		{"no check findings", func() (types.List, bool) { l, d := checkFindingsList(ctx, nil); return l, d.HasError() },
			func() (types.List, bool) {
				l, d := types.ListValueFrom(ctx, checkFindingType, []checkFindingModel{})
				return l, d.HasError()
			}},
	} {
		got, gotErr := tc.got()
		want, wantErr := tc.want()
		if gotErr || wantErr {
			t.Fatalf("%s: diagnostics (got %v, want %v)", tc.name, gotErr, wantErr)
		}
		if !got.Equal(want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, got, want)
		}
	}
}

// reportFindingsList is findingsList for the data source's findings, which
// production builds with setListState (TestReportFindingsThroughSetListState).
func reportFindingsList(fs []reportFindingModel) (types.List, diag.Diagnostics) {
	return findingsList(layoutOf(reflect.TypeFor[reportFindingModel]()), reportFindingType, fs)
}

// The data source's findings, set by setListState from a model with an
// embedded struct, are the list types.ListValueFrom builds.
func TestReportFindingsThroughSetListState(t *testing.T) {
	ctx := context.Background()
	reports := []reportFindingModel{
		newReportFinding(posture.Finding{CheckID: "gpt_public_link", Severity: "high", SubjectKind: "gpt", SubjectID: "g-1",
			SubjectName: "Press \x1b kit", Observed: "anyone", Allowed: "workspace", Fingerprint: "fp1", Remediation: "unshare"}),
		newReportFinding(posture.Finding{CheckID: "owner_count", SubjectID: "organization", Waived: true,
			WaiverJustification: "SEC-1", WaiverExpires: "2026-12-31"}),
		{Check: types.StringNull(), findingModel: newFindingModel(posture.Finding{}), Remediation: types.StringNull()},
	}
	want, d := types.ListValueFrom(ctx, reportFindingType, reports)
	if d.HasError() {
		t.Fatal(d)
	}
	st := emptyState(t, newPostureFindingsDataSource(runEnv{}))
	if d := setListState(ctx, &st, "findings", len(reports), func(i int) reportFindingModel { return reports[i] }); d.HasError() {
		t.Fatal(d)
	}
	var got types.List
	if d := st.GetAttribute(ctx, path.Root("findings"), &got); d.HasError() {
		t.Fatal(d)
	}
	if !got.Equal(want) {
		t.Fatalf("setListState stored\n%v\nListValueFrom builds\n%v", got, want)
	}
}
