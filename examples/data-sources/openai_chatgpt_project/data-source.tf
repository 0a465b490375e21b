data "openai_chatgpt_project" "launch" {
  id = "g-p-abc123"

  lifecycle {
    postcondition {
      condition     = alltrue([for u in self.shared_users : try(endswith(lower(u.email), "@example.com"), false)])
      error_message = "The launch project is shared outside example.com."
    }
  }
}

output "launch_project" {
  value = {
    name            = data.openai_chatgpt_project.launch.latest_config.name
    owner           = data.openai_chatgpt_project.launch.owner_email
    visibility      = data.openai_chatgpt_project.launch.visibility
    config_versions = data.openai_chatgpt_project.launch.config_versions
    files           = data.openai_chatgpt_project.launch.latest_config.knowledge_file_names
    shared_with     = [for u in data.openai_chatgpt_project.launch.shared_users : u.email]
  }
}
