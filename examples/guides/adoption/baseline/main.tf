# Step 2 of the adoption guide: the gate. accepted.tf, written by step 1,
# sits next to this file; review it, replace each "TODO:" justification,
# and commit both.
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}
