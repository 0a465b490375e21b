package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// NewChatGPTProjectsDataSource is the openai_chatgpt_projects data source.
func NewChatGPTProjectsDataSource() datasource.DataSource {
	return &agentListDataSource{kind: chatGPTProjectKind}
}

// NewChatGPTProjectDataSource is the openai_chatgpt_project data source.
func NewChatGPTProjectDataSource() datasource.DataSource {
	return &agentDataSource{kind: chatGPTProjectKind}
}

// chatGPTProjectKind: the ChatGPT projects of the workspace, which the
// Compliance API sends in the GPT shape (same sharing model, tools and
// files; no auth_type on tools).
var chatGPTProjectKind = agentKind{
	noun: "project", idForm: "`g-p-...`", path: "projects/{project_id}",
	authTypeDoc: "Always null: the Compliance API's project tools have no authentication type.",
	label:       "ChatGPT project", plural: "projects",
	listType: "_chatgpt_projects", oneType: "_chatgpt_project", listAttr: "projects",
	listDoc: "Every live ChatGPT project of the ChatGPT Enterprise workspace (Compliance API " +
		"`GET /compliance/workspaces/{workspace_id}/projects`, all pages), with owner, sharing and latest configuration " +
		"(the GPTs' shape: the same sharing model, tools and files), optionally filtered. These are ChatGPT projects, not " +
		"the API platform projects of `openai_projects`. The API lists no drafts; a third-party project comes without owner " +
		"and sharing (those attributes are then null). Needs `compliance_api_key` and `workspace_id`; without them reading " +
		"this data source is an error that says so.",
	oneDoc: "One ChatGPT project of the ChatGPT Enterprise workspace by id (Compliance API " +
		"`GET /compliance/workspaces/{workspace_id}/projects/{project_id}`), with owner, sharing, latest configuration, the " +
		"number of configuration versions and the directly shared users (three requests). A third-party project is readable " +
		"only when published publicly, and then without owner and sharing (null here). Needs `compliance_api_key` and " +
		"`workspace_id`; without them reading this data source is an error that says so.",
	notFound: "drafts are not readable, nor third-party projects that are not published publicly",
	list: func(l *snapshot.Loader, ctx context.Context) (agentRows, error) {
		ps, err := l.ComplianceProjects(ctx)
		out := make(rawAgentRows, len(ps))
		for i, p := range ps {
			out[i] = openai.GPT(p)
		}
		return out, err
	},
	get: func(l *snapshot.Loader, ctx context.Context, id string) (*openai.GPT, error) {
		p, err := l.ComplianceProject(ctx, id)
		if p == nil {
			return nil, err
		}
		g := openai.GPT(*p)
		return &g, err
	},
	configs:     (*snapshot.Loader).ComplianceProjectConfigs,
	sharedUsers: (*snapshot.Loader).ComplianceProjectSharedUsers,
}
