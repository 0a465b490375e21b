output "organization" {
  description = "The organization's short name, as given."
  value       = var.organization
}

output "passed" {
  description = "True when no check has an unwaived finding."
  value       = data.openai_posture_findings.this.passed
}

output "score" {
  description = "Posture score from 0 to 100."
  value       = data.openai_posture_findings.this.score
}

output "counts" {
  description = "Unwaived findings by severity (`critical`, `high`, `medium`, `low`), plus `waived`, `rules` and `rules_passed`."
  value       = data.openai_posture_findings.this.counts
}

output "checks" {
  description = "Per check of the gate: passed and the number of unwaived findings (empty when `gate` is false)."
  value = {
    for id, c in openai_posture_check.this : id => {
      passed        = c.passed
      finding_count = c.finding_count
      severity      = c.severity
    }
  }
}

output "findings" {
  description = "Every finding, waived or not (check, subject, severity, fingerprint, waiver state, ...)."
  value       = data.openai_posture_findings.this.findings
}

output "sarif" {
  description = "The findings as a SARIF 2.1.0 log."
  value       = data.openai_posture_findings.this.sarif
}

output "junit" {
  description = "The findings as JUnit XML."
  value       = data.openai_posture_findings.this.junit
}

output "json" {
  description = "The findings as the JSON report (summary, rules, findings, errors)."
  value       = data.openai_posture_findings.this.json
}

output "ocsf" {
  description = "The findings as a JSON array of OCSF Compliance Findings (class 2003), for a SIEM."
  value       = data.openai_posture_findings.this.ocsf
}
