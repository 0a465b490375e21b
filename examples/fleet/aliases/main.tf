# A fleet in one root module: one provider configuration per organization
# (an alias each), one instance of the baseline module per organization.
# Works on Terraform 1.5+ and OpenTofu. Adding an organization is three
# blocks: its provider, its module, and its line in the outputs.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {
  alias               = "prod"
  admin_api_key       = var.api_keys["prod"].admin
  compliance_api_key  = var.api_keys["prod"].compliance
  workspace_id        = var.organizations["prod"].workspace_id
  organization_id     = var.organizations["prod"].organization_id
  admin_base_url      = var.organizations["prod"].admin_base_url
  compliance_base_url = var.organizations["prod"].compliance_base_url
}

provider "openai" {
  alias               = "dev"
  admin_api_key       = var.api_keys["dev"].admin
  compliance_api_key  = var.api_keys["dev"].compliance
  workspace_id        = var.organizations["dev"].workspace_id
  organization_id     = var.organizations["dev"].organization_id
  admin_base_url      = var.organizations["dev"].admin_base_url
  compliance_base_url = var.organizations["dev"].compliance_base_url
}

provider "openai" {
  alias               = "subsidiary"
  admin_api_key       = var.api_keys["subsidiary"].admin
  compliance_api_key  = var.api_keys["subsidiary"].compliance
  workspace_id        = var.organizations["subsidiary"].workspace_id
  organization_id     = var.organizations["subsidiary"].organization_id
  admin_base_url      = var.organizations["subsidiary"].admin_base_url
  compliance_base_url = var.organizations["subsidiary"].compliance_base_url
}

module "prod" {
  source    = "../../modules/posture-baseline"
  providers = { openai.org = openai.prod }

  organization = "prod"
  checks       = local.checks
  parameters   = local.parameters
  enforcement  = var.enforcement
}

module "dev" {
  source    = "../../modules/posture-baseline"
  providers = { openai.org = openai.dev }

  organization = "dev"
  checks       = local.checks
  parameters   = local.parameters
  enforcement  = var.enforcement
}

module "subsidiary" {
  source    = "../../modules/posture-baseline"
  providers = { openai.org = openai.subsidiary }

  organization = "subsidiary"
  checks       = local.checks
  parameters   = local.parameters
  enforcement  = var.enforcement
}

locals {
  fleet = { prod = module.prod, dev = module.dev, subsidiary = module.subsidiary }
}
