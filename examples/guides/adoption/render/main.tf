# Step 1 of the adoption guide: render a baseline that accepts today's
# findings. Apply it (it only reads), then write the baseline with
#   terraform output -raw baseline_hcl > ../baseline/accepted.tf
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}

data "openai_posture_findings" "today" {
  # The checks your baseline will gate (here: every default check).
  # Each waiver the baseline adds expires after this many days.
  baseline_waiver_days = 30
}

output "baseline_hcl" {
  description = "One openai_posture_check per failing check, today's findings waived by subject id."
  value       = data.openai_posture_findings.today.baseline_hcl
}

output "findings_accepted" {
  value = data.openai_posture_findings.today.counts
}
