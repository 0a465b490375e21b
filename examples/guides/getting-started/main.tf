terraform {
  required_version = ">= 1.5.0"

  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

# OPENAI_ADMIN_KEY, OPENAI_COMPLIANCE_API_KEY and OPENAI_WORKSPACE_ID come
# from the environment; nothing secret is written here.
provider "openai" {}

# Admin API: keys rotated within 90 days, no pending owner invites.
resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}

resource "openai_posture_check" "invite_high_privilege" {
  check = "invite_high_privilege"
}

# Compliance API: no GPT published to the GPT Store or reachable by link.
resource "openai_posture_check" "gpt_public_store" {
  check = "gpt_public_store"
}

resource "openai_posture_check" "gpt_public_link" {
  check = "gpt_public_link"
}

# Report, without failing the plan, GPTs with custom actions.
resource "openai_posture_check" "gpt_custom_actions" {
  check       = "gpt_custom_actions"
  enforcement = "warn"
}

# An inventory next to the checks.
data "openai_gpts" "all" {}

output "gpts_by_visibility" {
  value = { for g in data.openai_gpts.all.gpts : g.id => g.visibility }
}
