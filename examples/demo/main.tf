# The demo baseline, planned by `make demo` against the simulator. The keys,
# base URLs and workspace id come from the environment the demo sets
# (OPENAI_ADMIN_KEY, OPENAI_ADMIN_BASE_URL, ...).
terraform {
  required_providers {
    openai = {
      source = "openai-posture/openai"
    }
  }
}

provider "openai" {}

data "openai_admin_api_keys" "all" {}

output "admin_keys" {
  value = {
    for k in data.openai_admin_api_keys.all.keys : k.name => {
      age_days            = k.age_days
      days_since_last_use = k.days_since_last_use
      expires_at          = k.expires_at
    }
  }
}
