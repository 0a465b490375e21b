package snapshot

import (
	"context"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
)

// GPTConfigs returns every configuration version of one GPT, newest first.
func (l *Loader) GPTConfigs(ctx context.Context, gptID string) ([]openai.GPTConfig, error) {
	return load(ctx, l, openai.EndpointComplianceGPTConfigs+"#"+gptID, bindProject(gptID, l.client.ListGPTConfigs))
}

// GPTSharedUsers returns the users one GPT is directly shared with.
func (l *Loader) GPTSharedUsers(ctx context.Context, gptID string) ([]openai.WorkspaceUser, error) {
	return load(ctx, l, openai.EndpointComplianceGPTSharedUsers+"#"+gptID, bindProject(gptID, l.client.ListGPTSharedUsers))
}

// ComplianceProjects returns every ChatGPT project of the workspace.
func (l *Loader) ComplianceProjects(ctx context.Context) ([]openai.ComplianceProject, error) {
	return load(ctx, l, openai.EndpointComplianceProjects, l.client.ListComplianceProjects)
}

// GPT returns one GPT by id (GET …/gpts/{gpt_id}); a GPT the API does not
// know is an *openai.APIError with status 404 (see openai.IsNotFound).
func (l *Loader) GPT(ctx context.Context, gptID string) (*openai.GPT, error) {
	return load(ctx, l, openai.EndpointComplianceGPT+"#"+gptID, bindProject(gptID, l.client.GetGPT))
}

// ComplianceProject returns one ChatGPT project by id (GET …/projects/{project_id});
// a project the API does not know is an *openai.APIError with status 404.
func (l *Loader) ComplianceProject(ctx context.Context, projectID string) (*openai.ComplianceProject, error) {
	return load(ctx, l, openai.EndpointComplianceProject+"#"+projectID, bindProject(projectID, l.client.GetComplianceProject))
}

// ComplianceProjectConfigs returns every configuration version of one ChatGPT project, newest first.
func (l *Loader) ComplianceProjectConfigs(ctx context.Context, projectID string) ([]openai.GPTConfig, error) {
	return load(ctx, l, openai.EndpointComplianceProjectConfigs+"#"+projectID, bindProject(projectID, l.client.ListComplianceProjectConfigs))
}

// ComplianceProjectSharedUsers returns the users one ChatGPT project is directly shared with.
func (l *Loader) ComplianceProjectSharedUsers(ctx context.Context, projectID string) ([]openai.WorkspaceUser, error) {
	return load(ctx, l, openai.EndpointComplianceProjectSharedUsers+"#"+projectID, bindProject(projectID, l.client.ListComplianceProjectSharedUsers))
}
