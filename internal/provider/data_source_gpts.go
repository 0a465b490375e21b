package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// NewGPTsDataSource is the openai_gpts data source.
func NewGPTsDataSource() datasource.DataSource { return &agentListDataSource{kind: gptKind} }

// NewGPTDataSource is the openai_gpt data source.
func NewGPTDataSource() datasource.DataSource { return &agentDataSource{kind: gptKind} }

// gptKind: the custom GPTs of the workspace.
var gptKind = agentKind{
	noun: "GPT", idForm: "`g-...`", path: "gpts/{gpt_id}",
	authTypeDoc: "Authentication of a custom action (e.g. `none`, `oauth`, `api_key`); null for other tools.",
	label:       "GPT", plural: "GPTs",
	listType: "_gpts", oneType: "_gpt", listAttr: "gpts",
	listDoc: "Every live custom GPT of the ChatGPT Enterprise workspace (Compliance API " +
		"`GET /compliance/workspaces/{workspace_id}/gpts`, all pages), with owner, sharing and latest configuration, " +
		"optionally filtered. The API lists neither drafts nor third-party GPTs. Filters apply to the one shared " +
		"listing, so several filtered blocks cost no more requests than one. Needs `compliance_api_key` and " +
		"`workspace_id`; without them reading this data source is an error that says so.",
	oneDoc: "One custom GPT of the ChatGPT Enterprise workspace by id (Compliance API " +
		"`GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}`), with owner, sharing, latest configuration, the number " +
		"of configuration versions and the directly shared users (three requests). Needs `compliance_api_key` and " +
		"`workspace_id`; without them reading this data source is an error that says so.",
	notFound:    "drafts and third-party GPTs are not readable",
	list:        gptRowsOf,
	get:         (*snapshot.Loader).GPT,
	configs:     (*snapshot.Loader).GPTConfigs,
	sharedUsers: (*snapshot.Loader).GPTSharedUsers,
}

// gptRowsOf lists the GPTs from the loader's compact cache (the form the
// posture checks share), not from decoded API structs.
func gptRowsOf(l *snapshot.Loader, ctx context.Context) (agentRows, error) {
	gpts, err := l.GPTs(ctx)
	return gptRows{gpts}, err
}

// gptRows are the cached GPTs as the list data source filters and maps them.
type gptRows struct{ gpts snapshot.GPTs }

func (r gptRows) Len() int        { return len(r.gpts.Engine) }
func (r gptRows) ID(i int) string { return r.gpts.Engine[i].ID }

func (r gptRows) Matches(i int, visibility, owner, tool string) bool {
	if v, _ := r.gpts.Visibility(i); visibility != "" && (!r.gpts.Sharing(i) || v != visibility) {
		return false
	}
	if owner != "" && !strings.EqualFold(r.gpts.Engine[i].OwnerEmail, owner) {
		return false
	}
	return tool == "" || cachedHasTool(r.gpts, i, tool)
}

func (r gptRows) Value(ctx context.Context, l *snapshot.Loader, _ agentKind, i int) (gptModel, error) {
	return cachedGPTValue(ctx, l, r.gpts, i)
}
