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
  # The checks your baseline will gate, each with its own block whether it
  # fails or passes today: every default check, plus the opt-in ones given
  # parameters (here: the domains GPTs may be shared with).
  parameters = { gpt_external_share = { allowed_domains = ["example.com"] } }

  # Each waiver the baseline adds expires after this many days.
  baseline_waiver_days = 30
}

output "baseline_hcl" {
  description = "One openai_posture_check per evaluated check (passing ones too, with no waiver), each of today's findings waived by subject id and fingerprint."
  value       = data.openai_posture_findings.today.baseline_hcl
}

output "findings_accepted" {
  value = data.openai_posture_findings.today.counts
}
