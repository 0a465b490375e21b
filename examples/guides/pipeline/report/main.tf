# The report root module of the pipeline guide: no resources, only
# data "openai_posture_findings". Its plan never fails on findings (only on
# data it cannot read), so it always produces the reports, even when the
# baseline's plan fails.
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

# Keys, workspace id and base URLs come from the environment
# (OPENAI_ADMIN_KEY, OPENAI_COMPLIANCE_API_KEY, OPENAI_WORKSPACE_ID).
provider "openai" {}

# Every default check, plus the opt-in checks named in parameters. Keep the
# parameters and waivers in step with the baseline's openai_posture_check
# blocks, so the report and the gate agree.
data "openai_posture_findings" "all" {
  parameters = {
    gpt_external_share = { allowed_domains = ["example.com"] }
    dlp_gpt_file       = { patterns = ["*.pem", "*.key"] }
  }
}

output "passed" {
  value = data.openai_posture_findings.all.passed
}

output "score" {
  value = data.openai_posture_findings.all.score
}

output "counts" {
  value = data.openai_posture_findings.all.counts
}

output "sarif" {
  value = data.openai_posture_findings.all.sarif
}

output "junit" {
  value = data.openai_posture_findings.all.junit
}

output "json" {
  value = data.openai_posture_findings.all.json
}
