package snapshot

import (
	"context"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Cache keys are the client's endpoint keys, plus the project id for
// per-project collections, so a request count in the simulator maps one to one
// onto a cache entry.

// AdminAPIKeys returns every admin API key of the organization.
func (l *Loader) AdminAPIKeys(ctx context.Context) ([]openai.AdminAPIKey, error) {
	return load(ctx, l, openai.EndpointAdminAPIKeys, l.client.ListAdminAPIKeys)
}

// Projects returns every API project, archived ones included.
func (l *Loader) Projects(ctx context.Context) ([]openai.Project, error) {
	return load(ctx, l, openai.EndpointProjects, l.client.ListProjects)
}

// Certificates returns the organization's mTLS certificates.
func (l *Loader) Certificates(ctx context.Context) ([]openai.Certificate, error) {
	return load(ctx, l, openai.EndpointCertificates, l.client.ListCertificates)
}

// OrganizationDataRetention returns the organization's data retention mode.
func (l *Loader) OrganizationDataRetention(ctx context.Context) (*openai.DataRetention, error) {
	return load(ctx, l, openai.EndpointOrgDataRetention, l.client.GetOrganizationDataRetention)
}

// SpendLimit returns the organization's spend limit.
func (l *Loader) SpendLimit(ctx context.Context) (*openai.SpendLimit, error) {
	return load(ctx, l, openai.EndpointSpendLimit, l.client.GetSpendLimit)
}

// ProjectServiceAccounts returns the service accounts of one project.
func (l *Loader) ProjectServiceAccounts(ctx context.Context, projectID string) ([]openai.ProjectServiceAccount, error) {
	return load(ctx, l, perProject(openai.EndpointProjectServiceAccounts, projectID), bindProject(projectID, l.client.ListProjectServiceAccounts))
}

// ProjectUsers returns the members of one project in the engine's form:
// only the checks read them, so the loader caches the converted members
// (16,000 at the target size), shared by every check as is (read
// only), not the decoded API structs.
func (l *Loader) ProjectUsers(ctx context.Context, projectID string) ([]posture.ProjectUser, error) {
	return load(ctx, l, perProject(openai.EndpointProjectUsers, projectID), func(ctx context.Context) ([]posture.ProjectUser, error) {
		users, err := l.client.ListProjectUsers(ctx, projectID)
		if err != nil {
			return nil, err
		}
		out := make([]posture.ProjectUser, len(users))
		for i, u := range users {
			out[i] = convertProjectUser(u)
		}
		return out, nil
	})
}

// ProjectDataRetention returns the data retention mode of one project.
func (l *Loader) ProjectDataRetention(ctx context.Context, projectID string) (*openai.DataRetention, error) {
	return load(ctx, l, perProject(openai.EndpointProjectDataRetention, projectID), bindProject(projectID, l.client.GetProjectDataRetention))
}

// ProjectHostedToolPermissions returns which hosted tools one project enables.
func (l *Loader) ProjectHostedToolPermissions(ctx context.Context, projectID string) (*openai.HostedToolPermissions, error) {
	return load(ctx, l, perProject(openai.EndpointProjectHostedToolPermissions, projectID), bindProject(projectID, l.client.GetProjectHostedToolPermissions))
}

// ProjectModelPermissions returns the model allow/deny list of one project.
func (l *Loader) ProjectModelPermissions(ctx context.Context, projectID string) (*openai.ModelPermissions, error) {
	return load(ctx, l, perProject(openai.EndpointProjectModelPermissions, projectID), bindProject(projectID, l.client.GetProjectModelPermissions))
}

func perProject(endpoint, projectID string) string { return endpoint + "#" + projectID }

func bindProject[T any](projectID string, f func(context.Context, string) (T, error)) func(context.Context) (T, error) {
	return func(ctx context.Context) (T, error) { return f(ctx, projectID) }
}

// AuditLogProbe asks GET /organization/audit_logs for the events from now on,
// a query that matches (almost) nothing and so costs one request, to learn
// whether the audit log is readable at all. A 403 means audit logging is off
// or the key may not read it; callers decide what that means.
func (l *Loader) AuditLogProbe(ctx context.Context) ([]openai.AuditLog, error) {
	return load(ctx, l, openai.EndpointAuditLogs+"#probe", func(ctx context.Context) ([]openai.AuditLog, error) {
		now := time.Now().Truncate(time.Second)
		return l.client.ListAuditLogs(ctx, openai.AuditLogFilter{EffectiveAtGTE: &now})
	})
}
