# Per organization: passed, score and counts; the reports as maps keyed by
# organization, for `terraform output -json sarif` and the merge command.
output "summary" {
  value = { for org, m in local.fleet : org => { passed = m.passed, score = m.score, counts = m.counts } }
}

output "sarif" {
  value = { for org, m in local.fleet : org => m.sarif }
}

output "json" {
  value = { for org, m in local.fleet : org => m.json }
}
