# The drift root module of the pipeline guide: the accepted posture, kept in
# state. Apply on merge records the findings; the nightly
# `terraform plan -detailed-exitcode` exits 2 when they changed since.
terraform {
  # Any standard backend keeps the state: s3, azurerm, gcs, http (GitLab's
  # managed state), remote/cloud (HCP Terraform). Here a local file the CI
  # runner caches between runs.
  backend "local" {
    path = ".posture-state/terraform.tfstate"
  }

  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}

# enforcement = "warn": a new finding is a change to review (exit 2), not a
# failed plan (exit 1); the pull-request gate keeps enforcement "error".
resource "openai_posture_check" "admin_key_rotation" {
  check       = "admin_key_rotation"
  enforcement = "warn"
}

resource "openai_posture_check" "gpt_public_link" {
  check       = "gpt_public_link"
  enforcement = "warn"
}
