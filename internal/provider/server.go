package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Server returns the provider's protocol-6 server, the one main serves and
// the acceptance tests start: the framework's server, except that
// ReadDataSource hands the large lists to Terraform without the framework's
// copies of them (list_state_direct.go).
func Server(p func() provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		fw, ok := providerserver.NewProtocol6(p())().(frameworkServer)
		if !ok { // every test starts a Server: an upgrade that breaks this fails them all
			panic("terraform-plugin-framework's protocol-6 server no longer serves list resources, actions and state stores")
		}
		return &server{frameworkServer: fw}
	}
}

// frameworkServer is what the framework's protocol-6 server implements: the
// provider server and the optional RPCs terraform-plugin-go finds by
// interface (list resources, actions, state stores), which Server keeps
// answering as the framework does.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// NewProtocol6WithError is Server in the form terraform-plugin-testing's
// ProtoV6ProviderFactories take.
func NewProtocol6WithError(p func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) { return Server(p)(), nil }
}

type server struct {
	frameworkServer
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return readDataSourceDirect(ctx, req, s.frameworkServer.ReadDataSource)
}
