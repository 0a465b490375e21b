package openaisim

// SeededViolation says which subjects of SampleOrg() a check is expected to flag.
type SeededViolation struct {
	// Subjects are the ids of the flagged subjects (key, user, invite, project, GPT,
	// conversation, audit event id; DLP findings are about the GPT, ChatGPT project or
	// conversation holding the file), or "organization" / "workspace" for org-level checks.
	Subjects []string
	// Baseline names the baseline parameter an opt-in check needs to fire on the
	// sample; "" means the check fires at its default threshold.
	Baseline string
	// Note explains the seed (names/emails in the fixture say the same).
	Note string
}

// Baseline parameters that make the opt-in checks fire on SampleOrg() and stay silent on
// CleanOrg().
var (
	SeedDLPPatterns           = []string{"*.pem", "re:(?i)salar(y|ies)"} // the posture pattern syntax: glob, or re: + regex
	SeedAllowedActionDomains  = []string{"api.example.com"}
	SeedVerifiedDomains       = []string{"example.com"}
	SeedUserOwnedKeyProjects  = []string{"proj_sim_production"}
	SeedAllowedHostedTools    = []string{"file_search", "web_search", "image_generation", "code_interpreter"}
	SeedDeclaredDataRetention = "zero_data_retention"
)

// SeededViolations maps every check id of CHECKS.md to the subjects SampleOrg() seeds
// for it. With default thresholds plus the Seed* parameters above, a posture
// evaluation of SampleOrg() should produce exactly these findings (and CleanOrg() none).
//
// Exception: audit_logging needs unreadable audit logs, which would hide the events
// risky_admin_events needs; it is seeded in SampleOrgAuditLogsUnreadable() instead.
//
// Conventions assumed for "exactly": lists are read with owner_project_access=any and
// include_archived=true; user_inactive only considers workspace users with status
// "active" (every active one but the dormant user has a recent conversation) and org
// users by api_key_last_used_at; owner_count counts org owners and workspace
// account-owner+account-admin separately (sample: 5 org owners, 2 workspace).
var SeededViolations = map[string]SeededViolation{
	"gpt_custom_actions": {
		Subjects: []string{"g-SimCustomAction", "g-SimActionNoAuth"},
		Note:     "Invoice Lookup (oauth action to api.example.com) and Weather Bot (no-auth action)",
	},
	"gpt_code_interpreter": {Subjects: []string{"g-SimCodeInterpreter"}},
	"gpt_web_browsing":     {Subjects: []string{"g-SimWebBrowsing"}},
	"gpt_public_store":     {Subjects: []string{"g-SimGptStore"}, Note: "visibility gpt-store"},
	"gpt_public_link":      {Subjects: []string{"g-SimPublicLink"}, Note: "visibility anyone-with-link"},
	"admin_key_rotation": {
		Subjects: []string{"key_sim_legacy_admin_400d"},
		Note:     "legacy-admin-key-400d: created 400 days ago (default 90)",
	},
	"project_key_rotation": {
		Subjects: []string{"key_sim_proj_legacy_200d"},
		Note:     "proj-key-200d-old in proj_sim_default (default 90 days)",
	},
	"admin_key_unused": {
		Subjects: []string{"key_sim_admin_never_used"},
		Note:     "admin-key-never-used-50d: last_used_at null, created 50 days ago (default 45)",
	},
	"project_key_unused": {
		Subjects: []string{"key_sim_proj_unused_60d"},
		Note:     "proj-key-unused-60d: last used 60 days ago (default 45)",
	},
	"invite_high_privilege": {
		Subjects: []string{"invite-sim-pending-owner", "invite-sim-pending-project-owner"},
		Note:     "pending org-owner invite; pending reader invite with project role owner",
	},
	"user_inactive": {
		Subjects: []string{"user_sim_inactive_120d", "user-ws-dormant"},
		Note:     "org user api_key_last_used_at 120 days ago; workspace user whose last conversation is 100 days old (default 90)",
	},
	"invite_stale": {
		Subjects: []string{"invite-sim-stale-30d", "invite-sim-expired-not-cleaned"},
		Note:     "pending for 30 days (default 14); status expired and not deleted",
	},
	"dlp_conversation_file": {
		Subjects: []string{"0c9b1d2e-0000-4000-8000-0000000ac001"},
		Baseline: `patterns ["*.pem", "re:(?i)salar(y|ies)"] (SeedDLPPatterns)`,
		Note:     "file-SimIdRsaBackup (id_rsa_backup.pem) in conversation 0c9b1d2e-0000-4000-8000-0000000ac001 (user-ws-erin)",
	},
	"dlp_gpt_file": {
		Subjects: []string{"g-SimKnowledgeLeak"},
		Baseline: `patterns ["*.pem", "re:(?i)salar(y|ies)"] (SeedDLPPatterns)`,
		Note:     "file-SimProdTlsPem (prod-tls-private.pem), knowledge file of g-SimKnowledgeLeak",
	},
	"dlp_project_file": {
		Subjects: []string{"g-p-SimPayroll"},
		Baseline: `patterns ["*.pem", "re:(?i)salar(y|ies)"] (SeedDLPPatterns)`,
		Note:     "file-SimSalaryBands (salary-bands-2026.xlsx) in ChatGPT project g-p-SimPayroll",
	},
	"gpt_action_domain": {
		Subjects: []string{"g-SimActionNoAuth"},
		Baseline: `allowed domains ["api.example.com"] (SeedAllowedActionDomains)`,
		Note:     "action_domain weather.untrusted-api.test",
	},
	"gpt_action_no_auth": {Subjects: []string{"g-SimActionNoAuth"}, Note: "auth_type none"},
	"gpt_workspace_shared": {
		Subjects: []string{"g-SimWorkspaceShared"},
		Baseline: "check enabled (opt-in: workspace sharing is allowed by default)",
		Note:     "visibility workspace",
	},
	"gpt_external_share": {
		Subjects: []string{"g-SimExternalShare"},
		Baseline: `verified domains ["example.com"] (SeedVerifiedDomains)`,
		Note:     "recipient and shared user contractor@outside-partner.test",
	},
	"gpt_shared_editable": {
		Subjects: []string{"g-SimEditableShare"},
		Note:     "recipient carol@example.com with can_write and can_view_config",
	},
	"gpt_orphaned": {
		Subjects: []string{"g-SimOrphaned"},
		Note:     "owner user-ws-departed has status inactive",
	},
	"dlp_gpt_file_content": {
		Subjects: []string{"g-SimKnowledgeLeak"},
		Baseline: "check enabled (opt-in: downloads every knowledge file)",
		Note:     "vendor-notes.docx holds the fake AWS key id FakeSecret(FakeAWSAccessKeyID); not scanned: board-minutes.pdf (encrypted), old-export.txt (410), huge-dump.txt (over the 20 MiB cap)",
	},
	"dlp_project_file_content": {
		Subjects: []string{"g-p-SimPayroll"},
		Baseline: "check enabled (opt-in: downloads every project file)",
		Note:     "payroll-export.csv holds a checksum-valid IBAN and a Luhn-valid test card number",
	},
	"dlp_conversation_file_content": {
		Subjects: []string{"0c9b1d2e-0000-4000-8000-0000000ac001"},
		Baseline: "check enabled (opt-in: downloads files attached in the last 30 days)",
		Note:     "debug-notes.pdf (attached a day ago) holds the fake GitHub token FakeSecret(FakeGitHubPAT)",
	},
	"dlp_memory": {
		Subjects: []string{"user-ws-departed"},
		Baseline: "check enabled (opt-in)",
		Note:     "memory mem-SimSsn of the departed user holds a US SSN in the issued ranges; user-ws-dan's memory holds 666-12-3456, which the SSA never issues",
	},
	"dlp_gpt_instructions": {
		Subjects: []string{"g-SimSecretInstructions"},
		Note:     "instructions hold the fake private key and AWS key id FakeSecret(FakePrivateKey), FakeSecret(FakeAWSAccessKeyID): found by gitleaks' private-key and aws-access-token rules",
	},
	"key_no_expiry": {
		Subjects: []string{"key_sim_admin_no_expiry"},
		Baseline: "check enabled (opt-in)",
		Note:     "admin-key-without-expiry: expires_at null",
	},
	"key_owner_lost_access": {
		Subjects: []string{"key_sim_owner_left_project"},
		Note:     "key-owner-left-project in proj_sim_research: owner_project_access inactive (listed only with owner_project_access=inactive|any)",
	},
	"key_user_owned": {
		Subjects: []string{"key_sim_prod_user_owned"},
		Baseline: `projects ["proj_sim_production"] (SeedUserOwnedKeyProjects)`,
		Note:     "user-owned-key-in-production, owner user_sim_bob",
	},
	"archived_project_keys": {
		Subjects: []string{"proj_sim_archived_with_keys"},
		Note:     "archived project with key_sim_archived_leftover",
	},
	"owner_count": {
		Subjects: []string{"organization"},
		Note:     "5 org owners (default 1..4): alice, bob, third/fourth/fifth-org-owner@example.com",
	},
	"user_not_scim": {
		Subjects: []string{"user_sim_not_scim"},
		Baseline: "check enabled (opt-in)",
		Note:     "not-scim-managed@example.com: is_scim_managed false",
	},
	"project_hosted_tools": {
		Subjects: []string{"proj_sim_mcp_enabled"},
		Baseline: `allowed tools ["file_search","web_search","image_generation","code_interpreter"] (SeedAllowedHostedTools)`,
		Note:     "mcp enabled; every other project disables mcp explicitly",
	},
	"project_model_permissions": {
		Subjects: []string{"proj_sim_no_model_allowlist", "proj_sim_model_denylist"},
		Baseline: "check enabled (opt-in)",
		Note:     "no model permissions (GET 404) and a deny_list instead of an allow_list",
	},
	"spend_limit": {
		Subjects: []string{"organization"},
		Note:     "org spend limit enforcement status inactive",
	},
	"data_retention": {
		Subjects: []string{"proj_sim_retention_none"},
		Baseline: `declared mode "zero_data_retention" (SeedDeclaredDataRetention)`,
		Note:     "org is zero_data_retention; this project overrides it with none (others inherit organization_default)",
	},
	"certificate_expiry": {
		Subjects: []string{"cert_sim_expiring_10d"},
		Note:     "active certificate expiring in 10 days (default 30); an inactive one expiring in 5 days is not a finding",
	},
	"audit_logging": {
		Subjects: []string{"organization"},
		Note:     "seeded only in SampleOrgAuditLogsUnreadable(): GET /organization/audit_logs answers 403",
	},
	"risky_admin_events": {
		Subjects: []string{"audit_log-sim-scim-disabled", "audit_log-sim-ip-allowlist-deleted", "audit_log-sim-user-key-created"},
		Note:     "within the last 7 days: scim.disabled, ip_allowlist.deleted, api_key.created by a user session; the 30-day-old scim.disabled is outside the window",
	},
	"chatgpt_project_public_link":     {Subjects: []string{"g-p-SimPublicLink", "g-p-SimThirdParty"}, Note: "anyone-with-link; a third-party project (no sharing sent)"},
	"chatgpt_project_external_share":  {Subjects: []string{"g-p-SimVendorShare", "g-p-SimThirdParty"}, Baseline: `allowed_domains ["example.com"] (SeedVerifiedDomains)`, Note: "recipient pm@vendor-partner.test; the third-party project"},
	"chatgpt_project_shared_editable": {Subjects: []string{"g-p-SimVendorShare", "g-p-SimThirdParty"}, Note: "the vendor recipient has can_write; the third-party project"},
	"chatgpt_project_custom_actions":  {Subjects: []string{"g-p-SimActions"}, Note: "actions to api.example.com and hooks.untrusted-relay.test"},
	"chatgpt_project_action_domain":   {Subjects: []string{"g-p-SimActions"}, Baseline: `allowed_domains ["api.example.com"] (SeedAllowedActionDomains)`, Note: "hooks.untrusted-relay.test"},
	"role_admin_permissions": {
		Subjects: []string{"role_sim_group_manager"},
		Note:     "custom role API Group Manager grants api.groups.write; the read-only Key Auditor, the predefined roles and the project-scoped role are not findings. Assigned to the existing owner third-org-owner, so owner_count stays at 5",
	},
	"group_not_scim_managed": {
		Subjects: []string{"group_sim_contractors"},
		Baseline: "check enabled (opt-in)",
		Note:     "Contractors (manual): is_scim_managed false; the other two groups are SCIM-managed. Platform Admins holds the owner role with members alice and bob, already owners",
	},
}
