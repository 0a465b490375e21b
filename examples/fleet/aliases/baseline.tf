# The baseline every organization is held to: the same checks, thresholds and
# enforcement everywhere; waivers are per organization.
locals {
  checks = [
    "admin_key_rotation",
    "admin_key_unused",
    "project_key_rotation",
    "project_key_unused",
    "gpt_public_store",
    "gpt_external_share",
    "dlp_gpt_file",
  ]
  parameters = {
    admin_key_rotation = { max_age_days = 90 }
    gpt_external_share = { allowed_domains = ["example.com"] }
    dlp_gpt_file       = { patterns = ["*.pem", "re:(?i)salar(y|ies)"] }
  }
}
