# Admin keys must be rotated every 90 days (the check's default). With the
# default enforcement ("error"), the plan fails while any admin key is older.
resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}

# A stricter threshold for project keys, and a reviewed exception: the waived
# key is still reported (waived = true) but does not fail the plan, until the
# waiver expires. A waiver names the subject's id, as the plan prints it
# ("project_api_key batch-export-key (key_batchExport7Q)").
resource "openai_posture_check" "project_key_rotation" {
  check      = "project_key_rotation"
  parameters = { max_age_days = 60 }

  waivers = [
    {
      subject       = "key_batchExport7Q"
      justification = "Nightly export still uses it; moving to a service account key in SEC-1234."
      expires       = "2027-06-30"
    },
  ]
}

# Report GPTs with web browsing as warnings, without failing the plan.
resource "openai_posture_check" "gpt_web_browsing" {
  check       = "gpt_web_browsing"
  enforcement = "warn"
}

# Opt-in checks take declarations: here, the only domains GPTs may be shared
# with, and file names nobody should upload. The finding's subject is the GPT,
# so the waiver names the GPT shared with the auditors: a share of any other
# GPT outside the allowed domains still fails the plan.
resource "openai_posture_check" "gpt_external_share" {
  check      = "gpt_external_share"
  parameters = { allowed_domains = ["example.com", "example.org"] }

  waivers = [
    {
      subject       = "g-AuditWorkpapers"
      justification = "Shared with the external auditors (auditor.example), engagement letter 2025-11."
      expires       = "2027-03-31"
    },
  ]
}

resource "openai_posture_check" "dlp_gpt_file" {
  check = "dlp_gpt_file"
  parameters = {
    # Globs are case-insensitive; "re:" starts a regular expression.
    patterns = ["*.pem", "*.key", "re:(?i)salar(y|ies)"]
  }
}

# The recorded posture, for dashboards or other modules.
output "failing_checks" {
  value = [
    for c in [
      openai_posture_check.admin_key_rotation,
      openai_posture_check.project_key_rotation,
      openai_posture_check.gpt_web_browsing,
      openai_posture_check.gpt_external_share,
      openai_posture_check.dlp_gpt_file,
    ] : "${c.check}: ${c.finding_count} finding(s)" if !c.passed
  ]
}
