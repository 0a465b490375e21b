package provider

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// rfc3339 matches the timestamps every data source writes.
var rfc3339 = knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))

// providerBlockNoRetries is providerBlock without retries, so an injected 5xx
// fails at once instead of after the client's back-off.
func providerBlockNoRetries(sim *openaisim.Server) string {
	return strings.Replace(providerBlock(sim), "max_retries                    = 2", "max_retries                    = 0", 1)
}

// providerBlockAdminOnly configures the Admin API only.
func providerBlockAdminOnly(sim *openaisim.Server) string {
	return fmt.Sprintf(`
provider "openai" {
  admin_api_key             = %q
  admin_base_url            = %q
  admin_requests_per_minute = 0
  max_retries               = 0
}
`, openaisim.AdminKey, sim.AdminBaseURL())
}

// listSize checks the length of a list attribute.
func listSize(address, attr string, n int) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), knownvalue.ListSizeExact(n))
}

// emptyOrg is an organization and workspace with every collection empty.
func emptyOrg() *openaisim.Fixture {
	return &openaisim.Fixture{
		Organization: openaisim.Organization{ID: "org-sim-empty", Name: "Empty"},
		Workspace:    openaisim.Workspace{ID: "5b2c1d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"},
	}
}

// largeOrg is the sample org grown past one page of every collection the
// data sources list at the largest page size (100 admin, 200 workspace
// users, 100 GPTs).
func largeOrg() *openaisim.Fixture {
	f := openaisim.SampleOrg()
	day := func(n int) openaisim.Time { return openaisim.Rel(time.Duration(-n) * 24 * time.Hour) }
	for i := range 150 {
		f.Users = append(f.Users, openaisim.OrgUser{ID: fmt.Sprintf("user_big_%03d", i), Email: fmt.Sprintf("big%03d@example.com", i),
			Role: "reader", AddedAt: day(i + 1)})
		f.Invites = append(f.Invites, openaisim.Invite{ID: fmt.Sprintf("invite-big-%03d", i), Email: fmt.Sprintf("inv%03d@example.com", i),
			Role: "reader", Status: "pending", CreatedAt: day(1)})
	}
	for i := range 101 {
		f.Projects = append(f.Projects, openaisim.Project{ID: fmt.Sprintf("proj_big_%03d", i), Name: "big", CreatedAt: day(i + 1)})
	}
	p := &f.Projects[0] // proj_sim_default
	for i := range 120 {
		p.ServiceAccounts = append(p.ServiceAccounts, openaisim.ServiceAccount{ID: fmt.Sprintf("svc_acct_big_%03d", i), Name: "big",
			Role: "member", CreatedAt: day(2)})
		p.APIKeys = append(p.APIKeys, openaisim.ProjectAPIKey{ID: fmt.Sprintf("key_big_proj_%03d", i), Name: fmt.Sprintf("big-%03d", i),
			CreatedAt: day(3), Owner: openaisim.KeyOwner{Type: "service_account", ID: fmt.Sprintf("svc_acct_big_%03d", i)}})
	}
	w := &f.Workspace
	for i := range 250 {
		w.Users = append(w.Users, openaisim.WSUser{ID: fmt.Sprintf("user-big-%03d", i), Email: fmt.Sprintf("ws%03d@example.com", i),
			Role: "standard-user", Status: "active", CreatedAt: day(10)})
	}
	for i := range 130 {
		w.GPTs = append(w.GPTs, openaisim.GPT{ID: fmt.Sprintf("g-Big%03d", i), OwnerID: "user-ws-alice", OwnerEmail: "alice@example.com",
			CreatedAt: day(5), Sharing: openaisim.Sharing{Visibility: "workspace"},
			Configs: []openaisim.GPTConfig{{ID: fmt.Sprintf("gzm_cnf_big_%03d", i), Name: "big"}}})
	}
	return f
}

// wrapped compiles pattern with every space matching any run of white space:
// Terraform wraps diagnostic details at its terminal width.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}
