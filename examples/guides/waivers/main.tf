# Waivers name the subject's id: the one thing about a GPT, key or user that
# its owner cannot change.
resource "openai_posture_check" "gpt_public_link" {
  check = "gpt_public_link"

  waivers = [
    # One GPT, by id: the narrowest subject there is.
    {
      subject       = "g-PressKit"
      justification = "Press kit assistant, public by design. Approved by security, SEC-1289."
      expires       = "2027-03-31"
    },
  ]
}

resource "openai_posture_check" "gpt_external_share" {
  check      = "gpt_external_share"
  parameters = { allowed_domains = ["example.com"] }

  waivers = [
    # The finding's subject is the GPT; finding (its fingerprint, from the
    # plan's findings) narrows the waiver to the one outside recipient that
    # was reviewed. A new outside recipient of this GPT, or any other GPT
    # shared outside example.com, still fails.
    {
      subject       = "g-AuditWorkpapers"
      finding       = "7f020118fbed9641f81cd3ad5f8ffeee" # lead@auditor.example
      justification = "External audit FY2026 (auditor.example), engagement letter in LEGAL-77."
      expires       = "2027-01-31T18:00:00Z"
    },
  ]
}
