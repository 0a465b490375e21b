package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// TestAccAsOfRuleAtAnyHour evaluates one org through openai_posture_check and
// openai_posture_findings with the provider's clock at several times of one
// UTC day: both judge as of the start of that day, so they report the same
// findings as each other and at every hour. One admin key turns 91 days old
// at noon: judged at the instant, it would be a finding only in the
// afternoon.
func TestAccAsOfRuleAtAnyHour(t *testing.T) {
	day := time.Now().UTC().Truncate(24 * time.Hour)
	fixture := openaisim.CleanOrg()
	owner := fixture.AdminAPIKeys[0].Owner
	fixture.AdminAPIKeys = append(fixture.AdminAPIKeys,
		openaisim.AdminAPIKey{ID: "key_asof_noon", Name: "key_asof_noon", CreatedAt: openaisim.At(day.Add(-91*24*time.Hour + 12*time.Hour)), Owner: owner},
		openaisim.AdminAPIKey{ID: "key_asof_old", Name: "key_asof_old", CreatedAt: openaisim.At(day.Add(-200 * 24 * time.Hour)), Owner: owner},
	)
	sim := startSimulator(t, fixture)
	config := providerBlock(sim) + `
resource "openai_posture_check" "rotation" {
  check       = "admin_key_rotation"
  enforcement = "warn"
}

data "openai_posture_findings" "rotation" {
  checks = ["admin_key_rotation"]
}
`
	seen := map[string]string{} // time of day -> findings
	for _, hms := range []string{"00:00:01", "12:00:00", "23:59:59"} {
		offset, err := time.Parse("15:04:05", hms)
		if err != nil {
			t.Fatal(err)
		}
		at := day.Add(time.Duration(offset.Hour())*time.Hour + time.Duration(offset.Minute())*time.Minute + time.Duration(offset.Second())*time.Second)
		factories := map[string]func() (tfprotov6.ProviderServer, error){
			"openai": NewProtocol6WithError(NewWithOptions("test", Options{Now: func() time.Time { return at }})),
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: factories,
			Steps: []resource.TestStep{{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					sameFindingsCheck{at: hms, seen: seen},
				},
			}},
		})
	}
	if len(seen) != 3 {
		t.Fatalf("evaluated at %d times of day, want 3", len(seen))
	}
	var first string
	for hms, f := range seen {
		if first == "" {
			first = f
		}
		if f != first {
			t.Errorf("findings at %s differ from another time of the same day:\n%s\nvs\n%s", hms, f, first)
		}
	}
	if !strings.Contains(first, "200 days old") || strings.Contains(first, "91 days old") {
		t.Errorf("findings as of the start of the day should hold the 200-day-old key only:\n%s", first)
	}
}

// sameFindingsCheck asserts that the resource and the data source hold the
// same findings (fingerprint, observed, waived), and records them by time.
type sameFindingsCheck struct {
	at   string
	seen map[string]string
}

func (c sameFindingsCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	byAddress := map[string]string{}
	for _, r := range req.State.Values.RootModule.Resources {
		list, _ := r.AttributeValues["findings"].([]any)
		var lines []string
		for _, e := range list {
			obj, _ := e.(map[string]any)
			lines = append(lines, fmt.Sprintf("%v %v waived=%v", obj["fingerprint"], obj["observed"], obj["waived"]))
		}
		sort.Strings(lines)
		byAddress[r.Address] = strings.Join(lines, "\n")
	}
	res, ds := byAddress["openai_posture_check.rotation"], byAddress["data.openai_posture_findings.rotation"]
	if res == "" || res != ds {
		resp.Error = fmt.Errorf("at %s the resource and the data source disagree:\nresource:\n%s\ndata source:\n%s", c.at, res, ds)
		return
	}
	c.seen[c.at] = res
}
