package posture

// checkControls tags each check with the framework controls it supports
// (frameworks.go; tags are checked against the embedded control lists). A
// tag says that a passing check is evidence toward the control, not that the
// check satisfies it alone. Planned checks of open issues are tagged ahead,
// so they arrive tagged.
var checkControls = func() map[string][]string {
	keyRotation := []string{"iso27001:A.5.17", "soc2:CC6.1"}
	unusedAccess := []string{"cis:5.3", "iso27001:A.5.18", "soc2:CC6.2"}
	revoked := []string{"cis:6.2", "iso27001:A.5.18", "soc2:CC6.2"}
	// Access outliving its owner's employment or role: ISO A.6.5 too.
	ownerGone := append([]string{"iso27001:A.6.5"}, revoked...)
	publicGPT := []string{"owasp-llm:LLM02", "owasp-llm:LLM07", "cis:3.3", "iso27001:A.5.14", "iso27001:A.8.3", "soc2:C1.1", "soc2:CC6.7"}
	workspaceShared := []string{"owasp-llm:LLM02", "cis:3.3", "iso27001:A.8.3", "soc2:C1.1"}
	externalShare := []string{"owasp-llm:LLM02", "cis:3.3", "iso27001:A.5.14", "soc2:C1.1", "soc2:CC6.7"}
	sharedEditable := []string{"owasp-llm:LLM04", "owasp-llm:LLM07", "cis:3.3", "cis:6.8", "iso27001:A.5.15", "iso27001:A.8.3", "soc2:CC6.3"}
	customActions := []string{"owasp-llm:LLM06", "nist-ai-rmf:MAP-4", "iso27001:A.5.23", "iso27001:A.8.9", "soc2:CC9.2"}
	actionDomain := []string{"owasp-llm:LLM02", "owasp-llm:LLM06", "nist-ai-rmf:GOVERN-6", "iso27001:A.5.14", "iso27001:A.5.19", "soc2:CC6.7", "soc2:CC9.2"}
	toolConfig := []string{"owasp-llm:LLM06", "cis:4.1", "iso27001:A.8.9"}
	dlpFiles := []string{"owasp-llm:LLM02", "cis:3.13", "iso27001:A.8.12", "soc2:C1.1"}
	tags := map[string][]string{
		"admin_key_rotation":        keyRotation,
		"admin_key_unused":          append([]string{"iso27001:A.5.17"}, unusedAccess...),
		"key_no_expiry":             keyRotation,
		"project_key_rotation":      keyRotation,
		"project_key_unused":        unusedAccess,
		"key_owner_lost_access":     ownerGone,
		"key_user_owned":            {"cis:5.5", "iso27001:A.5.16", "soc2:CC6.1"},
		"archived_project_keys":     revoked,
		"user_inactive":             unusedAccess,
		"owner_count":               {"nist-ai-rmf:GOVERN-2", "cis:5.4", "iso27001:A.8.2", "soc2:CC6.3"},
		"user_not_scim":             {"cis:5.6", "cis:6.7", "iso27001:A.5.16", "soc2:CC6.2"},
		"invite_high_privilege":     {"cis:6.1", "iso27001:A.8.2", "soc2:CC6.2", "soc2:CC6.3"},
		"invite_stale":              {"cis:6.1", "iso27001:A.5.18", "soc2:CC6.2"},
		"project_hosted_tools":      toolConfig,
		"project_model_permissions": {"owasp-llm:LLM03", "nist-ai-rmf:GOVERN-6", "cis:2.5", "iso27001:A.8.9"},
		"spend_limit":               {"owasp-llm:LLM10", "iso27001:A.8.6", "soc2:A1.1"},
		"data_retention":            {"owasp-llm:LLM02", "cis:3.4", "iso27001:A.5.34", "iso27001:A.8.10", "soc2:C1.2"},
		"certificate_expiry":        {"cis:3.10", "iso27001:A.8.24", "soc2:CC6.7"},
		"audit_logging":             {"nist-ai-rmf:MEASURE-3", "cis:8.2", "iso27001:A.8.15", "soc2:CC7.2"},
		"risky_admin_events":        {"nist-ai-rmf:MEASURE-3", "cis:8.11", "iso27001:A.8.15", "iso27001:A.8.16", "soc2:CC7.2", "soc2:CC7.3"},
		"gpt_custom_actions":        customActions,
		"gpt_code_interpreter":      toolConfig,
		"gpt_web_browsing":          append([]string{"owasp-llm:LLM01"}, toolConfig...),
		"gpt_public_store":          publicGPT,
		"gpt_public_link":           publicGPT,
		"gpt_workspace_shared":      workspaceShared,
		"gpt_action_domain":         actionDomain,
		"gpt_action_no_auth":        {"owasp-llm:LLM06", "iso27001:A.8.5", "soc2:CC6.1"},
		"gpt_external_share":        externalShare,
		"gpt_shared_editable":       sharedEditable,
		"gpt_orphaned":              {"cis:6.2", "iso27001:A.5.9", "iso27001:A.6.5", "soc2:CC6.2"},
		"dlp_conversation_file":     dlpFiles,
		"dlp_gpt_file":              dlpFiles,
		"dlp_project_file":          dlpFiles,
		"dlp_gpt_instructions":      {"owasp-llm:LLM02", "owasp-llm:LLM07", "cis:3.13", "iso27001:A.5.17", "iso27001:A.8.12", "soc2:C1.1"},
		"role_admin_permissions":    {"cis:5.4", "cis:6.8", "iso27001:A.5.15", "iso27001:A.8.2", "soc2:CC6.3"},
		"group_not_scim_managed":    {"cis:5.6", "cis:6.7", "iso27001:A.5.16", "soc2:CC6.2"},

		// Planned (issues 11 and 12).
		"chatgpt_project_public_link":     publicGPT,
		"chatgpt_project_external_share":  externalShare,
		"chatgpt_project_shared_editable": sharedEditable,
		"chatgpt_project_custom_actions":  customActions,
		"chatgpt_project_action_domain":   actionDomain,
		"dlp_gpt_file_content":            dlpFiles,
		"dlp_project_file_content":        dlpFiles,
		"dlp_conversation_file_content":   dlpFiles,
		"dlp_memory":                      dlpFiles,
	}
	for id, t := range tags {
		t = append([]string(nil), t...)
		sortTags(t)
		tags[id] = t
	}
	return tags
}()
