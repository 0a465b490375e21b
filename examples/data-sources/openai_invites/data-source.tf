data "openai_invites" "all" {}

output "pending_invites" {
  value = {
    for i in data.openai_invites.all.invites : i.email => {
      role       = i.role
      expires_at = i.expires_at
      projects   = [for p in i.projects : "${p.id}:${p.role}"]
    }
    if i.status == "pending"
  }
}

check "no_pending_owner_invites" {
  assert {
    condition     = length([for i in data.openai_invites.all.invites : i if i.status == "pending" && i.role == "owner"]) == 0
    error_message = "An invitation to become organization owner is pending."
  }
}
