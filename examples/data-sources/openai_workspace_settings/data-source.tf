data "openai_workspace_settings" "org" {
  lifecycle {
    postcondition {
      condition     = self.audit_logs_readable
      error_message = "The audit log is not readable: ${coalesce(self.audit_logs_error, "unknown reason")}"
    }
    postcondition {
      condition     = try(self.spend_limit.enforcing, false)
      error_message = "No spend limit is enforcing."
    }
  }
}

output "data_retention" {
  value = {
    organization = data.openai_workspace_settings.org.organization_data_retention
    projects     = { for p in data.openai_workspace_settings.org.projects : p.id => p.data_retention }
  }
}

# Projects with MCP enabled, and projects without a model allow list.
output "projects_with_mcp" {
  value = [for p in data.openai_workspace_settings.org.projects : p.id if lookup(p.hosted_tool_permissions, "mcp", false) == true]
}

output "projects_without_model_allow_list" {
  value = [for p in data.openai_workspace_settings.org.projects : p.id if try(p.model_permissions.mode, null) != "allow_list"]
}

output "certificates_expiring_within_30_days" {
  value = [for c in data.openai_workspace_settings.org.certificates : c.name if c.active == true && c.days_until_expiry < 30]
}
