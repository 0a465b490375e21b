# Every default check, two opt-in ones with their declarations, and a waiver.
data "openai_posture_findings" "all" {
  parameters = {
    admin_key_rotation = { max_age_days = 60 }
    dlp_gpt_file       = { patterns = ["*.pem", "*.key", "re:(?i)salar(y|ies)"] }
    gpt_external_share = { allowed_domains = ["example.com"] }
  }

  waivers = [{
    check         = "gpt_code_interpreter"
    subject       = "g-DataAnalyst"
    justification = "Approved by security review SEC-1234."
    expires       = "2027-03-31"
  }]
}

output "posture_score" {
  value = data.openai_posture_findings.all.score
}

output "high_findings" {
  value = data.openai_posture_findings.all.counts["high"]
}

# The reports, for a pipeline to write with `terraform output -raw sarif > posture.sarif`.
output "sarif" {
  value = data.openai_posture_findings.all.sarif
}

output "junit" {
  value = data.openai_posture_findings.all.junit
}
