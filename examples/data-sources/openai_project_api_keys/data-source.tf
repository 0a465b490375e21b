# Every project key of the organization, archived projects included.
data "openai_project_api_keys" "all" {}

# Only the keys of one project.
data "openai_project_api_keys" "production" {
  project_id = "proj_abc123"

  lifecycle {
    postcondition {
      condition     = alltrue([for k in self.keys : k.owner.type == "service_account"])
      error_message = "Production keys must belong to service accounts, not people."
    }
  }
}

# Only the keys of a few projects: only those projects' keys are requested.
data "openai_project_api_keys" "customer_facing" {
  project_ids = ["proj_abc123", "proj_docs_research"]
}

output "customer_facing_key_names" {
  value = [for k in data.openai_project_api_keys.customer_facing.keys : "${k.project_id}/${k.name}"]
}

# Keys whose owner no longer has access to the project.
output "orphaned_project_keys" {
  value = [
    for k in data.openai_project_api_keys.all.keys : "${k.project_id}/${k.name}"
    if k.owner_project_access == "inactive"
  ]
}

output "project_keys_older_than_a_year" {
  value = [for k in data.openai_project_api_keys.all.keys : k.redacted_value if k.age_days > 365]
}
