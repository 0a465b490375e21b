# One configuration, two providers: the official openai/openai provider
# manages organization objects, this one reads and judges the organization.
# Both are called "openai" by default, so each gets its own local name.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    openai = {
      source = "openai/openai"
    }
    posture = {
      source = "openai-posture/openai"
    }
  }
}

variable "service_projects" {
  description = "Projects where only service accounts may own API keys (existing project ids)."
  type        = list(string)
  default     = ["proj_abc123"]
}

# Both read the admin key from OPENAI_ADMIN_KEY.
provider "openai" {}

provider "posture" {}

# Managed by the official provider.
resource "openai_project" "batch" {
  name = "batch-jobs"
}

resource "openai_project_service_account" "batch" {
  project_id = openai_project.batch.id
  name       = "batch-runner"
}

resource "openai_project_model_permissions" "batch" {
  project_id = openai_project.batch.id
  mode       = "allow_list"
  model_ids  = ["gpt-4.1-mini"]
}

# Judged by this provider. Resource types starting with "openai_" belong to
# the provider named "openai" unless told otherwise: every block of this
# provider needs provider = posture.
resource "openai_posture_check" "key_user_owned" {
  provider = posture

  check = "key_user_owned"
  # Checks judge the organization as it is when Terraform plans them, so
  # their parameters must be known then: literal ids or variables, not
  # attributes of resources this run creates.
  parameters = { projects = var.service_projects }
}

resource "openai_posture_check" "project_model_permissions" {
  provider = posture

  check = "project_model_permissions"
}

resource "openai_posture_check" "admin_key_rotation" {
  provider = posture

  check = "admin_key_rotation"
}

data "openai_projects" "all" {
  provider = posture
}

output "archived_projects" {
  value = [for p in data.openai_projects.all.projects : p.name if p.archived]
}
