data "openai_admin_api_keys" "all" {}

# Admin keys unused for 90 days or more (never-used keys have a null
# days_since_last_use and are listed by the second expression).
output "stale_admin_keys" {
  value = [for k in data.openai_admin_api_keys.all.keys : k.name if coalesce(k.days_since_last_use, 0) >= 90]
}

output "never_used_admin_keys" {
  value = [for k in data.openai_admin_api_keys.all.keys : k.name if k.last_used_at == null]
}
