# Service accounts of every active project. The API does not list the
# service accounts of archived projects; those are named in
# skipped_archived_project_ids.
data "openai_service_accounts" "all" {}

data "openai_service_accounts" "production" {
  project_id = "proj_abc123"
}

output "service_accounts_by_project" {
  value = {
    for sa in data.openai_service_accounts.all.service_accounts : sa.project_id => sa.name...
  }
}

output "projects_not_inspected" {
  value = data.openai_service_accounts.all.skipped_archived_project_ids
}
