package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

// workload is one listing both providers can do: the collection generated,
// and each provider's data source and list attribute for it.
type workload struct {
	name        string
	defaultSize int // the 16x org of cmd/benchposture
	params      func(size int) openaisim.GenParams
	// this and peer: data source type and list attribute.
	thisData, thisList string
	peerData, peerList string
}

// workloads are the listings the official provider also offers (its
// openai_organization_users, openai_invites and openai_projects), at the
// target org's sizes.
var workloads = map[string]workload{
	"users": {name: "users", defaultSize: 100_000,
		params:   func(n int) openaisim.GenParams { return openaisim.GenParams{Seed: 1, OrgUsers: n, WorkspaceUsers: 1} },
		thisData: "openai_users", thisList: "users", peerData: "openai_organization_users", peerList: "users"},
	"invites": {name: "invites", defaultSize: 20_000,
		params: func(n int) openaisim.GenParams {
			return openaisim.GenParams{Seed: 1, OrgUsers: 1, WorkspaceUsers: 1, Invites: n}
		},
		thisData: "openai_invites", thisList: "invites", peerData: "openai_invites", peerList: "invites"},
	"projects": {name: "projects", defaultSize: 2_000,
		params: func(n int) openaisim.GenParams {
			return openaisim.GenParams{Seed: 1, OrgUsers: 1, WorkspaceUsers: 1, Projects: n}
		},
		thisData: "openai_projects", thisList: "projects", peerData: "openai_projects", peerList: "projects"},
}

func workloadNames() string {
	var names []string
	for k := range workloads {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// configs are the two Terraform configurations of w; each outputs the
// length of its list as "count".
func (w workload) configs(peerBaseURL string) (this, peer string) {
	this = fmt.Sprintf(`terraform {
  required_providers {
    openai = { source = "openai-posture/openai" }
  }
}
provider "openai" {}
data %q "all" {}
output "count" { value = length(data.%s.all.%s) }
`, w.thisData, w.thisData, w.thisList)
	peer = fmt.Sprintf(`terraform {
  required_providers {
    openai = { source = "openai/openai" }
  }
}
provider "openai" { base_url = %q }
data %q "all" {}
output "count" { value = length(data.%s.all.%s) }
`, peerBaseURL, w.peerData, w.peerData, w.peerList)
	return this, peer
}
