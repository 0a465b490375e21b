data "openai_gpt" "hr_helper" {
  id = "g-abc123"

  lifecycle {
    postcondition {
      condition     = self.visibility != "gpt-store" && self.visibility != "anyone-with-link"
      error_message = "The HR helper must not be reachable outside the workspace."
    }
  }
}

output "hr_helper" {
  value = {
    name            = data.openai_gpt.hr_helper.latest_config.name
    owner           = data.openai_gpt.hr_helper.owner_email
    config_versions = data.openai_gpt.hr_helper.config_versions
    knowledge_files = data.openai_gpt.hr_helper.latest_config.knowledge_file_names
    shared_with     = [for u in data.openai_gpt.hr_helper.shared_users : u.email]
  }
}
