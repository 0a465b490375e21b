# The gate root module of the pipeline guide: the baseline. Its plan fails
# (exit code 1) while a check with enforcement "error" has unwaived findings
# or cannot read the data it needs.
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}

resource "openai_posture_check" "admin_key_rotation" {
  check = "admin_key_rotation"
}

resource "openai_posture_check" "gpt_public_store" {
  check = "gpt_public_store"
}

resource "openai_posture_check" "gpt_external_share" {
  check      = "gpt_external_share"
  parameters = { allowed_domains = ["example.com"] }
}

resource "openai_posture_check" "dlp_gpt_file" {
  check      = "dlp_gpt_file"
  parameters = { patterns = ["*.pem", "*.key"] }
}
