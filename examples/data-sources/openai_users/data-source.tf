data "openai_users" "all" {}

output "organization_owners" {
  value = [for u in data.openai_users.all.users : u.email if u.role == "owner"]
}

# Users provisioned by hand rather than by SCIM.
output "users_not_scim_managed" {
  value = [for u in data.openai_users.all.users : u.email if u.is_scim_managed == false]
}

# Users whose API keys have not been used for 90 days or more.
output "dormant_api_users" {
  value = [for u in data.openai_users.all.users : u.email if coalesce(u.days_since_api_key_last_used, 0) >= 90]
}
