package conformance

// What each check reads, as field keys "<endpoint>:<dotted path>" (arrays as
// "[]"). A check's pass is false when it rests on one of these fields being
// absent, undocumented or truncated. Every check of the catalog must have an
// entry (an empty one for a check that only needs data to be readable);
// TestConformanceMatrix fails on a missing entry, and on a key that is not a
// field of the endpoint's schema.

const tool = "gpts:latest_config.data[].tools.data[]."

var projectState = []string{"projects:status", "projects:archived_at"}

var gptTools = []string{"gpts:latest_config", "gpts:latest_config.data[].tools", tool + "type"}

// projectTool is tool for ChatGPT projects (ProjectTool has no auth_type).
const projectTool = "chatgpt_projects:latest_config.data[].tools.data[]."

var projectTools = []string{"chatgpt_projects:latest_config", "chatgpt_projects:latest_config.data[].tools", projectTool + "type"}

func with(base []string, more ...string) []string {
	return append(append([]string{}, base...), more...)
}

var checkReads = map[string][]string{
	"admin_key_rotation":    {"admin_api_keys:created_at"},
	"admin_key_unused":      {"admin_api_keys:last_used_at", "admin_api_keys:created_at"},
	"key_no_expiry":         {"admin_api_keys:expires_at"},
	"project_key_rotation":  with(projectState, "project_api_keys:created_at"),
	"project_key_unused":    with(projectState, "project_api_keys:last_used_at", "project_api_keys:created_at"),
	"key_owner_lost_access": with(projectState, "project_api_keys:owner_project_access"),
	"key_user_owned":        with(projectState, "project_api_keys:owner.type"),
	"archived_project_keys": projectState,
	"user_inactive": {"users:api_key_last_used_at", "users:added_at", "users:is_service_account",
		"workspace_users:status", "workspace_users:created_at", "conversations:user_id", "conversations:last_active_at"},
	"owner_count": {"users:role", "users:is_service_account", "workspace_users:role", "workspace_users:status",
		"user_roles:permissions", "user_roles:resource_type", "group_roles:permissions", "group_roles:resource_type"},
	"user_not_scim":         {"users:is_scim_managed", "users:is_service_account"},
	"invite_high_privilege": {"invites:status", "invites:role", "invites:projects", "invites:projects[].role"},
	"invite_stale":          {"invites:status", "invites:created_at", "invites:expires_at"},
	"project_hosted_tools": with(projectState, "hosted_tool_permissions:code_interpreter.enabled", "hosted_tool_permissions:file_search.enabled",
		"hosted_tool_permissions:image_generation.enabled", "hosted_tool_permissions:mcp.enabled", "hosted_tool_permissions:web_search.enabled"),
	"project_model_permissions": with(projectState, "model_permissions:mode"),
	"spend_limit":               {"spend_limit:enforcement", "spend_limit:enforcement.status"},
	"data_retention":            with(projectState, "data_retention:type", "project_data_retention:type"),
	"certificate_expiry":        {"certificates:active", "certificates:certificate_details", "certificates:certificate_details.expires_at"},
	"audit_logging":             {},
	// api_key.created is judged by the created key's owner in the key
	// inventory, not by the event's actor (a dashboard session creates
	// service-account keys too).
	"risky_admin_events":   {"audit_logs:type", "audit_logs:effective_at", "project_api_keys:owner.type"},
	"gpt_custom_actions":   gptTools,
	"gpt_code_interpreter": gptTools,
	"gpt_web_browsing":     gptTools,
	"gpt_public_store":     {"gpts:sharing", "gpts:sharing.visibility"},
	"gpt_public_link":      {"gpts:sharing", "gpts:sharing.visibility"},
	"gpt_workspace_shared": {"gpts:sharing", "gpts:sharing.visibility"},
	"gpt_action_domain":    with(gptTools, tool+"action_domain"),
	"gpt_action_no_auth":   with(gptTools, tool+"auth_type"),
	"gpt_external_share":   {"gpts:sharing", "gpts:sharing.recipients", "gpts:sharing.recipients[].email", "gpt_shared_users:email"},
	"gpt_shared_editable": {"gpts:sharing", "gpts:sharing.visibility", "gpts:sharing.permissions", "gpts:sharing.permissions.can_write",
		"gpts:sharing.permissions.can_view_config", "gpts:sharing.recipients", "gpts:sharing.recipients[].permissions",
		"gpts:sharing.recipients[].permissions.can_write", "gpts:sharing.recipients[].permissions.can_view_config"},
	"gpt_orphaned":                {"gpts:owner_id", "workspace_users:status"},
	"dlp_conversation_file":       {"conversations:messages", "conversations:messages.data[].files", "conversations:messages.data[].files.data[].name"},
	"dlp_gpt_file":                {"gpts:latest_config", "gpts:latest_config.data[].files", "gpts:latest_config.data[].files.data[].name"},
	"dlp_project_file":            {"chatgpt_projects:latest_config", "chatgpt_projects:latest_config.data[].files", "chatgpt_projects:latest_config.data[].files.data[].name"},
	"dlp_gpt_instructions":        {"gpts:latest_config", "gpts:latest_config.data[].instructions", "gpts:latest_config.data[].tools", tool + "action_openapi_raw"},
	"chatgpt_project_public_link": {"chatgpt_projects:sharing", "chatgpt_projects:sharing.visibility"},
	"chatgpt_project_external_share": {"chatgpt_projects:sharing", "chatgpt_projects:sharing.recipients", "chatgpt_projects:sharing.recipients[].email",
		"chatgpt_project_shared_users:email"},
	"chatgpt_project_shared_editable": {"chatgpt_projects:sharing", "chatgpt_projects:sharing.visibility", "chatgpt_projects:sharing.permissions",
		"chatgpt_projects:sharing.permissions.can_write", "chatgpt_projects:sharing.permissions.can_view_config", "chatgpt_projects:sharing.recipients",
		"chatgpt_projects:sharing.recipients[].permissions", "chatgpt_projects:sharing.recipients[].permissions.can_write",
		"chatgpt_projects:sharing.recipients[].permissions.can_view_config"},
	"chatgpt_project_custom_actions": projectTools,
	"chatgpt_project_action_domain":  with(projectTools, projectTool+"action_domain"),
	// DLP content (issue 11): the file ids the downloads need (content itself
	// comes from the 307's download host, file_content_test.go).
	"dlp_gpt_file_content":          {"gpts:latest_config", "gpts:latest_config.data[].files", "gpts:latest_config.data[].files.data[].id"},
	"dlp_project_file_content":      {"chatgpt_projects:latest_config", "chatgpt_projects:latest_config.data[].files", "chatgpt_projects:latest_config.data[].files.data[].id"},
	"dlp_conversation_file_content": {"conversations:user_id", "conversations:messages", "conversations:messages.data[].files", "conversations:messages.data[].files.data[].id"},
	"dlp_memory":                    {"memories:memory_contexts", "memories:memory_contexts[].memory_entries", "memories:memory_contexts[].memory_entries[].content"},

	// Roles and groups (issue 12).
	"role_admin_permissions": {"roles:permissions", "roles:resource_type", "roles:predefined_role"},
	"group_not_scim_managed": {"groups:is_scim_managed"},
}

// mustFlag are documented enum values a check must not pass on (variant b):
// check -> field -> values.
var mustFlag = map[string]map[string][]string{
	"gpt_public_store":          {"gpts:sharing.visibility": {"gpt-store"}},
	"gpt_public_link":           {"gpts:sharing.visibility": {"anyone-with-link"}},
	"gpt_workspace_shared":      {"gpts:sharing.visibility": {"workspace", "workspace-with-link"}},
	"gpt_custom_actions":        {tool + "type": {"custom_action"}},
	"gpt_code_interpreter":      {tool + "type": {"code_interpreter"}},
	"gpt_web_browsing":          {tool + "type": {"browser"}},
	"invite_high_privilege":     {"invites:role": {"owner"}, "invites:projects[].role": {"owner"}},
	"invite_stale":              {"invites:status": {"expired"}},
	"key_owner_lost_access":     {"project_api_keys:owner_project_access": {"inactive"}},
	"key_user_owned":            {"project_api_keys:owner.type": {"user"}},
	"project_model_permissions": {"model_permissions:mode": {"deny_list"}},
	"spend_limit":               {"spend_limit:enforcement.status": {"inactive"}},
	"data_retention": {
		"data_retention:type":         {"modified_abuse_monitoring", "enhanced_zero_data_retention", "enhanced_modified_abuse_monitoring"},
		"project_data_retention:type": {"none", "modified_abuse_monitoring", "enhanced_zero_data_retention", "enhanced_modified_abuse_monitoring"},
	},
	"owner_count":   {"users:role": {"reader"}, "workspace_users:role": {"standard-user"}},
	"user_not_scim": {"users:is_scim_managed": {"false"}},
	"gpt_shared_editable": {"gpts:sharing.recipients[].permissions.can_write": {"true"},
		"gpts:sharing.recipients[].permissions.can_view_config": {"true"}},
	"project_hosted_tools": {"hosted_tool_permissions:code_interpreter.enabled": {"true"}, "hosted_tool_permissions:file_search.enabled": {"true"},
		"hosted_tool_permissions:image_generation.enabled": {"true"}, "hosted_tool_permissions:mcp.enabled": {"true"}, "hosted_tool_permissions:web_search.enabled": {"true"}},
	"gpt_orphaned": {"workspace_users:status": {"inactive"}},
	"risky_admin_events": {"project_api_keys:owner.type": {"user"}, "audit_logs:type": {"scim.disabled", "ip_allowlist.deleted", "ip_allowlist.config.deactivated",
		"tenant.sso_connection.created", "tenant.sso_connection.updated", "tenant.sso_connection.deleted"}},
	"chatgpt_project_public_link":    {"chatgpt_projects:sharing.visibility": {"anyone-with-link", "gpt-store"}},
	"chatgpt_project_custom_actions": {projectTool + "type": {"custom_action"}},
	"chatgpt_project_shared_editable": {"chatgpt_projects:sharing.recipients[].permissions.can_write": {"true"},
		"chatgpt_projects:sharing.recipients[].permissions.can_view_config": {"true"}},
}

// enumLike are read fields the spec leaves as free strings although the
// checks compare them with fixed values; they get an undocumented-value
// variant (c) too.
var enumLike = []string{"projects:status", tool + "auth_type", "project_api_keys:owner.type"}

// benign are (check, field) pairs where an absent or unknown value cannot
// change the verdict, with the reason. Keep it short: each entry is a claim
// that a pass on missing data is right.
//
// A reason starting with "alone:" excuses the field only when the variant
// varies it alone (the other fields named in the reason are present).
var benign = map[string]map[string]string{
	"archived_project_keys": {
		"projects:status":      "alone: archived_at is reported (null), so the project is known not to be archived",
		"projects:archived_at": "alone: status is reported, so the project's state is known",
	},
	"risky_admin_events": {
		"audit_logs:type":         "the check flags named posture-weakening events; a type it does not know is no evidence of one, and flagging every new type would flag routine events",
		"audit_logs:effective_at": "alone: the event (an API key created for a service account) weakens nothing, whenever it happened",
	},
	"gpt_code_interpreter": {tool + "type": "an unknown or missing tool type is gpt_custom_actions' to report, as a possible action"},
	"gpt_web_browsing":     {tool + "type": "an unknown or missing tool type is gpt_custom_actions' to report, as a possible action"},
	"gpt_external_share": {
		"gpts:sharing":            "GET /gpts/{id}/shared_users, which the check then reads, lists every direct recipient",
		"gpts:sharing.recipients": "GET /gpts/{id}/shared_users, which the check then reads, lists every direct recipient",
		// shared_users is read only for GPTs whose sharing.recipients is
		// absent, null or truncated (the two entries above); the world's
		// GPTs send it whole, emails included, and the check judges that.
		"gpt_shared_users:email": "the GPT's sharing.recipients is a whole array with every recipient's email, so shared_users is not read",
	},
	"gpt_shared_editable": {
		"gpts:sharing.permissions":                 "alone: the GPT is invite-only, so its audience is its recipients, whose own permissions are judged",
		"gpts:sharing.permissions.can_write":       "alone: the GPT is invite-only, so its audience is its recipients, whose own permissions are judged",
		"gpts:sharing.permissions.can_view_config": "alone: the GPT is invite-only, so its audience is its recipients, whose own permissions are judged",
	},
	"project_key_rotation": {"projects:status": "a project of unknown state is judged as active, so its keys are judged", "projects:archived_at": "idem"},
	"project_key_unused": {"projects:status": "a project of unknown state is judged as active, so its keys are judged", "projects:archived_at": "idem",
		"project_api_keys:created_at": "last_used_at is recent, so the key is in use whatever its age"},
	"key_owner_lost_access":     {"projects:status": "a project of unknown state is judged as active, so its keys are judged", "projects:archived_at": "idem"},
	"key_user_owned":            {"projects:status": "a project of unknown state is judged as active, so its keys are judged", "projects:archived_at": "idem"},
	"project_hosted_tools":      {"projects:status": "a project of unknown state is judged as active", "projects:archived_at": "idem"},
	"project_model_permissions": {"projects:status": "a project of unknown state is judged as active", "projects:archived_at": "idem"},
	"data_retention":            {"projects:status": "a project of unknown state is judged as active", "projects:archived_at": "idem"},
	"invite_stale":              {"invites:expires_at": "the pending age (created_at) bounds the invite; the server's status says expired when it is"},
	"admin_key_unused":          {"admin_api_keys:created_at": "last_used_at is recent, so the key is in use whatever its age"},
	"user_inactive": {"users:added_at": "api_key_last_used_at is recent, so the user is active whatever the join date",
		"workspace_users:created_at": "the user has recent conversations, so is active whatever the join date",
		"users:is_service_account":   "a service account is skipped, a person is judged on recent use: both pass"},
	"owner_count": {"users:is_service_account": "a user without the flag is counted as a person, which can only raise the owner count: " +
		"what it may hide is too few owners (a lock-out risk), never too many"},
	"user_not_scim": {"users:is_service_account": "the user is SCIM-managed, so passes whether or not it is a service account"},
	"chatgpt_project_external_share": {
		"chatgpt_projects:sharing":            "GET /projects/{id}/shared_users, which the check then reads, lists every direct recipient",
		"chatgpt_projects:sharing.recipients": "GET /projects/{id}/shared_users, which the check then reads, lists every direct recipient",
		// As for GPTs: shared_users is read only for projects whose
		// sharing.recipients is absent, null or truncated.
		"chatgpt_project_shared_users:email": "the project's sharing.recipients is a whole array with every recipient's email, so shared_users is not read",
	},
	"chatgpt_project_shared_editable": {
		"chatgpt_projects:sharing.permissions":                 "alone: the project is invite-only, so its audience is its recipients, whose own permissions are judged",
		"chatgpt_projects:sharing.permissions.can_write":       "alone: the project is invite-only, so its audience is its recipients, whose own permissions are judged",
		"chatgpt_projects:sharing.permissions.can_view_config": "alone: the project is invite-only, so its audience is its recipients, whose own permissions are judged",
	},
}

// emptyMeansUnknown are nested lists whose being empty says nothing was
// reported (a GPT always has a configuration), as opposed to lists where
// empty is a complete answer (no tools, no files, no recipients).
var emptyMeansUnknown = map[string]bool{
	"gpts:latest_config":             true,
	"chatgpt_projects:latest_config": true,
}

// truncationHarmless are nested lists where has_more says nothing about what
// checks judge: latest_config holds the newest configuration first, and
// has_more can only speak of older versions, which no check reads.
var truncationHarmless = map[string]bool{
	"gpts:latest_config":             true,
	"chatgpt_projects:latest_config": true,
}
