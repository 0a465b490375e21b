package provider

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// TestFindingModelOneSource: the schemas, the object types and the values of
// both finding shapes come from the same structs, so they cannot drift.
func TestFindingModelOneSource(t *testing.T) {
	keys := func(m map[string]bool) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	resourceSchema, resourceType := map[string]bool{}, map[string]bool{}
	for k := range resourceFindingAttributes() {
		resourceSchema[k] = true
	}
	for k := range checkFindingType.AttrTypes {
		resourceType[k] = true
	}
	if keys(resourceSchema) != keys(resourceType) {
		t.Errorf("resource findings: schema %s, type %s", keys(resourceSchema), keys(resourceType))
	}
	reportSchema, reportType := map[string]bool{}, map[string]bool{}
	for k := range dataSourceFindingAttributes() {
		reportSchema[k] = true
	}
	for k := range reportFindingType.AttrTypes {
		reportType[k] = true
	}
	if keys(reportSchema) != keys(reportType) {
		t.Errorf("data source findings: schema %s, type %s", keys(reportSchema), keys(reportType))
	}
	// Both shapes share every common attribute.
	for k := range resourceType {
		if k != "first_seen" && !reportType[k] {
			t.Errorf("attribute %s is on the resource's findings only", k)
		}
	}
	for k := range reportType {
		if k != "check" && k != "remediation" && !resourceType[k] {
			t.Errorf("attribute %s is on the data source's findings only", k)
		}
	}

	f := posture.Finding{
		CheckID: "admin_key_rotation", Severity: posture.Severity("high"), SubjectKind: "admin_api_key",
		SubjectID: "key_1", SubjectName: "ci", Observed: "400 days old", Allowed: "at most 90 days old",
		Remediation: "rotate", Waived: true, WaiverJustification: "vendor", WaiverExpires: "2026-12-31",
		Fingerprint: "fp",
	}
	ctx := context.Background()
	list, diags := reportFindingsList([]reportFindingModel{newReportFinding(f)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	obj := list.Elements()[0].(types.Object).Attributes()
	for name, want := range map[string]string{
		"check": `"admin_key_rotation"`, "subject_id": `"key_1"`, "subject_name": `"ci"`, "severity": `"high"`,
		"remediation": `"rotate"`, "waived": "true", "waiver_expires": `"2026-12-31"`, "waiver_expired": "false", "fingerprint": `"fp"`,
	} {
		if got := obj[name].String(); got != want {
			t.Errorf("report finding %s = %s, want %s", name, got, want)
		}
	}
	clist, diags := checkFindingsList(ctx, []checkFindingModel{newCheckFinding(f, types.StringUnknown())})
	if diags.HasError() {
		t.Fatal(diags)
	}
	cobj := clist.Elements()[0].(types.Object).Attributes()
	if !cobj["first_seen"].IsUnknown() || cobj["observed"].String() != `"400 days old"` {
		t.Errorf("check finding: %v", cobj)
	}
	// first_seen survives the round trip through state.
	resolved, diags := resolveFirstSeen(ctx, clist, mustTime(t, "2026-12-01T10:00:00Z"))
	if diags.HasError() {
		t.Fatal(diags)
	}
	seen, _ := firstSeenByFingerprint(ctx, resolved)
	if seen["fp"].ValueString() != "2026-12-01T10:00:00Z" {
		t.Errorf("first_seen after recording: %v", seen)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
