# The same baseline as one report: findings, counts, a score and SARIF, JUnit
# and JSON renderings. `make demo` writes the SARIF with
# `terraform output -raw sarif`.
data "openai_posture_findings" "report" {
  parameters  = local.declarations
  enforcement = var.enforcement
}

output "score" {
  value = data.openai_posture_findings.report.score
}

output "unwaived_findings" {
  value = data.openai_posture_findings.report.counts
}

output "sarif" {
  value = data.openai_posture_findings.report.sarif
}

output "junit" {
  value = data.openai_posture_findings.report.junit
}
