package openai

// Endpoint keys: method, space, path template relative to the base URL. They
// name endpoints in errors and logs, key the per-endpoint pacing, and match
// the simulator's request counters and fault injection.
const (
	EndpointAdminAPIKeys                 = "GET /organization/admin_api_keys"
	EndpointUsers                        = "GET /organization/users"
	EndpointInvites                      = "GET /organization/invites"
	EndpointProjects                     = "GET /organization/projects"
	EndpointProjectAPIKeys               = "GET /organization/projects/{project_id}/api_keys"
	EndpointProjectServiceAccounts       = "GET /organization/projects/{project_id}/service_accounts"
	EndpointProjectUsers                 = "GET /organization/projects/{project_id}/users"
	EndpointOrgDataRetention             = "GET /organization/data_retention"
	EndpointProjectDataRetention         = "GET /organization/projects/{project_id}/data_retention"
	EndpointSpendLimit                   = "GET /organization/spend_limit"
	EndpointProjectHostedToolPermissions = "GET /organization/projects/{project_id}/hosted_tool_permissions"
	EndpointProjectModelPermissions      = "GET /organization/projects/{project_id}/model_permissions"
	EndpointCertificates                 = "GET /organization/certificates"
	EndpointAuditLogs                    = "GET /organization/audit_logs"

	EndpointComplianceUsers          = "GET /compliance/workspaces/{workspace_id}/users"
	EndpointComplianceGPTs           = "GET /compliance/workspaces/{workspace_id}/gpts"
	EndpointComplianceGPT            = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}"
	EndpointComplianceGPTConfigs     = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}/configs"
	EndpointComplianceGPTSharedUsers = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}/shared_users"
	EndpointComplianceProjects       = "GET /compliance/workspaces/{workspace_id}/projects"
	EndpointComplianceConversations  = "GET /compliance/workspaces/{workspace_id}/conversations"

	EndpointComplianceProject            = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}"
	EndpointComplianceProjectConfigs     = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}/configs"
	EndpointComplianceProjectSharedUsers = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}/shared_users"
)

// Documented per-minute limits the pacer never exceeds, by endpoint key: the
// pacing classes with a limit of their own. The Compliance spec's 429
// descriptions give 50 requests a minute per endpoint per key to the list
// endpoints and 100 to the file content endpoints (C1
// responses.429.description; digest §2.3). Only the file endpoints are listed:
// a plan reads thousands of files and nothing else in such numbers, and
// pacing them at their own limit, rather than learning it from 429s or at
// the list rate a user fixed, is what makes a first scan of N files take
// N/100 minutes. Endpoints without a ceiling are paced as configured.
const complianceFileDownloadsPerMinute = 100.0

var endpointCeilings = map[string]float64{
	EndpointComplianceGPTFile:     complianceFileDownloadsPerMinute,
	EndpointComplianceProjectFile: complianceFileDownloadsPerMinute,
	EndpointComplianceUserFile:    complianceFileDownloadsPerMinute,
}

// Page sizes: always the largest each endpoint allows, since the cost of a
// plan is round trips under per-endpoint rate limits.
const (
	// adminPageLimit: "Limit can range between 1 and 100" on every style-A
	// admin list; admin_api_keys states no range, 100 is assumed.
	adminPageLimit = "100"
	// complianceUsersLimit: default and max 200.
	complianceUsersLimit = "200"
	// complianceConversationsLimit: default and max 500.
	complianceConversationsLimit = "500"
	// complianceDefaultLimit for gpts, projects and configs: the spec gives
	// default 20 and no maximum; 100 is a guess that the simulator accepts.
	// A 400 naming `limit` makes the client fall back to
	// complianceSpecDefaultLimit for that endpoint (see pageSizes).
	complianceDefaultLimit = "100"
	// complianceSpecDefaultLimit is the spec's default page size for those
	// endpoints, which the server must accept.
	complianceSpecDefaultLimit = "20"
	// complianceUsersFilterMax: the conversations `users` filter takes fewer
	// than 100 values per request.
	complianceUsersFilterMax = 99
)
