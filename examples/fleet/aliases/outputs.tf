# Per organization: passed, score and counts; the reports as maps keyed by
# organization, for the merge command (`posturemerge -tf-plan` on `show -json`
# of a saved plan; `terraform output -json` can be stale after a failed plan).
output "summary" {
  value = { for org, m in local.fleet : org => { passed = m.passed, score = m.score, counts = m.counts } }
}

output "sarif" {
  value = { for org, m in local.fleet : org => m.sarif }
}

output "json" {
  value = { for org, m in local.fleet : org => m.json }
}
