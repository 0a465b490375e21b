# One posture baseline, instantiated once per organization. The caller passes
# the organization's provider configuration as `openai.org`; there is no
# implicit default, so a module block that forgets `providers` is an error
# instead of a silent check of the wrong organization.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    openai = {
      source                = "openai-posture/openai"
      configuration_aliases = [openai.org]
    }
  }
}

locals {
  # Parameters and waivers by check, for the one-resource-per-check gate.
  waivers_by_check = {
    for id in var.checks : id => [
      for w in var.waivers : {
        subject       = w.subject
        finding       = w.finding
        match         = w.match
        justification = w.justification
        expires       = w.expires
      } if w.check == id
    ]
  }
  # Every waiver must name a check of the baseline: a typo would otherwise
  # silently waive nothing.
  unknown_waiver_checks = setsubtract(toset([for w in var.waivers : w.check]), toset(var.checks))
}

# The gate: one rule per check. With enforcement "error" the plan fails while
# a check has unwaived findings; with "warn" they are warnings, and a new or
# fixed finding is a planned change of `accepted_findings`.
resource "openai_posture_check" "this" {
  provider = openai.org
  for_each = var.gate ? toset(var.checks) : toset([])

  check       = each.key
  enforcement = var.enforcement
  parameters  = lookup(var.parameters, each.key, null)
  waivers     = length(local.waivers_by_check[each.key]) > 0 ? local.waivers_by_check[each.key] : null

  lifecycle {
    precondition {
      condition     = length(local.unknown_waiver_checks) == 0
      error_message = "Waivers name checks that are not in var.checks: ${join(", ", sort(tolist(local.unknown_waiver_checks)))}."
    }
  }
}

# The report: the same checks, parameters and waivers evaluated at once,
# rendered as SARIF, JUnit and JSON for the pipeline's artifacts.
data "openai_posture_findings" "this" {
  provider = openai.org

  checks      = var.checks
  parameters  = length(var.parameters) > 0 ? var.parameters : null
  waivers     = length(var.waivers) > 0 ? var.waivers : null
  enforcement = var.enforcement

  lifecycle {
    # Without the gate nothing fails the plan on findings: enforcement
    # "error" would promise what the module does not do. (A variable
    # validation cannot read another variable before Terraform 1.9.)
    precondition {
      condition     = var.gate || var.enforcement == "warn"
      error_message = "gate = false declares no openai_posture_check, so enforcement = \"error\" would fail nothing: set enforcement = \"warn\" for a report-only run, or keep gate = true."
    }
  }
}
