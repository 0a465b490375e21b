// Command terraform-provider-openai serves the OpenAI posture provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/openai-posture/terraform-provider-openai/internal/clidetect"
	"github.com/openai-posture/terraform-provider-openai/internal/provider"
)

// version is set at build time with
// -ldflags "-X main.version=1.2.3"; goreleaser does this for releases.
var version = "dev"

// providerAddress is the registry address users put in required_providers.
const providerAddress = "registry.terraform.io/openai-posture/openai"

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	opts := provider.Options{
		// The CLI that started the provider: its command line says whether
		// this run is a destroy.
		Destroy: clidetect.FromProcess(),
		// Zero (production) unless built with -tags benchposture.
		Snapshot: benchSnapshotOptions(),
	}
	var serveOpts []tf6server.ServeOpt
	if debugMode {
		serveOpts = append(serveOpts, tf6server.WithManagedDebug())
	}
	// provider.Server, not providerserver.Serve: the same framework server,
	// with the large data source lists encoded without the framework's copies.
	err := tf6server.Serve(providerAddress, provider.Server(provider.NewWithOptions(version, opts)), serveOpts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
