# The default checks that support ISO/IEC 27001:2022 access control
# (A.5.15) or privileged access rights (A.8.2), with a score per framework.
data "openai_posture_findings" "access_control" {
  frameworks = ["iso27001:A.5.15", "iso27001:A.8.2"]
}

output "access_control_checks" {
  value = data.openai_posture_findings.access_control.evaluated_checks
}

output "framework_scores" {
  value = data.openai_posture_findings.access_control.framework_scores
}

# How many of the catalog's checks tagged with each framework were evaluated:
# a score covers only those.
output "framework_coverage" {
  value = data.openai_posture_findings.access_control.framework_coverage
}
