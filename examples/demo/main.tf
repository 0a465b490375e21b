# The example baseline: every check of the catalog, planned by `make demo`
# against the simulator. One block per rule, so a pull request that loosens a
# rule or adds a waiver is a diff of exactly that block. Keys, base URLs and
# the workspace id come from the environment (OPENAI_ADMIN_KEY,
# OPENAI_COMPLIANCE_API_KEY, OPENAI_WORKSPACE_ID, OPENAI_ADMIN_BASE_URL,
# OPENAI_COMPLIANCE_BASE_URL).
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}

variable "enforcement" {
  description = "error fails the plan on findings; warn reports them as warnings."
  type        = string
  default     = "error"
}

locals {
  # Globs are case-insensitive; "re:" starts a regular expression.
  sensitive_file_patterns = ["*.pem", "re:(?i)salar(y|ies)"]

  # The declarations of the checks that need them, shared by the rules below
  # and by the report at the end of this file.
  declarations = {
    dlp_conversation_file = { patterns = local.sensitive_file_patterns }
    dlp_gpt_file          = { patterns = local.sensitive_file_patterns }
    dlp_project_file      = { patterns = local.sensitive_file_patterns }
    gpt_action_domain     = { allowed_domains = ["api.example.com"] }
    gpt_external_share    = { allowed_domains = ["example.com"] }
    key_user_owned        = { projects = ["proj_sim_production"] }
    project_hosted_tools  = { allowed_tools = ["file_search", "web_search", "image_generation", "code_interpreter"] }
    data_retention        = { mode = "zero_data_retention" }
    # ChatGPT projects: the same domains as the GPTs.
    chatgpt_project_action_domain  = { allowed_domains = ["api.example.com"] }
    chatgpt_project_external_share = { allowed_domains = ["example.com"] }
    # Opt-in checks without parameters.
    gpt_workspace_shared      = {}
    key_no_expiry             = {}
    user_not_scim             = {}
    project_model_permissions = {}
    group_not_scim_managed    = {}
  }
}

# Admin keys older than 90 days (parameter max_age_days).
resource "openai_posture_check" "admin_key_rotation" {
  check       = "admin_key_rotation"
  enforcement = var.enforcement
}

# Admin keys unused for 45 days, or never used.
resource "openai_posture_check" "admin_key_unused" {
  check       = "admin_key_unused"
  enforcement = var.enforcement
}

# Project keys older than 90 days.
resource "openai_posture_check" "project_key_rotation" {
  check       = "project_key_rotation"
  enforcement = var.enforcement
}

# Project keys unused for 45 days, or never used.
resource "openai_posture_check" "project_key_unused" {
  check       = "project_key_unused"
  enforcement = var.enforcement
}

# Keys whose owner no longer has access to the project.
resource "openai_posture_check" "key_owner_lost_access" {
  check       = "key_owner_lost_access"
  enforcement = var.enforcement
}

# Archived projects that still hold API keys.
resource "openai_posture_check" "archived_project_keys" {
  check       = "archived_project_keys"
  enforcement = var.enforcement
}

# Pending invites with the owner role.
resource "openai_posture_check" "invite_high_privilege" {
  check       = "invite_high_privilege"
  enforcement = var.enforcement
}

# Invites pending for more than 14 days, or expired and not cleaned up.
resource "openai_posture_check" "invite_stale" {
  check       = "invite_stale"
  enforcement = var.enforcement
}

# Org and workspace users inactive for 90 days.
resource "openai_posture_check" "user_inactive" {
  check       = "user_inactive"
  enforcement = var.enforcement
}

# Between 1 and 4 owners.
resource "openai_posture_check" "owner_count" {
  check       = "owner_count"
  enforcement = var.enforcement
}

# GPTs with custom actions.
resource "openai_posture_check" "gpt_custom_actions" {
  check       = "gpt_custom_actions"
  enforcement = var.enforcement
}

# Custom actions without authentication.
resource "openai_posture_check" "gpt_action_no_auth" {
  check       = "gpt_action_no_auth"
  enforcement = var.enforcement
}

# GPTs with code interpreter.
resource "openai_posture_check" "gpt_code_interpreter" {
  check       = "gpt_code_interpreter"
  enforcement = var.enforcement
}

# GPTs with web browsing.
resource "openai_posture_check" "gpt_web_browsing" {
  check       = "gpt_web_browsing"
  enforcement = var.enforcement
}

# GPTs published to the GPT Store.
resource "openai_posture_check" "gpt_public_store" {
  check       = "gpt_public_store"
  enforcement = var.enforcement
}

# GPTs reachable by anyone with the link.
resource "openai_posture_check" "gpt_public_link" {
  check       = "gpt_public_link"
  enforcement = var.enforcement
}

# GPTs shared with edit or view-config permission.
resource "openai_posture_check" "gpt_shared_editable" {
  check       = "gpt_shared_editable"
  enforcement = var.enforcement
}

# GPTs whose owner is inactive or gone.
resource "openai_posture_check" "gpt_orphaned" {
  check       = "gpt_orphaned"
  enforcement = var.enforcement
}

# Secrets pasted into GPT instructions or action schemas (gitleaks' rules;
# turn single rules off by id, e.g. disabled_detectors = ["generic-api-key"]).
resource "openai_posture_check" "dlp_gpt_instructions" {
  check       = "dlp_gpt_instructions"
  enforcement = var.enforcement
}

# An enforcing hard spend limit.
resource "openai_posture_check" "spend_limit" {
  check       = "spend_limit"
  enforcement = var.enforcement
}

# mTLS certificates expiring within 30 days.
resource "openai_posture_check" "certificate_expiry" {
  check       = "certificate_expiry"
  enforcement = var.enforcement
}

# The audit log must be readable.
resource "openai_posture_check" "audit_logging" {
  check       = "audit_logging"
  enforcement = var.enforcement
}

# SCIM disabled, IP allow-list removed, SSO changed... in the last 7 days.
resource "openai_posture_check" "risky_admin_events" {
  check       = "risky_admin_events"
  enforcement = var.enforcement
}

# Opt-in: GPTs shared with the whole workspace.
resource "openai_posture_check" "gpt_workspace_shared" {
  check       = "gpt_workspace_shared"
  enforcement = var.enforcement
}

# Opt-in: admin keys without an expiry.
resource "openai_posture_check" "key_no_expiry" {
  check       = "key_no_expiry"
  enforcement = var.enforcement
}

# Opt-in: org users not managed by SCIM.
resource "openai_posture_check" "user_not_scim" {
  check       = "user_not_scim"
  enforcement = var.enforcement
}

# Opt-in: projects without a model allow-list.
resource "openai_posture_check" "project_model_permissions" {
  check       = "project_model_permissions"
  enforcement = var.enforcement
}

# Files attached to conversations.
resource "openai_posture_check" "dlp_conversation_file" {
  check       = "dlp_conversation_file"
  enforcement = var.enforcement
  parameters  = local.declarations.dlp_conversation_file
}

# GPT knowledge files.
resource "openai_posture_check" "dlp_gpt_file" {
  check       = "dlp_gpt_file"
  enforcement = var.enforcement
  parameters  = local.declarations.dlp_gpt_file
}

# ChatGPT project files.
resource "openai_posture_check" "dlp_project_file" {
  check       = "dlp_project_file"
  enforcement = var.enforcement
  parameters  = local.declarations.dlp_project_file
}

# Custom actions may only call these domains.
resource "openai_posture_check" "gpt_action_domain" {
  check       = "gpt_action_domain"
  enforcement = var.enforcement
  parameters  = local.declarations.gpt_action_domain
}

# GPTs may only be shared with these domains.
resource "openai_posture_check" "gpt_external_share" {
  check       = "gpt_external_share"
  enforcement = var.enforcement
  parameters  = local.declarations.gpt_external_share
}

# Only service accounts may own keys in production.
resource "openai_posture_check" "key_user_owned" {
  check       = "key_user_owned"
  enforcement = var.enforcement
  parameters  = local.declarations.key_user_owned
}

# Hosted tools projects may enable.
resource "openai_posture_check" "project_hosted_tools" {
  check       = "project_hosted_tools"
  enforcement = var.enforcement
  parameters  = local.declarations.project_hosted_tools
}

# Zero data retention for the org and every project.
resource "openai_posture_check" "data_retention" {
  check       = "data_retention"
  enforcement = var.enforcement
  parameters  = local.declarations.data_retention
}

# ChatGPT projects reachable by anyone with the link (or third-party ones).
resource "openai_posture_check" "chatgpt_project_public_link" {
  check       = "chatgpt_project_public_link"
  enforcement = var.enforcement
}

# ChatGPT projects may only be shared with these domains.
resource "openai_posture_check" "chatgpt_project_external_share" {
  check       = "chatgpt_project_external_share"
  enforcement = var.enforcement
  parameters  = local.declarations.chatgpt_project_external_share
}

# ChatGPT projects shared with edit or view-config permission.
resource "openai_posture_check" "chatgpt_project_shared_editable" {
  check       = "chatgpt_project_shared_editable"
  enforcement = var.enforcement
}

# ChatGPT projects with custom actions, one finding per action domain.
resource "openai_posture_check" "chatgpt_project_custom_actions" {
  check       = "chatgpt_project_custom_actions"
  enforcement = var.enforcement
}

# ChatGPT project actions may only call these domains.
resource "openai_posture_check" "chatgpt_project_action_domain" {
  check       = "chatgpt_project_action_domain"
  enforcement = var.enforcement
  parameters  = local.declarations.chatgpt_project_action_domain
}

# File content and memories (opt-in: one download per file, 100 a minute).
# Secrets by gitleaks' rules (the same as dlp_gpt_instructions), card numbers,
# IBANs and US SSNs.
resource "openai_posture_check" "dlp_gpt_file_content" {
  check       = "dlp_gpt_file_content"
  enforcement = var.enforcement
}

resource "openai_posture_check" "dlp_project_file_content" {
  check       = "dlp_project_file_content"
  enforcement = var.enforcement
}

# Files attached to conversations in the last 30 days.
resource "openai_posture_check" "dlp_conversation_file_content" {
  check       = "dlp_conversation_file_content"
  enforcement = var.enforcement
}

resource "openai_posture_check" "dlp_memory" {
  check       = "dlp_memory"
  enforcement = var.enforcement
}

# Custom roles with administrative permissions (allow-list: allowed_roles).
resource "openai_posture_check" "role_admin_permissions" {
  check       = "role_admin_permissions"
  enforcement = var.enforcement
}

# Opt-in: groups maintained by hand while SCIM is in use.
resource "openai_posture_check" "group_not_scim_managed" {
  check       = "group_not_scim_managed"
  enforcement = var.enforcement
}
