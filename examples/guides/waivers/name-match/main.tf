# Matching a name is explicit, and weaker: whoever can name a key can bring
# it under this waiver. Use it only where the id is not stable enough to name,
# and keep the expiry short.
resource "openai_posture_check" "admin_key_unused" {
  check = "admin_key_unused"

  waivers = [
    {
      subject       = "break-glass-admin-key"
      match         = "name"
      justification = "Break-glass key, kept unused on purpose; rotated by the on-call runbook (SEC-1301)."
      expires       = "2027-02-28"
    },
  ]
}
