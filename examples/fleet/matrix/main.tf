# One organization per run: the root module of the CI matrix pattern. Each
# job of the matrix plans this root for one organization, with its own state
# and its own keys (from its own secret, through the environment:
# OPENAI_ADMIN_KEY, OPENAI_COMPLIANCE_API_KEY, OPENAI_WORKSPACE_ID), and
# writes the reports for the merge job.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

variable "organization" {
  description = "The organization's short name (the matrix entry)."
  type        = string
}

variable "enforcement" {
  description = "error fails the plan on unwaived findings; warn reports them."
  type        = string
  default     = "error"
}

variable "waivers" {
  description = "This organization's waivers (from its own tfvars file)."
  # The module's waiver type: finding and match must be declared here too,
  # or Terraform drops them before the module sees them.
  type = list(object({
    check         = string
    subject       = string
    finding       = optional(string)
    match         = optional(string)
    justification = string
    expires       = string
  }))
  default = []
}

provider "openai" {}

module "baseline" {
  source    = "../../modules/posture-baseline"
  providers = { openai.org = openai }

  organization = var.organization
  checks       = local.checks
  parameters   = local.parameters
  waivers      = var.waivers
  enforcement  = var.enforcement
}

output "passed" {
  value = module.baseline.passed
}

output "score" {
  value = module.baseline.score
}

output "counts" {
  value = module.baseline.counts
}

output "sarif" {
  value = module.baseline.sarif
}

output "json" {
  value = module.baseline.json
}

output "ocsf" {
  value = module.baseline.ocsf
}
