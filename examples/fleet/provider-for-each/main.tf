# A fleet in one root module with OpenTofu's provider for_each (OpenTofu 1.9
# and later; Terraform rejects `for_each` in a provider block): one provider
# instance and one baseline instance per entry of var.organizations. Adding
# an organization is one map entry.
#
# Removing an organization: OpenTofu needs the provider instance to plan the
# removal of that organization's resources, so first remove them
# (`tofu state rm 'module.baseline["old"]'`; they change nothing in OpenAI),
# then the map entry.
terraform {
  required_version = ">= 1.9.0"
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {
  alias    = "by_org"
  for_each = var.organizations

  admin_api_key       = var.api_keys[each.key].admin
  compliance_api_key  = var.api_keys[each.key].compliance
  workspace_id        = each.value.workspace_id
  organization_id     = each.value.organization_id
  admin_base_url      = each.value.admin_base_url
  compliance_base_url = each.value.compliance_base_url
}

module "baseline" {
  source    = "../../modules/posture-baseline"
  for_each  = var.organizations
  providers = { openai.org = openai.by_org[each.key] }

  organization = each.key
  checks       = local.checks
  parameters   = local.parameters
  enforcement  = var.enforcement
}

locals {
  fleet = module.baseline
}
