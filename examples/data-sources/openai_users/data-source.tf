# Filters keep state small: a block stores only the users it asks for, all
# blocks share one listing of the organization, and posture checks still
# read every user.
data "openai_users" "owners" {
  role = "owner"
}

output "organization_owners" {
  value = data.openai_users.owners.users[*].email
}

# Users provisioned by hand rather than by SCIM.
data "openai_users" "not_scim_managed" {
  is_scim_managed = false
}

output "users_not_scim_managed" {
  value = data.openai_users.not_scim_managed.users[*].email
}

# Company accounts (other domains left out) whose API keys have not been
# used for 90 days or more.
data "openai_users" "company" {
  email_suffix = "@example.com"
}

output "dormant_api_users" {
  value = [for u in data.openai_users.company.users : u.email if coalesce(u.days_since_api_key_last_used, 0) >= 90]
}
