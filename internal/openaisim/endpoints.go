package openaisim

// Endpoint keys: the HTTP method, a space, and the path template relative to the base
// URL (see CONTRACT.md). They key request counts, faults and rate limits.
const (
	EndpointAdminAPIKeys                 = "GET /organization/admin_api_keys"
	EndpointAdminAPIKey                  = "GET /organization/admin_api_keys/{key_id}"
	EndpointAdminUsers                   = "GET /organization/users"
	EndpointAdminUser                    = "GET /organization/users/{user_id}"
	EndpointAdminInvites                 = "GET /organization/invites"
	EndpointAdminInvite                  = "GET /organization/invites/{invite_id}"
	EndpointAdminProjects                = "GET /organization/projects"
	EndpointAdminProject                 = "GET /organization/projects/{project_id}"
	EndpointAdminProjectAPIKeys          = "GET /organization/projects/{project_id}/api_keys"
	EndpointAdminProjectAPIKey           = "GET /organization/projects/{project_id}/api_keys/{api_key_id}"
	EndpointAdminProjectServiceAccounts  = "GET /organization/projects/{project_id}/service_accounts"
	EndpointAdminProjectServiceAccount   = "GET /organization/projects/{project_id}/service_accounts/{service_account_id}"
	EndpointAdminProjectUsers            = "GET /organization/projects/{project_id}/users"
	EndpointAdminProjectUser             = "GET /organization/projects/{project_id}/users/{user_id}"
	EndpointAdminDataRetention           = "GET /organization/data_retention"
	EndpointAdminProjectDataRetention    = "GET /organization/projects/{project_id}/data_retention"
	EndpointAdminSpendLimit              = "GET /organization/spend_limit"
	EndpointAdminProjectHostedTools      = "GET /organization/projects/{project_id}/hosted_tool_permissions"
	EndpointAdminProjectModelPermissions = "GET /organization/projects/{project_id}/model_permissions"
	EndpointAdminCertificates            = "GET /organization/certificates"
	EndpointAdminCertificate             = "GET /organization/certificates/{certificate_id}"
	EndpointAdminAuditLogs               = "GET /organization/audit_logs"

	EndpointComplianceUsers              = "GET /compliance/workspaces/{workspace_id}/users"
	EndpointComplianceGPTs               = "GET /compliance/workspaces/{workspace_id}/gpts"
	EndpointComplianceGPT                = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}"
	EndpointComplianceGPTConfigs         = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}/configs"
	EndpointComplianceGPTSharedUsers     = "GET /compliance/workspaces/{workspace_id}/gpts/{gpt_id}/shared_users"
	EndpointComplianceProjects           = "GET /compliance/workspaces/{workspace_id}/projects"
	EndpointComplianceProject            = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}"
	EndpointComplianceProjectConfigs     = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}/configs"
	EndpointComplianceProjectSharedUsers = "GET /compliance/workspaces/{workspace_id}/projects/{project_id}/shared_users"
	EndpointComplianceConversations      = "GET /compliance/workspaces/{workspace_id}/conversations"

	// AllEndpoints as a fault key makes InjectFault apply to every endpoint (after the
	// endpoint's own faults).
	AllEndpoints = "*"
)

// Fake bearer keys (CONTRACT.md). None resembles a real OpenAI key.
const (
	AdminKey             = "sim-admin-key-not-a-secret"
	ComplianceKey        = "sim-compliance-key-not-a-secret"
	ComplianceKeyNoScope = "sim-compliance-key-without-scope"
)

type apiKind int

const (
	apiAdmin apiKind = iota
	apiCompliance
)

// endpointSpec describes one served endpoint.
type endpointSpec struct {
	key     string
	api     apiKind
	single  bool // a get-one endpoint (compliance rate limit class 100/min)
	handler func(s *Server, rc *reqCtx) (any, *apiError)
}

// endpoints is the routing table. Order does not matter: templates are matched
// segment by segment and literal segments never collide with a parameter position
// of the same length.
func endpoints() []endpointSpec {
	return append([]endpointSpec{
		{EndpointAdminAPIKeys, apiAdmin, false, (*Server).listAdminKeys},
		{EndpointAdminAPIKey, apiAdmin, true, (*Server).getAdminKey},
		{EndpointAdminUsers, apiAdmin, false, (*Server).listUsers},
		{EndpointAdminUser, apiAdmin, true, (*Server).getUser},
		{EndpointAdminInvites, apiAdmin, false, (*Server).listInvites},
		{EndpointAdminInvite, apiAdmin, true, (*Server).getInvite},
		{EndpointAdminProjects, apiAdmin, false, (*Server).listProjects},
		{EndpointAdminProject, apiAdmin, true, (*Server).getProject},
		{EndpointAdminProjectAPIKeys, apiAdmin, false, (*Server).listProjectKeys},
		{EndpointAdminProjectAPIKey, apiAdmin, true, (*Server).getProjectKey},
		{EndpointAdminProjectServiceAccounts, apiAdmin, false, (*Server).listServiceAccounts},
		{EndpointAdminProjectServiceAccount, apiAdmin, true, (*Server).getServiceAccount},
		{EndpointAdminProjectUsers, apiAdmin, false, (*Server).listProjectUsers},
		{EndpointAdminProjectUser, apiAdmin, true, (*Server).getProjectUser},
		{EndpointAdminDataRetention, apiAdmin, true, (*Server).getOrgRetention},
		{EndpointAdminProjectDataRetention, apiAdmin, true, (*Server).getProjectRetention},
		{EndpointAdminSpendLimit, apiAdmin, true, (*Server).getSpendLimit},
		{EndpointAdminProjectHostedTools, apiAdmin, true, (*Server).getHostedTools},
		{EndpointAdminProjectModelPermissions, apiAdmin, true, (*Server).getModelPermissions},
		{EndpointAdminCertificates, apiAdmin, false, (*Server).listCertificates},
		{EndpointAdminCertificate, apiAdmin, true, (*Server).getCertificate},
		{EndpointAdminAuditLogs, apiAdmin, false, (*Server).listAuditLogs},

		{EndpointComplianceUsers, apiCompliance, false, (*Server).listWSUsers},
		{EndpointComplianceGPTs, apiCompliance, false, (*Server).listGPTs},
		{EndpointComplianceGPT, apiCompliance, true, (*Server).getGPT},
		{EndpointComplianceGPTConfigs, apiCompliance, false, (*Server).listGPTConfigs},
		{EndpointComplianceGPTSharedUsers, apiCompliance, false, (*Server).listGPTSharedUsers},
		{EndpointComplianceProjects, apiCompliance, false, (*Server).listCProjects},
		{EndpointComplianceProject, apiCompliance, true, (*Server).getCProject},
		{EndpointComplianceProjectConfigs, apiCompliance, false, (*Server).listCProjectConfigs},
		{EndpointComplianceProjectSharedUsers, apiCompliance, false, (*Server).listCProjectSharedUsers},
		{EndpointComplianceConversations, apiCompliance, false, (*Server).listConversations},
		{EndpointComplianceGPTFile, apiCompliance, true, (*Server).getGPTFile},
		{EndpointComplianceProjectFile, apiCompliance, true, (*Server).getProjectFile},
		{EndpointComplianceUserFile, apiCompliance, true, (*Server).getUserFile},
		{EndpointComplianceMemories, apiCompliance, false, (*Server).listMemories},
	}, rbacEndpoints()...)
}

// EndpointKeys returns every endpoint key the simulator serves.
func EndpointKeys() []string {
	var out []string
	for _, e := range endpoints() {
		out = append(out, e.key)
	}
	return out
}
