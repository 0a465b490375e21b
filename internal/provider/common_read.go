package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"golang.org/x/sync/errgroup"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// projectFanOut is the loader's bound on per-project requests in flight
// (declared once, in internal/snapshot). The client
// paces each endpoint on its own, so this only caps open connections.
const projectFanOut = snapshot.ProjectFanOut

// loaderOf returns the snapshot loader of a data source, or adds an error when
// the provider was never configured (Read without Configure is a bug, or a
// provider block whose values are still unknown).
func loaderOf(data *providerData, diags *diag.Diagnostics) *snapshot.Loader {
	if data == nil || data.snapshot == nil {
		diags.AddError("Provider not configured",
			"The openai provider has no client: its configuration was not known when this data source was read. "+
				"Make sure the provider block does not depend on values computed during apply.")
		return nil
	}
	return data.snapshot
}

// addReadError reports a failed read of what (e.g. "GPTs"). The detail is the
// client's error, which names the endpoint and the cause; a missing
// credential gets a summary saying which API is not configured.
func addReadError(diags *diag.Diagnostics, what string, err error) {
	var missing *openai.MissingCredentialsError
	if errors.As(err, &missing) {
		diags.AddError(fmt.Sprintf("Cannot read %s: the %s is not configured", what, missing.API),
			err.Error()+". Reading "+what+" needs the "+missing.API+".")
		return
	}
	diags.AddError("Unable to read "+what, err.Error())
}

// forEachProject runs fetch for every project concurrently (at most
// projectFanOut at a time) and returns the results in project order. The
// first failure fails the whole call: nothing partial is returned.
func forEachProject[T any](ctx context.Context, projects []openai.Project, fetch func(context.Context, openai.Project) (T, error)) ([]T, error) {
	return fanOut(ctx, projects, func(p openai.Project) string { return "project " + p.ID }, fetch)
}

// fanOut runs fetch for every item concurrently (at most projectFanOut at a
// time) and returns the results in item order, or the first error, prefixed
// with the item's label.
func fanOut[S, T any](ctx context.Context, items []S, label func(S) string, fetch func(context.Context, S) (T, error)) ([]T, error) {
	out := make([]T, len(items))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(projectFanOut)
	for i, item := range items {
		g.Go(func() error {
			v, err := fetch(gctx, item)
			if err != nil {
				return fmt.Errorf("%s: %w", label(item), err)
			}
			out[i] = v
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// selectProjects returns every project, or only the one named by projectID
// when it is set; an id that is not a project of the organization is an error.
func selectProjects(ctx context.Context, l *snapshot.Loader, projectID string, diags *diag.Diagnostics) ([]openai.Project, bool) {
	projects, err := l.Projects(ctx)
	if err != nil {
		addReadError(diags, "projects", err)
		return nil, false
	}
	if projectID == "" {
		return projects, true
	}
	for _, p := range projects {
		if p.ID == projectID {
			return []openai.Project{p}, true
		}
	}
	diags.AddAttributeError(path.Root("project_id"), "Project not found",
		fmt.Sprintf("No project with id %q in the organization (archived projects included; %d projects listed).", projectID, len(projects)))
	return nil, false
}
