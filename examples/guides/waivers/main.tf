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
    # A wildcard: every share with the auditors' domain, for the engagement.
    {
      subject       = "*@auditor.example"
      justification = "External audit FY2026, engagement letter in LEGAL-77."
      expires       = "2027-01-31T18:00:00Z"
    },
  ]
}
