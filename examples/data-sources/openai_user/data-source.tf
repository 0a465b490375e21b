# Exactly one of id and email.
data "openai_user" "security_lead" {
  email = "security-lead@example.com"

  lifecycle {
    postcondition {
      condition     = self.role == "owner"
      error_message = "The security lead must be an organization owner."
    }
  }
}

data "openai_user" "by_id" {
  id = "user-abc123"
}

output "security_lead_added_at" {
  value = data.openai_user.security_lead.added_at
}
