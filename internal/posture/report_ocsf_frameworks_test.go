package posture

import (
	"strings"
	"testing"
)

// Every event carries its check's framework tags where OCSF 1.8.0 defines
// them: each framework's title in compliance.standards, each tag with its
// control title in compliance.requirements, and one compliance.checks entry
// per control (uid, name, standards, and the event's compliance status). The
// sample events, tags included, validate against the schema excerpt
// (TestOCSFValidatesAgainstSchema).
func TestOCSFCarriesFrameworkTags(t *testing.T) {
	_, events := ocsfSampleEvents(t)
	if len(events) == 0 {
		t.Fatal("no events")
	}
	for _, e := range events {
		comp := e["compliance"].(map[string]any)
		checkID := comp["control"].(string)
		tags := CheckControls(checkID)
		if len(tags) == 0 {
			t.Fatalf("%s has no tags: the test would prove nothing", checkID)
		}
		standards := strings.Join(anyStrings(comp["standards"]), "\n")
		requirements := anyStrings(comp["requirements"])
		checks, _ := comp["checks"].([]any)
		if len(checks) != len(tags) {
			t.Errorf("%s: %d compliance.checks for %d tags", checkID, len(checks), len(tags))
		}
		for _, tag := range tags {
			f, c, ok := lookupControl(tag)
			if !ok {
				t.Fatalf("%s: tag %s is not a control", checkID, tag)
			}
			if !strings.Contains(standards, f.Title) {
				t.Errorf("%s: standards %q lack %q", checkID, standards, f.Title)
			}
			if !containsString(requirements, tag+" - "+c.Title) {
				t.Errorf("%s: requirements %q lack %q", checkID, requirements, tag)
			}
			found := false
			for _, x := range checks {
				ch := x.(map[string]any)
				if ch["uid"] == c.ID && ch["name"] == c.Title && containsString(anyStrings(ch["standards"]), f.Title) {
					found = true
					if ch["status_id"] != comp["status_id"] || ch["status"] != comp["status"] {
						t.Errorf("%s %s: check status %v %v, compliance status %v %v", checkID, tag, ch["status_id"], ch["status"], comp["status_id"], comp["status"])
					}
				}
			}
			if !found {
				t.Errorf("%s: no compliance.checks entry for %s (%v)", checkID, tag, checks)
			}
		}
	}
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
