package posture

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func ocsfSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(ocsfExcerptPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://schema.ocsf.io/" + OCSFSchemaVersion + "/classes/compliance_finding"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func ocsfSampleEvents(t *testing.T) ([]byte, []map[string]any) {
	t.Helper()
	res := sampleResult()
	res.GeneratedAt = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	out, err := OCSFFindings(res, OCSFMeta{Version: "1.2.3", TenantUID: "org-sim"})
	if err != nil {
		t.Fatal(err)
	}
	var events []map[string]any
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatal(err)
	}
	return out, events
}

func TestOCSFValidatesAgainstSchema(t *testing.T) {
	sch := ocsfSchema(t)
	out, events := ocsfSampleEvents(t)
	var raw []json.RawMessage
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatal(err)
	}
	for i, ev := range raw {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(ev))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("event %d (%v) does not validate against OCSF %s: %v", i, events[i]["finding_info"], OCSFSchemaVersion, err)
		}
	}
	// The check is only as good as the schema: it must reject a broken event.
	for name, mutate := range map[string]func(map[string]any){
		"severity_id out of range": func(e map[string]any) { e["severity_id"] = 7 },
		"no finding uid":           func(e map[string]any) { delete(e["finding_info"].(map[string]any), "uid") },
		"wrong class":              func(e map[string]any) { e["class_uid"] = 2001 },
		"unknown attribute":        func(e map[string]any) { e["org"] = "x" },
		"time as a string":         func(e map[string]any) { e["time"] = "2026-03-04" },
		"resource without id":      func(e map[string]any) { e["resources"] = []any{map[string]any{"type": "gpt"}} },
		"no metadata version":      func(e map[string]any) { delete(e["metadata"].(map[string]any), "version") },
		"check with a bad status": func(e map[string]any) {
			e["compliance"].(map[string]any)["checks"].([]any)[0].(map[string]any)["status_id"] = 7
		},
		"check with an unknown attribute": func(e map[string]any) {
			e["compliance"].(map[string]any)["checks"].([]any)[0].(map[string]any)["tag"] = "x"
		},
	} {
		var e map[string]any
		_ = json.Unmarshal(raw[0], &e)
		mutate(e)
		b, _ := json.Marshal(e)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if sch.Validate(inst) == nil {
			t.Errorf("the OCSF schema accepted an event with %s", name)
		}
	}
}

func TestOCSFContent(t *testing.T) {
	_, events := ocsfSampleEvents(t)
	res := sampleResult()
	wantEvents := 0
	for _, rr := range res.Rules {
		wantEvents += len(rr.Findings)
		if len(rr.Errors) > 0 {
			wantEvents++
		}
	}
	if len(events) != wantEvents {
		t.Fatalf("%d events, want %d (one per finding, one per rule not evaluated)", len(events), wantEvents)
	}
	byUID := map[string]map[string]any{} // by fingerprint
	for _, e := range events {
		fp, _ := e["unmapped"].(map[string]any)["fingerprint"].(string)
		if uid := e["finding_info"].(map[string]any)["uid"]; uid != ocsfUID("org-sim", fp) {
			t.Errorf("finding uid %v is not the fingerprint %s mixed with the tenant", uid, fp)
		}
		byUID[fp] = e
		if e["class_uid"] != 2003.0 || e["category_uid"] != 2.0 || e["type_uid"] != 200301.0 || e["activity_id"] != 1.0 {
			t.Errorf("classification: %v %v %v %v", e["class_uid"], e["category_uid"], e["type_uid"], e["activity_id"])
		}
		if e["time"] != float64(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC).UnixMilli()) {
			t.Errorf("time = %v", e["time"])
		}
		md := e["metadata"].(map[string]any)
		prod := md["product"].(map[string]any)
		if md["version"] != OCSFSchemaVersion || prod["version"] != "1.2.3" || prod["vendor_name"] != "openai-posture" || md["tenant_uid"] != "org-sim" {
			t.Errorf("metadata = %v", md)
		}
	}
	for _, f := range res.Findings() {
		e, ok := byUID[f.Fingerprint]
		if !ok {
			t.Fatalf("no event with fingerprint %s (%s %s)", f.Fingerprint, f.CheckID, f.SubjectID)
		}
		comp := e["compliance"].(map[string]any)
		if comp["control"] != f.CheckID || comp["status_id"] != 3.0 {
			t.Errorf("%s: compliance = %v", f.SubjectID, comp)
		}
		r := e["resources"].([]any)[0].(map[string]any)
		if r["uid"] != f.SubjectID || r["type"] != f.SubjectKind {
			t.Errorf("%s: resource = %v", f.SubjectID, r)
		}
		if want, _ := ocsfSeverity(f.Severity); e["severity_id"] != float64(want) {
			t.Errorf("%s: severity_id = %v for %s", f.SubjectID, e["severity_id"], f.Severity)
		}
		detail, _ := e["status_detail"].(string)
		switch {
		case f.Waived:
			waiver := e["unmapped"].(map[string]any)["waiver"].(map[string]any)
			if e["status_id"] != 3.0 || e["status"] != "Suppressed" || !strings.Contains(detail, "decommissioned in Q3") ||
				!strings.Contains(detail, "2026-09-30") || waiver["expires"] != "2026-09-30" {
				t.Errorf("waived finding: status %v %v, detail %q, waiver %v", e["status_id"], e["status"], detail, waiver)
			}
		case f.WaiverExpired:
			if e["status_id"] != 1.0 || !strings.Contains(detail, "expired") {
				t.Errorf("expired waiver: status %v, detail %q", e["status_id"], detail)
			}
		default:
			if e["status_id"] != 1.0 || e["status"] != "New" {
				t.Errorf("unwaived finding: status %v %v", e["status_id"], e["status"])
			}
		}
	}
	// The unreadable rule is an event too: the SIEM sees that it did not run.
	e, ok := byUID[Fingerprint("certificate_expiry", "", "not-evaluated")]
	if !ok {
		t.Fatal("no event for the rule that could not be evaluated")
	}
	comp := e["compliance"].(map[string]any)
	if comp["status_id"] != 2.0 || !strings.Contains(comp["status_details"].([]any)[0].(string), "HTTP 500") {
		t.Errorf("not evaluated: compliance = %v", comp)
	}
}

func TestOCSFSeverityMapping(t *testing.T) {
	for sev, want := range map[Severity]int{SeverityCritical: 5, SeverityHigh: 4, SeverityMedium: 3, SeverityLow: 2, "bogus": 4} {
		if got, _ := ocsfSeverity(sev); got != want {
			t.Errorf("ocsfSeverity(%q) = %d, want %d", sev, got, want)
		}
	}
}

func TestOCSFEmptyAndUntimed(t *testing.T) {
	out, err := OCSFFindings(Result{GeneratedAt: time.Unix(0, 1)}, OCSFMeta{})
	if err != nil || strings.TrimSpace(string(out)) != "[]" {
		t.Errorf("no findings: %q, %v (want an empty array)", out, err)
	}
	if _, err := OCSFFindings(Result{}, OCSFMeta{}); err == nil || !strings.Contains(err.Error(), "GeneratedAt") {
		t.Errorf("a result without a time rendered: %v", err)
	}
}

// TestOCSFUIDsDifferAcrossTenants: two organizations with the same findings
// (an org-level finding's subject id is "organization" in every org, and a
// not-evaluated event has no subject) get disjoint finding uids, each stable
// for its tenant, and each says its tenant; the fingerprint is unchanged.
func TestOCSFUIDsDifferAcrossTenants(t *testing.T) {
	res := sampleResult()
	res.GeneratedAt = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	res.Rules = append(res.Rules, RuleResult{CheckID: "spend_limit", Severity: SeverityHigh, Findings: []Finding{{
		CheckID: "spend_limit", Severity: SeverityHigh, SubjectKind: "organization", SubjectID: "organization",
		Fingerprint: Fingerprint("spend_limit", "organization", ""),
	}}})
	uids := func(tenant string) map[string]bool {
		out, err := OCSFFindings(res, OCSFMeta{Version: "1.2.3", TenantUID: tenant})
		if err != nil {
			t.Fatal(err)
		}
		var events []struct {
			FindingInfo struct{ UID string } `json:"finding_info"`
			Metadata    struct {
				TenantUID string `json:"tenant_uid"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(out, &events); err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, e := range events {
			if e.Metadata.TenantUID != tenant {
				t.Errorf("tenant_uid = %q, want %q", e.Metadata.TenantUID, tenant)
			}
			set[e.FindingInfo.UID] = true
		}
		if len(set) != len(events) {
			t.Errorf("tenant %s: %d events, %d distinct uids", tenant, len(events), len(set))
		}
		return set
	}
	a, b := uids("org-AAAA"), uids("org-BBBB")
	for uid := range a {
		if b[uid] {
			t.Errorf("finding uid %s is the same in two organizations", uid)
		}
	}
	for uid := range uids("org-AAAA") {
		if !a[uid] {
			t.Errorf("finding uid %s is not stable for one organization", uid)
		}
	}
	if f := res.Rules[len(res.Rules)-1].Findings[0]; f.Fingerprint != Fingerprint("spend_limit", "organization", "") {
		t.Error("the fingerprint (the state key) changed")
	}
}
