# Needs compliance_api_key and workspace_id in the provider configuration.
data "openai_workspace_users" "all" {}

output "workspace_admins" {
  value = [
    for u in data.openai_workspace_users.all.users : u.email
    if contains(["account-owner", "account-admin"], coalesce(u.role, "unknown"))
  ]
}

output "inactive_workspace_users" {
  value = [for u in data.openai_workspace_users.all.users : u.email if u.status == "inactive"]
}
