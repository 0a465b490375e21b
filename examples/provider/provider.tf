terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

# Keys are best given through the environment (OPENAI_ADMIN_KEY,
# OPENAI_COMPLIANCE_API_KEY) so they never appear in HCL. They are Sensitive
# and never written to state.
provider "openai" {
  workspace_id = "8d0f7a4e-3c1b-4f5e-9a2d-6b7c8e9f0a1b"

  # Optional tuning; these are the defaults.
  request_timeout                = "30s"
  total_timeout                  = "5m"
  max_retries                    = 4
  compliance_requests_per_minute = 0 # adaptive: burst, then follow Retry-After and 429s
}
