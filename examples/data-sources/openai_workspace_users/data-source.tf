# Needs compliance_api_key and workspace_id in the provider configuration.
# Filters keep state small: a block stores only the users it asks for, all
# blocks share one listing of the workspace, and posture checks still read
# every user.
data "openai_workspace_users" "owners" {
  role = "account-owner"
}

data "openai_workspace_users" "admins" {
  role = "account-admin"
}

output "workspace_admins" {
  value = concat(data.openai_workspace_users.owners.users[*].email, data.openai_workspace_users.admins.users[*].email)
}

data "openai_workspace_users" "inactive" {
  status = "inactive"
}

output "inactive_workspace_users" {
  value = data.openai_workspace_users.inactive.users[*].email
}
